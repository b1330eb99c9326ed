package dev.tasks.core;

/**
 * Checks on strings that the domain's rules share: well-formed Unicode and control characters.
 *
 * <p>Lengths in this library are counted in Unicode code points ("characters" as a person counts
 * them), not UTF-16 units, so an emoji counts once.
 */
public final class Text {

    private Text() {
    }

    /**
     * Tells whether a string is valid Unicode that every store can keep: no lone surrogate and no NUL.
     *
     * @param s a string
     * @return true if every surrogate is paired and no character is U+0000
     */
    public static boolean isWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a string holds a control character (Unicode category Cc: U+0000–U+001F and
     * U+007F–U+009F).
     *
     * @param s a string
     * @return true if any character is a control character
     */
    public static boolean hasControlCharacter(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether a string shows nothing: every character is white space, a space separator (such as
     * U+00A0 NO-BREAK SPACE) or an invisible format character (such as U+200B ZERO WIDTH SPACE).
     *
     * @param s a string
     * @return true if empty or made only of such characters
     */
    public static boolean isBlank(String s) {
        return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /**
     * Counts the characters of a string as a person does: in code points.
     *
     * @param s a string
     * @return the number of code points (a lone surrogate counts as one)
     */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The most characters of a caller's text that an error message quotes. */
    public static final int MAX_QUOTED = 64;

    /**
     * A caller's text as an error message may quote it: on one line and short, so that a message stays
     * fit for an API client whatever the caller sent. Control characters become {@code U+FFFD}, a lone
     * surrogate too, and text longer than {@value #MAX_QUOTED} characters is cut there and ends with
     * {@code …}.
     *
     * <pre>{@code
     * Text.quoted("a\nb")  // "a\uFFFDb"
     * }</pre>
     *
     * @param s the caller's text
     * @return at most {@value #MAX_QUOTED} characters plus an ellipsis, with no control character
     */
    public static String quoted(String s) {
        return quoted(s, MAX_QUOTED);
    }

    /**
     * A caller's text as an error message may quote it, cut at a given length; see {@link #quoted(String)}.
     *
     * @param s the caller's text
     * @param max the most characters kept, at least 1
     * @return at most {@code max} characters plus an ellipsis, with no control character
     */
    public static String quoted(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max * 2) + 1);
        int count = 0;
        for (int i = 0, n = s.length(); i < n; count++) {
            if (count == max) {
                return out.append('…').toString();
            }
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean shown = !Character.isISOControl(c) && Character.getType(c) != Character.SURROGATE;
            out.appendCodePoint(shown ? c : 0xFFFD);
        }
        return out.toString();
    }
}
