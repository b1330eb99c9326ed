package dev.tasks.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * A permission an {@link Actor} holds. Spelled as Lightfield spells them ({@code tasks:read}, …);
 * Stora's {@code public.task:read} and {@code public.task:write} map onto them with {@link #parse}.
 *
 * <p>Reads (get, list, count) need {@link #READ}; create needs {@link #CREATE}; update and status
 * changes need {@link #UPDATE}; trash, restore and delete need {@link #DELETE}.
 */
public enum Scope {
    /** Read tasks: get, list, count. */
    READ("tasks:read"),
    /** Create tasks. */
    CREATE("tasks:create"),
    /** Update tasks and change their status. */
    UPDATE("tasks:update"),
    /** Move tasks to the trash, restore them, delete them. */
    DELETE("tasks:delete");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The scope's spelling in a token.
     *
     * @return e.g. {@code tasks:read}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a scope as either API spells it.
     *
     * <pre>{@code
     * Scope.parse("tasks:update");       // [UPDATE]
     * Scope.parse("public.task:write");  // [CREATE, UPDATE, DELETE]
     * }</pre>
     *
     * @param scope a scope string
     * @return the scopes it grants
     * @throws IllegalArgumentException if the string is no known scope
     */
    public static Set<Scope> parse(String scope) {
        if ("public.task:read".equals(scope)) {
            return EnumSet.of(READ);
        }
        if ("public.task:write".equals(scope)) {
            return EnumSet.of(CREATE, UPDATE, DELETE);
        }
        for (Scope s : values()) {
            if (s.wireName.equals(scope)) {
                return EnumSet.of(s);
            }
        }
        throw new IllegalArgumentException("unknown scope: " + scope);
    }

    /**
     * Every scope.
     *
     * @return a new set of all scopes
     */
    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }
}
