package dev.tasks.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A curl command as a documentation page writes it, parsed the way a POSIX shell and curl would read it:
 * backslash-newline continuations, single quotes (literal), double quotes (with {@code $VAR} expanded
 * from the given environment), and the options {@code --request/-X}, {@code --url} or a bare URL,
 * {@code --header/-H} and {@code --data/-d}. The command ends with its last argument: text that follows
 * it on the page (the example response) is not part of it.
 *
 * @param method the HTTP method (curl's default: POST with data, GET without)
 * @param url the URL
 * @param headers the headers in order
 * @param data the body, exactly as the shell would pass it, if any
 */
record CurlCommand(String method, URI url, Map<String, String> headers, Optional<String> data) {

    /**
     * Finds the first curl command in a page and parses it.
     *
     * @param page the page's text
     * @param environment the shell variables, e.g. {@code API_KEY}
     * @return the command
     */
    static CurlCommand first(String page, Map<String, String> environment) {
        int start = page.indexOf("curl ");
        if (start < 0) {
            throw new IllegalArgumentException("no curl command in the page");
        }
        List<String> words = words(page.substring(start), environment);
        String method = null;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        String data = null;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "--request", "-X" -> method = words.get(++i);
                case "--url" -> url = words.get(++i);
                case "--header", "-H" -> {
                    String h = words.get(++i);
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                }
                case "--data", "-d" -> {
                    data = words.get(++i);
                    i = words.size(); // the page's text after the data is the example's response
                }
                default -> {
                    if (w.startsWith("-")) {
                        throw new IllegalArgumentException("unsupported curl option " + w);
                    }
                    url = w;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("the curl command has no URL");
        }
        if (method == null) {
            method = data == null ? "GET" : "POST";
        }
        return new CurlCommand(method, URI.create(url), headers, Optional.ofNullable(data));
    }

    /** The same command sent to another host (scheme, host and port replaced; path and query kept). */
    CurlCommand at(URI base) {
        URI moved = URI.create(base.getScheme() + "://" + base.getRawAuthority() + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        return new CurlCommand(method, moved, headers, data);
    }

    /** The same command with another bearer token (the page's placeholder, such as {@code <token>}, replaced). */
    CurlCommand withBearer(String token) {
        Map<String, String> replaced = new LinkedHashMap<>(headers);
        replaced.replaceAll((name, value) -> name.equalsIgnoreCase("Authorization") ? "Bearer " + token : value);
        return new CurlCommand(method, url, replaced, data);
    }

    /** The request curl would send. */
    HttpRequest toRequest() {
        HttpRequest.Builder b = HttpRequest.newBuilder(url);
        headers.forEach(b::header);
        b.method(method, data.map(d -> HttpRequest.BodyPublishers.ofString(d, StandardCharsets.UTF_8))
                .orElse(HttpRequest.BodyPublishers.noBody()));
        return b.build();
    }

    /** Splits shell words up to the end of the command (an unquoted newline not escaped by a backslash). */
    private static List<String> words(String text, Map<String, String> environment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i += 2; // line continuation
                continue;
            }
            if (c == '\n' || c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                    if (isDataOption(words, 2)) {
                        return words; // the data was the last argument
                    }
                }
                if (c == '\n' && !continues(words)) {
                    return words;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                word.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                word.append(expand(text.substring(i + 1, end), environment));
                i = end + 1;
            } else {
                word.append(c);
                i++;
            }
            if (word != null && isDataValue(words) && (i >= text.length() || text.charAt(i) != ' ')) {
                // a quoted data argument ends at its closing quote: what follows on the page is the response
                if (c == '\'' || c == '"') {
                    words.add(word.toString());
                    return words;
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static boolean isDataValue(List<String> words) {
        return !words.isEmpty() && (words.get(words.size() - 1).equals("--data") || words.get(words.size() - 1).equals("-d"));
    }

    private static boolean isDataOption(List<String> words, int fromEnd) {
        return words.size() >= fromEnd && (words.get(words.size() - fromEnd).equals("--data") || words.get(words.size() - fromEnd).equals("-d"));
    }

    /** A newline ends the command unless an option still waits for its value (pages wrap long commands). */
    private static boolean continues(List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        String last = words.get(words.size() - 1);
        return last.startsWith("-") || words.size() == 1;
    }

    private static String expand(String text, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_')) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                out.append(environment.getOrDefault(name, ""));
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
