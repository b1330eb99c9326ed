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
}
