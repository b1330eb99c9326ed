package dev.tasks.reliability.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A JSON writer for hostile bodies. Jackson's own writer refuses to write a lone surrogate and cannot
 * repeat a key, and both are what a hostile client sends; this one writes every character outside
 * printable ASCII as a {@code \\uXXXX} escape (so a lone surrogate or a NUL is a well-formed JSON escape
 * whose value is not well-formed text), and writes a {@link Pairs} value with its keys as given, repeats
 * included.
 */
final class Json {

    /** JSON {@code null} (a Java null in a tree means "leave the member out"). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Text written as it is: a number in any spelling, or anything else the tree cannot say. */
    record Raw(String text) {
    }

    /** An object whose members are written in this order, repeated keys included. */
    record Pairs(List<Map.Entry<String, Object>> members) {
    }

    private Json() {
    }

    static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == NULL || value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(s, sb);
        } else if (value instanceof Raw raw) {
            sb.append(raw.text());
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof Pairs pairs) {
            sb.append('{');
            for (int i = 0; i < pairs.members().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(pairs.members().get(i).getKey(), sb);
                sb.append(':');
                write(pairs.members().get(i).getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(list.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
