package dev.tasks.core;

import dev.tasks.core.validation.ValidEntityId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a patch does to one relationship: Lightfield's {@code {add, remove, replace}}.
 *
 * <p>Applied in this order: {@code replace} (if present) sets the whole list, then {@code remove}
 * takes ids out, then {@code add} appends ids not yet held. Adding an id already held and removing
 * one not held change nothing. {@code replace} with an empty list clears the relationship.
 *
 * <pre>{@code
 * RelationshipPatch.replace(List.of("mem_2"));   // reassign
 * RelationshipPatch.clear();                     // unassign
 * RelationshipPatch.add(List.of("note_1"));       // append to a has-many relationship
 * }</pre>
 *
 * @param add ids to append, in order
 * @param remove ids to take out
 * @param replace the ids that replace the whole list, if the patch replaces it
 */
public record RelationshipPatch(
        List<@ValidEntityId String> add,
        List<@ValidEntityId String> remove,
        Optional<List<@ValidEntityId String>> replace) {

    /**
     * Copies the lists; null elements are kept so that validation can name them.
     *
     * @param add ids to append, in order
     * @param remove ids to take out
     * @param replace the ids that replace the whole list, if the patch replaces it
     */
    public RelationshipPatch {
        add = copy(Objects.requireNonNull(add, "add"));
        remove = copy(Objects.requireNonNull(remove, "remove"));
        replace = Objects.requireNonNull(replace, "replace").map(RelationshipPatch::copy);
    }

    private static List<String> copy(List<String> ids) {
        return Collections.unmodifiableList(new ArrayList<>(ids));
    }

    /**
     * Replaces the whole list.
     *
     * @param ids the new ids; empty clears the relationship
     * @return the patch
     */
    public static RelationshipPatch replace(List<String> ids) {
        return new RelationshipPatch(List.of(), List.of(), Optional.of(ids));
    }

    /**
     * Clears the relationship.
     *
     * @return the patch
     */
    public static RelationshipPatch clear() {
        return replace(List.of());
    }

    /**
     * Appends ids not yet held.
     *
     * @param ids the ids to add
     * @return the patch
     */
    public static RelationshipPatch add(List<String> ids) {
        return new RelationshipPatch(ids, List.of(), Optional.empty());
    }

    /**
     * Takes ids out.
     *
     * @param ids the ids to remove
     * @return the patch
     */
    public static RelationshipPatch remove(List<String> ids) {
        return new RelationshipPatch(List.of(), ids, Optional.empty());
    }

    /**
     * The ids after this patch, duplicates dropped (the first occurrence stays).
     *
     * @param current the ids before
     * @return the ids after, unmodifiable
     */
    public List<String> applyTo(List<String> current) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(replace.orElse(current));
        remove.forEach(ids::remove);
        ids.addAll(add);
        return List.copyOf(ids);
    }
}
