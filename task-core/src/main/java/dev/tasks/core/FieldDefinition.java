package dev.tasks.core;

import java.util.List;
import java.util.Objects;

/**
 * Describes one field of a task, for clients that discover fields at run time.
 *
 * @param name the field's name, Lightfield's spelling ({@code $title})
 * @param valueType its data type
 * @param requiredOnCreate whether a create must carry it (a status has a default, so it is not)
 * @param clearable whether an update may clear it
 * @param options the allowed values of a {@link ValueType#SINGLE_SELECT} field; empty otherwise
 */
public record FieldDefinition(String name, ValueType valueType, boolean requiredOnCreate, boolean clearable, List<String> options) {

    /** The title field. */
    public static final FieldDefinition TITLE = new FieldDefinition("$title", ValueType.TEXT, true, false, List.of());

    /** The status field, with every status as an option. */
    public static final FieldDefinition STATUS = new FieldDefinition("$status", ValueType.SINGLE_SELECT, false, false,
            java.util.Arrays.stream(TaskStatus.values()).map(Enum::name).toList());

    /** The description field. */
    public static final FieldDefinition DESCRIPTION = new FieldDefinition("$description", ValueType.MARKDOWN, false, true, List.of());

    /** The due-time field. */
    public static final FieldDefinition DUE_AT = new FieldDefinition("$dueAt", ValueType.DATETIME, false, true, List.of());

    /** Every field of a task, in this order. */
    public static final List<FieldDefinition> ALL = List.of(TITLE, STATUS, DESCRIPTION, DUE_AT);

    /**
     * Refuses nulls and copies the options.
     *
     * @param name the field's name, Lightfield's spelling ({@code $title})
     * @param valueType its data type
     * @param requiredOnCreate whether a create must carry it (a status has a default, so it is not)
     * @param clearable whether an update may clear it
     * @param options the allowed values of a {@link ValueType#SINGLE_SELECT} field; empty otherwise
     */
    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        options = List.copyOf(options);
    }
}
