package dev.tasks.json.stora;

import java.util.Objects;

/**
 * One entry of {@code meta.curies} in every Stora response: a HAL compact URI that names where the
 * embedding service's own apps live (Stora's example names a back office and a storefront).
 *
 * <pre>{@code
 * new Curie("bo", "https://app.example.com{rel}", true, "Backoffice")
 * // {"name": "bo", "href": "https://app.example.com{rel}", "templated": true, "title": "Backoffice"}
 * }</pre>
 *
 * @param name the prefix, e.g. {@code bo}; not blank
 * @param href the URI or URI template, e.g. {@code https://app.example.com{rel}}; not blank
 * @param templated whether {@code href} is a URI template
 * @param title what the prefix names, for people, e.g. {@code Backoffice}
 */
public record Curie(String name, String href, boolean templated, String title) {

    /**
     * Checks the values.
     *
     * @param name the prefix, e.g. {@code bo}; not blank
     * @param href the URI or URI template; not blank
     * @param templated whether {@code href} is a URI template
     * @param title what the prefix names, for people
     * @throws NullPointerException naming the null component
     * @throws IllegalArgumentException if {@code name} or {@code href} is blank
     */
    public Curie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(title, "title");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a curie's name must not be blank");
        }
        if (href.isBlank()) {
            throw new IllegalArgumentException("a curie's href must not be blank");
        }
    }
}
