package dev.tasks.reliability.hostile;

import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.TaskGenerators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile values: what an attacker, a buggy client or a copy-paste puts in a request.
 * Valid values come from the TCK's generators ({@link TaskGenerators}, {@link RequestGenerators}); this
 * class mixes into them SQL and LIKE metacharacters, control characters, NUL, lone surrogates, strings at
 * and far beyond their limits, invisible and look-alike characters, extreme instants and numbers.
 *
 * <p>Many hostile values are valid (a title may hold {@code '; DROP TABLE tasks; --}): those must be
 * stored exactly, which is what checks the SQL stores' quoting. The others must be refused by validation,
 * before any store sees them. {@link Rules} says which is which.
 */
public final class Hostile {

    /** SQL, LIKE and comment metacharacters, alone and in the shapes injections take. */
    public static final List<String> SQL = List.of(
            "'", "''", "\"", ";", "--", "%", "_", "\\", "/*", "*/", "`", "[", "]", "^", "?", "$1", ":p", "@p",
            "' OR '1'='1", "'; DROP TABLE tasks; --", "\"; DELETE FROM task_metadata; --", "') OR 1=1 --",
            "%_%", "\\%", "\\_", "%%", "__", "\\\\", "' || '", "/**/", "E'\\x00'", "$$", "$tag$", "1; SELECT pg_sleep(1)",
            "ESCAPE '\\'", "[a-z]%", "\u02bc", "\uff07", "\u2019");

    /** Control characters of category Cc (NUL apart), which titles and external ids refuse. */
    public static final List<String> CONTROL = List.of(
            "\t", "\n", "\r", "\r\n", "\u000B", "\u000C", "\u0001", "\u001B[31m", "\u001F", "\u007F", "\u0085", "\u009F");

    /** What no store can keep: NUL and lone or reversed surrogates. */
    public static final List<String> BAD_UNICODE = List.of(
            "\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "a\uD83D", "\uDE00b");

    /** Valid but tricky: invisible, right-to-left, combining, supplementary, case-folding traps, markup. */
    public static final List<String> TRICKY = List.of(
            "\u202E", "\uFEFF", "\u200B", "\u00A0", "\u2028", "\u3000", "e\u0301", "\uD83D\uDE00", "\uDBFF\uDFFF", "\uFFFF",
            "\u0130", "\u0131", "\u00DF", "\u212A", "\u01C5", "<script>alert(1)</script>", "{\"a\":1}", "%s%n",
            "${jndi:ldap://x}", "\\u0000", "..\\..\\", "NULL", "null", "undefined", "NaN");

    /**
     * Title fragments and titles made to test {@code titleContains}: each holds a LIKE metacharacter
     * beside a look-alike that a wildcard would also match ({@code 100% done} and {@code 100 x done}).
     */
    public static final List<String> NEEDLE_TITLES = List.of(
            "100% done", "100 x done", "a_b", "aXb", "A_B", "back\\slash", "back/slash", "it's", "its", "O''Brien",
            "50%_off", "50 off", "\"quoted\"", "semi;colon", "dash--dash", "c/*comment*/", "[bracket]", "caret^",
            "\u0130stanbul", "istanbul", "stra\u00DFe", "STRASSE", "\uD83D\uDE00 party", "tab\u00A0nbsp");

    /** Fragments looked for with {@code titleContains}: the metacharacters, their escapes and case variants. */
    public static final List<String> NEEDLES = List.of(
            "%", "_", "\\", "'", "''", "\"", ";", "--", "/*", "[", "^", "%_", "\\%", "\\_", "a_b", "A_B", "a%b", "100%",
            "100%%", "0% d", "s\\s", "\u0130", "i", "\u00DF", "ss", "\uD83D\uDE00", "", " ", "\u00A0", "O'", "'B");

    /** Idempotency keys: valid ones that differ from each other only by a metacharacter or case, and invalid ones. */
    public static final List<String> KEYS = List.of(
            "k", "K", "k%", "k_", "kX", "k\\", "k'", "k''", "k;--", "k/*", "%", "_", " k", "k ",
            "'; DROP TABLE task_idempotency_records; --", "x".repeat(255),
            "", " ", "   ", "x".repeat(256), "k\n", "k\u0000", "k\uD800", "k\u00E9", "k\u007F", "\t");

    /** Instants at and beyond the edges: Instant.MIN and MAX, year 0, year 10000, a millisecond out, sub-millisecond parts. */
    public static final List<Instant> EXTREME_INSTANTS = List.of(
            Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-12-31T23:59:59.999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Rules.MIN_INSTANT, Rules.MAX_INSTANT, Rules.MIN_INSTANT.minusMillis(1),
            Rules.MAX_INSTANT.plusMillis(1), Rules.MAX_INSTANT.plusNanos(1), Rules.MIN_INSTANT.minusNanos(1),
            Instant.parse("1582-10-05T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE));

    /** Integers at the edges of every range the API has (limits, offsets, pages). */
    public static final List<Integer> EXTREME_INTS = List.of(
            Integer.MIN_VALUE, -100_001, -1, 0, 1, 2, 24, 25, 26, 99, 100, 101, 99_999, 100_000, 100_001, Integer.MAX_VALUE);

    /** Versions at the edges. */
    public static final List<Long> EXTREME_LONGS = List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);

    private Hostile() {
    }

    /**
     * Hostile strings for a field whose longest valid value has {@code limit} code points: valid values
     * with metacharacters inserted, fragments alone, strings of one repeated unit just under, at and
     * far over the limit, blank ones, and the TCK's valid values untouched.
     *
     * @param valid valid values of the field (from the TCK)
     * @param limit the field's longest valid length, in code points
     * @return the generator
     */
    public static Gen<String> strings(Gen<String> valid, int limit) {
        List<String> all = new ArrayList<>();
        all.addAll(SQL);
        all.addAll(CONTROL);
        all.addAll(BAD_UNICODE);
        all.addAll(TRICKY);
        List<String> units = List.of("a", "\u00E9", "\uD83D\uDE00", "'", "%", "\\", "\u0000", "\n", " ", "\u200B");
        return in -> switch (range(in, 0, 19)) {
            case 0, 1, 2 -> pick(in, all);
            case 3, 4, 5, 6, 7, 8 -> {
                String s = valid.generate(in);
                int n = range(in, 1, 3);
                for (int i = 0; i < n; i++) {
                    s = insert(in, s, pick(in, all));
                }
                yield s;
            }
            case 9, 10 -> {
                String unit = pick(in, units);
                // Far beyond every limit now and then only: a 100,000-character string costs milliseconds in
                // every check, and one in a hundred of these is enough to meet every field many times a run.
                int n = switch (range(in, 0, 99)) {
                    case 0 -> 100_000;
                    default -> switch (range(in, 0, 4)) {
                        case 0 -> limit - 1;
                        case 1 -> limit;
                        case 2 -> limit + 1;
                        case 3 -> 2 * limit + 7;
                        default -> range(in, 1, 50);
                    };
                };
                yield unit.repeat(Math.max(0, n));
            }
            case 11 -> pick(in, List.of("", " ", "  ", "\t", "\u00A0", "\u200B", "\u3000", "\uFEFF", "\u2007 \u202F"));
            case 12 -> pick(in, NEEDLE_TITLES);
            default -> valid.generate(in);
        };
    }

    /** Hostile idempotency keys: mostly the small pool (so that keys are reused), else the TCK's random valid keys. */
    public static Gen<String> keys() {
        Gen<String> random = RequestGenerators.idempotencyKeys();
        return in -> range(in, 0, 9) < 8 ? pick(in, KEYS) : random.generate(in);
    }

    /** Instants: the TCK's valid ones (edges included), the extreme ones above, and the TCK's out-of-range ones. */
    public static Gen<Instant> instants() {
        Gen<Instant> valid = RequestGenerators.dueTimes();
        Gen<Instant> outside = RequestGenerators.outOfRangeInstants();
        return in -> switch (range(in, 0, 5)) {
            case 0, 1 -> pick(in, EXTREME_INSTANTS);
            case 2 -> outside.generate(in);
            default -> valid.generate(in);
        };
    }

    /** Limits, offsets, page numbers: the edges, and now and then anything an int holds. */
    public static Gen<Integer> ints() {
        return in -> range(in, 0, 9) < 8 ? pick(in, EXTREME_INTS) : Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE).generate(in);
    }

    /** Entity ids: the TCK's valid ones, its malformed ones, and hostile strings around 128 characters. */
    public static Gen<String> entityIds() {
        Gen<String> valid = RequestGenerators.entityIds();
        Gen<String> malformed = RequestGenerators.malformedEntityIds();
        Gen<String> hostile = strings(valid, 128);
        return in -> switch (range(in, 0, 5)) {
            case 0, 1 -> valid.generate(in);
            case 2 -> malformed.generate(in);
            default -> hostile.generate(in);
        };
    }

    /** Relationship names: known ones, case and spelling look-alikes, and hostile strings. */
    public static Gen<String> relationshipNames() {
        List<String> names = List.of("$assignedTo", "$account", "$opportunity", "$resource", "$site", "$createdBy", "$note",
                RequestGenerators.PROJECT, RequestGenerators.WATCHERS, "$ASSIGNEDTO", "$assignedto", "assignedTo",
                "$assignedTo ", " $assignedTo", "$assigned%", "$assigned_o", "$", "", "project'", "PROJECT", "watchers--");
        Gen<String> hostile = strings(in -> pick(in, names), 63);
        return in -> range(in, 0, 2) < 2 ? pick(in, names) : hostile.generate(in);
    }

    // ------------------------------------------------------------------ helpers for generators

    static int range(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(range(in, 0, values.size() - 1));
    }

    static boolean chance(RandomnessSource in, int percent) {
        return range(in, 0, 99) < percent;
    }

    /** Inserts {@code what} at a code point boundary of {@code s}, so that the insertion alone decides validity. */
    static String insert(RandomnessSource in, String s, String what) {
        int at = range(in, 0, s.codePointCount(0, s.length()));
        int index = s.offsetByCodePoints(0, at);
        return s.substring(0, index) + what + s.substring(index);
    }

    /** A value for failure messages: long strings cut, invisible characters shown as escapes. */
    public static String show(Object value) {
        String s = String.valueOf(value);
        if (s.length() > 300) {
            s = s.substring(0, 200) + "…(" + s.length() + " chars)…" + s.substring(s.length() - 60);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) && !isPaired(s, i) || c == 0x2028 || c == 0x202E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isPaired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
