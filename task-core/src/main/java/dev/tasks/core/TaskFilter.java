package dev.tasks.core;

import dev.tasks.core.validation.MaxLength;
import dev.tasks.core.validation.SupportedInstant;
import dev.tasks.core.validation.ValidEntityId;
import dev.tasks.core.validation.ValidExternalId;
import dev.tasks.core.validation.ValidMetadataKey;
import dev.tasks.core.validation.ValidMetadataValue;
import dev.tasks.core.validation.WellFormedUnicode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which tasks a list or count returns. Every criterion given must hold (AND); an empty set or an
 * empty optional does not restrict. Ranges include their lower bound ({@code …After}) and exclude
 * their upper bound ({@code …Before}); a task without a due time matches no due range.
 *
 * <p>A filter names at most {@value #MAX_VALUES} assignees and {@value #MAX_CRITERIA} relationship and
 * {@value #MAX_CRITERIA} metadata criteria ({@code too_many}), so that every store can bind them.
 *
 * <p>{@code titleContains} matches a substring of the title, ignoring the case of ASCII letters
 * only (so that every store answers alike); other characters must match exactly.
 *
 * <p>{@link #matches(Task)} is the definition: the memory store uses it, SQL stores must agree.
 *
 * <pre>{@code
 * TaskFilter mine = TaskFilter.builder()
 *         .statuses(TaskStatus.OPEN, TaskStatus.TODO, TaskStatus.IN_PROGRESS)
 *         .assignee("mem_42")
 *         .dueBefore(Instant.parse("2026-12-01T00:00:00Z"))
 *         .build();
 * }</pre>
 *
 * @param statuses the statuses allowed; empty for any
 * @param assignees the {@code $assignedTo} ids allowed; empty for any
 * @param relatedTo relationship criteria that must all hold
 * @param dueAfter the earliest due time (inclusive)
 * @param dueBefore the due time to stay before (exclusive)
 * @param createdAfter the earliest creation time (inclusive)
 * @param createdBefore the creation time to stay before (exclusive)
 * @param updatedAfter the earliest update time (inclusive)
 * @param updatedBefore the update time to stay before (exclusive)
 * @param externalId the external id, exactly
 * @param metadata keys that must hold exactly these values
 * @param trashed which tasks to see with respect to the trash
 * @param titleContains a substring of the title, ASCII case ignored
 */
public record TaskFilter(
        Set<@NotNull(message = "must not be null") TaskStatus> statuses,
        @Size(max = MAX_VALUES, message = "holds at most 100 ids") Set<@ValidEntityId String> assignees,
        @Size(max = MAX_CRITERIA, message = "holds at most 20 criteria")
        List<@NotNull(message = "must not be null") @Valid RelatedTo> relatedTo,
        Optional<@SupportedInstant Instant> dueAfter,
        Optional<@SupportedInstant Instant> dueBefore,
        Optional<@SupportedInstant Instant> createdAfter,
        Optional<@SupportedInstant Instant> createdBefore,
        Optional<@SupportedInstant Instant> updatedAfter,
        Optional<@SupportedInstant Instant> updatedBefore,
        Optional<@ValidExternalId String> externalId,
        @Size(max = MAX_CRITERIA, message = "holds at most 20 criteria")
        Map<@ValidMetadataKey String, @NotNull(message = "must not be null") @ValidMetadataValue String> metadata,
        @NotNull(message = "is required") TrashFilter trashed,
        Optional<@MaxLength(500) @WellFormedUnicode String> titleContains) {

    /** The most assignees one filter names. */
    public static final int MAX_VALUES = 100;

    /** The most relationship or metadata criteria one filter holds. */
    public static final int MAX_CRITERIA = 20;

    /** Every task not in the trash. */
    public static final TaskFilter ALL = builder().build();

    /**
     * Copies the collections; nulls inside are left for validation to name.
     *
     * @param statuses the statuses allowed; empty for any
     * @param assignees the {@code $assignedTo} ids allowed; empty for any
     * @param relatedTo relationship criteria that must all hold
     * @param dueAfter the earliest due time (inclusive)
     * @param dueBefore the due time to stay before (exclusive)
     * @param createdAfter the earliest creation time (inclusive)
     * @param createdBefore the creation time to stay before (exclusive)
     * @param updatedAfter the earliest update time (inclusive)
     * @param updatedBefore the update time to stay before (exclusive)
     * @param externalId the external id, exactly
     * @param metadata keys that must hold exactly these values
     * @param trashed which tasks to see with respect to the trash
     * @param titleContains a substring of the title, ASCII case ignored
     */
    public TaskFilter {
        statuses = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(statuses, "statuses")));
        assignees = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(assignees, "assignees")));
        relatedTo = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(relatedTo, "relatedTo")));
        Objects.requireNonNull(dueAfter, "dueAfter");
        Objects.requireNonNull(dueBefore, "dueBefore");
        Objects.requireNonNull(createdAfter, "createdAfter");
        Objects.requireNonNull(createdBefore, "createdBefore");
        Objects.requireNonNull(updatedAfter, "updatedAfter");
        Objects.requireNonNull(updatedBefore, "updatedBefore");
        Objects.requireNonNull(externalId, "externalId");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
        Objects.requireNonNull(titleContains, "titleContains");
    }

    /**
     * Tells whether a task is selected by this filter.
     *
     * @param task a task of the tenant being listed
     * @return true if every criterion holds
     */
    public boolean matches(Task task) {
        switch (trashed) {
            case EXCLUDE -> { if (task.isTrashed()) return false; }
            case ONLY -> { if (!task.isTrashed()) return false; }
            case INCLUDE -> { }
        }
        if (!statuses.isEmpty() && !statuses.contains(task.status())) {
            return false;
        }
        if (!assignees.isEmpty() && !task.assignee().map(assignees::contains).orElse(false)) {
            return false;
        }
        for (RelatedTo r : relatedTo) {
            if (!r.matches(task)) {
                return false;
            }
        }
        if (!inRange(task.dueAt(), dueAfter, dueBefore)
                || !inRange(Optional.of(task.createdAt()), createdAfter, createdBefore)
                || !inRange(Optional.of(task.updatedAt()), updatedAfter, updatedBefore)) {
            return false;
        }
        if (externalId.isPresent() && !externalId.equals(task.externalId())) {
            return false;
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!e.getValue().equals(task.metadata().get(e.getKey()))) {
                return false;
            }
        }
        return titleContains.isEmpty() || containsIgnoringAsciiCase(task.title(), titleContains.get());
    }

    private static boolean inRange(Optional<Instant> value, Optional<Instant> from, Optional<Instant> before) {
        if (from.isEmpty() && before.isEmpty()) {
            return true;
        }
        if (value.isEmpty()) {
            return false;
        }
        Instant v = value.get();
        return from.map(f -> !v.isBefore(f)).orElse(true) && before.map(v::isBefore).orElse(true);
    }

    /**
     * The substring test of {@code titleContains}: case is ignored for ASCII letters only.
     *
     * @param text the text searched
     * @param part the text looked for
     * @return true if {@code part} occurs in {@code text}
     */
    public static boolean containsIgnoringAsciiCase(String text, String part) {
        int n = text.length();
        int m = part.length();
        outer:
        for (int i = 0; i + m <= n; i++) {
            for (int j = 0; j < m; j++) {
                if (asciiLower(text.charAt(i + j)) != asciiLower(part.charAt(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * A builder for a filter that, until told otherwise, selects every task not in the trash.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this filter.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.statuses.addAll(statuses);
        b.assignees.addAll(assignees);
        b.relatedTo.addAll(relatedTo);
        b.dueAfter = dueAfter.orElse(null);
        b.dueBefore = dueBefore.orElse(null);
        b.createdAfter = createdAfter.orElse(null);
        b.createdBefore = createdBefore.orElse(null);
        b.updatedAfter = updatedAfter.orElse(null);
        b.updatedBefore = updatedBefore.orElse(null);
        b.externalId = externalId.orElse(null);
        b.metadata.putAll(metadata);
        b.trashed = trashed;
        b.titleContains = titleContains.orElse(null);
        return b;
    }

    /** Builds a {@link TaskFilter}; every setter returns the builder. */
    public static final class Builder {
        private final Set<TaskStatus> statuses = new LinkedHashSet<>();
        private final Set<String> assignees = new LinkedHashSet<>();
        private final List<RelatedTo> relatedTo = new ArrayList<>();
        private Instant dueAfter;
        private Instant dueBefore;
        private Instant createdAfter;
        private Instant createdBefore;
        private Instant updatedAfter;
        private Instant updatedBefore;
        private String externalId;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private TrashFilter trashed = TrashFilter.EXCLUDE;
        private String titleContains;

        private Builder() {
        }

        /**
         * Allows these statuses too.
         *
         * @param statuses statuses to allow (added to those given before)
         * @return this builder
         */
        public Builder statuses(TaskStatus... statuses) { this.statuses.addAll(List.of(statuses)); return this; }

        /**
         * Allows these statuses too.
         *
         * @param statuses statuses to allow (added to those given before)
         * @return this builder
         */
        public Builder statuses(Set<TaskStatus> statuses) { this.statuses.addAll(statuses); return this; }

        /**
         * Returns this builder, allowing the active statuses.
         *
         * @return this builder, allowing the active statuses
         */
        public Builder active() { for (TaskStatus s : EnumSet.allOf(TaskStatus.class)) { if (s.isActive()) statuses.add(s); } return this; }

        /**
         * Allows this assignee too.
         *
         * @param memberId an assignee to allow
         * @return this builder
         */
        public Builder assignee(String memberId) { assignees.add(memberId); return this; }

        /**
         * Allows these assignees too.
         *
         * @param memberIds assignees to allow
         * @return this builder
         */
        public Builder assignees(Set<String> memberIds) { assignees.addAll(memberIds); return this; }

        /**
         * Adds a relationship criterion that must hold.
         *
         * @param criterion a relationship criterion that must hold
         * @return this builder
         */
        public Builder relatedTo(RelatedTo criterion) { relatedTo.add(criterion); return this; }

        /**
         * Sets the earliest due time (inclusive).
         *
         * @param from the earliest due time (inclusive), or null
         * @return this builder
         */
        public Builder dueAfter(Instant from) { dueAfter = from; return this; }

        /**
         * Sets the due time to stay before (exclusive).
         *
         * @param before the due time to stay before (exclusive), or null
         * @return this builder
         */
        public Builder dueBefore(Instant before) { dueBefore = before; return this; }

        /**
         * Sets the earliest creation time (inclusive).
         *
         * @param from the earliest creation time (inclusive), or null
         * @return this builder
         */
        public Builder createdAfter(Instant from) { createdAfter = from; return this; }

        /**
         * Sets the creation time to stay before (exclusive).
         *
         * @param before the creation time to stay before (exclusive), or null
         * @return this builder
         */
        public Builder createdBefore(Instant before) { createdBefore = before; return this; }

        /**
         * Sets the earliest update time (inclusive).
         *
         * @param from the earliest update time (inclusive), or null
         * @return this builder
         */
        public Builder updatedAfter(Instant from) { updatedAfter = from; return this; }

        /**
         * Sets the update time to stay before (exclusive).
         *
         * @param before the update time to stay before (exclusive), or null
         * @return this builder
         */
        public Builder updatedBefore(Instant before) { updatedBefore = before; return this; }

        /**
         * Sets the external id to match.
         *
         * @param externalId the external id to match, or null
         * @return this builder
         */
        public Builder externalId(String externalId) { this.externalId = externalId; return this; }

        /**
         * Requires a metadata key to hold a value.
         *
         * @param key the key
         * @param value the value it must hold
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * Sets which tasks to see with respect to the trash.
         *
         * @param trashed which tasks to see with respect to the trash
         * @return this builder
         */
        public Builder trashed(TrashFilter trashed) { this.trashed = trashed; return this; }

        /**
         * Requires a substring of the title (ASCII case ignored).
         *
         * @param part a substring of the title, or null
         * @return this builder
         */
        public Builder titleContains(String part) { titleContains = part; return this; }

        /**
         * Returns the filter; nothing is validated yet.
         *
         * @return the filter; nothing is validated yet
         */
        public TaskFilter build() {
            return new TaskFilter(statuses, assignees, relatedTo, Optional.ofNullable(dueAfter),
                    Optional.ofNullable(dueBefore), Optional.ofNullable(createdAfter), Optional.ofNullable(createdBefore),
                    Optional.ofNullable(updatedAfter), Optional.ofNullable(updatedBefore), Optional.ofNullable(externalId),
                    metadata, trashed, Optional.ofNullable(titleContains));
        }
    }
}
