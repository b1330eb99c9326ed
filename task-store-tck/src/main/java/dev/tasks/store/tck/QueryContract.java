package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The contract of {@code find} and {@code count}: pages follow {@link TaskFilter#matches} and
 * {@link TaskSort#comparator()} exactly, for every filter criterion, every sort and direction, offsets,
 * limits and keyset positions; count agrees with the pages.
 *
 * <p>Each example checks the store against explicit expectations, and checks those expectations against
 * {@link TaskFilter#matches} and {@link TaskSort#comparator()} too, so that the contract and the
 * definitions cannot drift apart.
 */
public abstract class QueryContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected QueryContract() {
    }

    private static final List<TaskSort> ALL_SORTS = List.of(
            TaskSort.by(SortField.CREATED_AT, SortDirection.ASC), TaskSort.by(SortField.CREATED_AT, SortDirection.DESC),
            TaskSort.by(SortField.UPDATED_AT, SortDirection.ASC), TaskSort.by(SortField.UPDATED_AT, SortDirection.DESC),
            TaskSort.by(SortField.DUE_AT, SortDirection.ASC), TaskSort.by(SortField.DUE_AT, SortDirection.DESC));

    /**
     * Checks that a filter selects exactly the expected tasks of tenant A, in find and in count; and that
     * the expectation agrees with {@link TaskFilter#matches}.
     */
    private void assertSelects(TaskFilter filter, List<Task> all, Task... expected) {
        assertThat(ids(all.stream().filter(filter::matches).toList()))
                .as("the contract's own expectation against TaskFilter.matches for %s", filter)
                .containsExactlyInAnyOrderElementsOf(ids(expected));
        assertThat(ids(findAll(TENANT_A, filter, CREATED_ASC))).as("find with %s", filter)
                .containsExactlyInAnyOrderElementsOf(ids(expected));
        assertThat(store.count(TENANT_A, filter)).as("count with %s", filter).isEqualTo(expected.length);
    }

    private static TaskFilter.Builder filter() {
        return TaskFilter.builder();
    }

    // ------------------------------------------------------------------ filters

    /** Statuses: any of the given; none given means any. */
    @Test
    void filtersByStatus() {
        Task open = insertOne(taskA().status(TaskStatus.OPEN).build());
        Task todo = insertOne(taskA().status(TaskStatus.TODO).build());
        Task inProgress = insertOne(taskA().status(TaskStatus.IN_PROGRESS).build());
        Task complete = insertOne(taskA().status(TaskStatus.COMPLETE).build());
        Task cancelled = insertOne(taskA().status(TaskStatus.CANCELLED).build());
        List<Task> all = List.of(open, todo, inProgress, complete, cancelled);
        assertSelects(filter().statuses(TaskStatus.OPEN).build(), all, open);
        assertSelects(filter().statuses(TaskStatus.TODO, TaskStatus.COMPLETE).build(), all, todo, complete);
        assertSelects(filter().active().build(), all, open, todo, inProgress);
        assertSelects(filter().statuses(TaskStatus.CANCELLED).build(), all, cancelled);
        assertSelects(filter().build(), all, open, todo, inProgress, complete, cancelled);
    }

    /** Assignees: the {@code $assignedTo} member is one of those given; other relationships do not count. */
    @Test
    void filtersByAssignee() {
        Task one = insertOne(taskA().assignee("mem_1").createdBy("mem_2").build());
        Task two = insertOne(taskA().assignee("mem_2").build());
        Task createdOnly = insertOne(taskA().createdBy("mem_1").build());
        Task unassigned = insertOne(taskA().build());
        List<Task> all = List.of(one, two, createdOnly, unassigned);
        assertSelects(filter().assignee("mem_1").build(), all, one);
        assertSelects(filter().assignee("mem_1").assignee("mem_2").build(), all, one, two);
        assertSelects(filter().assignee("mem_3").build(), all);
        assertSelects(filter().assignee("MEM_1").build(), all);
    }

    /** Relationship criteria: named (only that relationship) or any; several must all hold. */
    @Test
    void filtersByRelationship() {
        Task account = insertOne(taskA().relationship(SystemRelationship.ACCOUNT, "acc_1").relationship(SystemRelationship.SITE, "site_1").build());
        Task site = insertOne(taskA().relationship(SystemRelationship.SITE, "acc_1").build());
        Task notes = insertOne(taskA().notes("note_1", "acc_1", "note_2").build());
        Task custom = insertOne(taskA().relationship("project", "acc_1").build());
        Task creator = insertOne(taskA().createdBy("mem_9").build());
        Task none = insertOne(taskA().build());
        List<Task> all = List.of(account, site, notes, custom, creator, none);
        assertSelects(filter().relatedTo(RelatedTo.in("$account", "acc_1")).build(), all, account);
        assertSelects(filter().relatedTo(RelatedTo.in("$site", "acc_1")).build(), all, site);
        assertSelects(filter().relatedTo(RelatedTo.in("$note", "acc_1")).build(), all, notes);
        assertSelects(filter().relatedTo(RelatedTo.in("$note", "note_2")).build(), all, notes);
        assertSelects(filter().relatedTo(RelatedTo.in("project", "acc_1")).build(), all, custom);
        assertSelects(filter().relatedTo(RelatedTo.any("acc_1")).build(), all, account, site, notes, custom);
        assertSelects(filter().relatedTo(RelatedTo.any("mem_9")).build(), all, creator);
        assertSelects(filter().relatedTo(RelatedTo.any("ACC_1")).build(), all);
        assertSelects(filter().relatedTo(RelatedTo.any("acc")).build(), all);
        assertSelects(filter().relatedTo(RelatedTo.in("$account", "acc_1")).relatedTo(RelatedTo.in("$site", "site_1")).build(), all, account);
        assertSelects(filter().relatedTo(RelatedTo.any("acc_1")).relatedTo(RelatedTo.any("site_1")).build(), all, account);
        assertSelects(filter().relatedTo(RelatedTo.in("$site", "acc_1")).relatedTo(RelatedTo.in("$site", "site_1")).build(), all);
    }

    /** Due ranges include their lower bound, exclude their upper bound, and never select a task without a due time. */
    @Test
    void dueRangesIncludeTheLowerAndExcludeTheUpperBound() {
        Instant from = T0;
        Instant to = T0.plusSeconds(60);
        Task justBefore = insertOne(taskA().dueAt(from.minusMillis(1)).build());
        Task atFrom = insertOne(taskA().dueAt(from).build());
        Task justAfter = insertOne(taskA().dueAt(from.plusMillis(1)).build());
        Task beforeTo = insertOne(taskA().dueAt(to.minusMillis(1)).build());
        Task atTo = insertOne(taskA().dueAt(to).build());
        Task afterTo = insertOne(taskA().dueAt(to.plusMillis(1)).build());
        Task noDue = insertOne(taskA().build());
        List<Task> all = List.of(justBefore, atFrom, justAfter, beforeTo, atTo, afterTo, noDue);
        assertSelects(filter().dueAfter(from).build(), all, atFrom, justAfter, beforeTo, atTo, afterTo);
        assertSelects(filter().dueBefore(to).build(), all, justBefore, atFrom, justAfter, beforeTo);
        assertSelects(filter().dueAfter(from).dueBefore(to).build(), all, atFrom, justAfter, beforeTo);
        assertSelects(filter().dueAfter(to).dueBefore(to).build(), all);
        assertSelects(filter().dueAfter(to).dueBefore(from).build(), all);
        assertSelects(filter().dueAfter(TaskGenerators.MIN_INSTANT).build(), all, justBefore, atFrom, justAfter, beforeTo, atTo, afterTo);
        assertSelects(filter().build(), all, justBefore, atFrom, justAfter, beforeTo, atTo, afterTo, noDue);
    }

    /**
     * Bounds between two milliseconds (tasks hold whole milliseconds; a filter's bounds need not): a task
     * a nanosecond below a lower bound is not selected, one a nanosecond below an upper bound is, on
     * both sides of the epoch (where rounding down and cutting off differ) and for every time range.
     */
    @Test
    void rangeBoundsBetweenMillisecondsSelectAsTheDefinitionSays() {
        for (Instant at : List.of(T0, Instant.EPOCH, Instant.EPOCH.minusMillis(1), Instant.parse("1969-12-31T23:59:59.998Z"))) {
            Instant below = at.minusNanos(1);
            Instant above = at.plusNanos(1);
            List<Task> all = new ArrayList<>();
            Task early = insertOne(taskA().createdAt(at.minusMillis(1)).updatedAt(at.minusMillis(1)).dueAt(at.minusMillis(1)).build());
            Task exact = insertOne(taskA().createdAt(at).updatedAt(at).dueAt(at).build());
            Task late = insertOne(taskA().createdAt(at.plusMillis(1)).updatedAt(at.plusMillis(1)).dueAt(at.plusMillis(1)).build());
            all.addAll(List.of(early, exact, late));
            assertSelects(filter().createdAfter(below).build(), all, exact, late);
            assertSelects(filter().createdAfter(above).build(), all, late);
            assertSelects(filter().createdBefore(above).build(), all, early, exact);
            assertSelects(filter().createdBefore(below).build(), all, early);
            assertSelects(filter().updatedAfter(below).build(), all, exact, late);
            assertSelects(filter().updatedAfter(above).build(), all, late);
            assertSelects(filter().updatedBefore(above).build(), all, early, exact);
            assertSelects(filter().updatedBefore(below).build(), all, early);
            assertSelects(filter().dueAfter(below).dueBefore(above).build(), all, exact);
            assertSelects(filter().dueAfter(above).build(), all, late);
            assertSelects(filter().dueBefore(below).build(), all, early);
            for (Task t : all) {
                assertThat(store.delete(TENANT_A, t.id(), t.version())).isTrue();
            }
        }
    }

    /** Creation ranges include their lower bound and exclude their upper bound. */
    @Test
    void createdRangesIncludeTheLowerAndExcludeTheUpperBound() {
        Instant from = T0;
        Instant to = T0.plusSeconds(60);
        Task justBefore = insertOne(taskA().createdAt(from.minusMillis(1)).updatedAt(to.plusSeconds(1)).build());
        Task atFrom = insertOne(taskA().createdAt(from).updatedAt(to.plusSeconds(1)).build());
        Task beforeTo = insertOne(taskA().createdAt(to.minusMillis(1)).build());
        Task atTo = insertOne(taskA().createdAt(to).build());
        List<Task> all = List.of(justBefore, atFrom, beforeTo, atTo);
        assertSelects(filter().createdAfter(from).build(), all, atFrom, beforeTo, atTo);
        assertSelects(filter().createdBefore(to).build(), all, justBefore, atFrom, beforeTo);
        assertSelects(filter().createdAfter(from).createdBefore(to).build(), all, atFrom, beforeTo);
        assertSelects(filter().createdAfter(to.plusMillis(1)).build(), all);
    }

    /** Update ranges include their lower bound and exclude their upper bound; they look at updatedAt, not createdAt. */
    @Test
    void updatedRangesIncludeTheLowerAndExcludeTheUpperBound() {
        Instant from = T0.plusSeconds(10);
        Instant to = T0.plusSeconds(60);
        Task justBefore = insertOne(taskA().createdAt(T0).updatedAt(from.minusMillis(1)).build());
        Task atFrom = insertOne(taskA().createdAt(T0).updatedAt(from).build());
        Task beforeTo = insertOne(taskA().createdAt(T0).updatedAt(to.minusMillis(1)).build());
        Task atTo = insertOne(taskA().createdAt(from).updatedAt(to).build());
        List<Task> all = List.of(justBefore, atFrom, beforeTo, atTo);
        assertSelects(filter().updatedAfter(from).build(), all, atFrom, beforeTo, atTo);
        assertSelects(filter().updatedBefore(to).build(), all, justBefore, atFrom, beforeTo);
        assertSelects(filter().updatedAfter(from).updatedBefore(to).build(), all, atFrom, beforeTo);
        assertSelects(filter().createdAfter(from).build(), all, atTo);
    }

    /** Ranges and order hold across the whole supported time line, before 1970 and after 2038 included. */
    @Test
    void rangesAndOrderHoldFromYearOneToYear9999() {
        Task min = insertOne(taskA().dueAt(TaskGenerators.MIN_INSTANT).build());
        Task julian = insertOne(taskA().dueAt(Instant.parse("1582-10-04T23:59:59.999Z")).build());
        Task gregorian = insertOne(taskA().dueAt(Instant.parse("1582-10-15T00:00:00Z")).build());
        Task beforeEpoch = insertOne(taskA().dueAt(Instant.parse("1969-12-31T23:59:59.999Z")).build());
        Task epoch = insertOne(taskA().dueAt(Instant.EPOCH).build());
        Task y2038 = insertOne(taskA().dueAt(Instant.parse("2038-01-19T03:14:08Z")).build());
        Task max = insertOne(taskA().dueAt(TaskGenerators.MAX_INSTANT).build());
        List<Task> all = List.of(min, julian, gregorian, beforeEpoch, epoch, y2038, max);
        TaskSort dueAsc = TaskSort.by(SortField.DUE_AT, SortDirection.ASC);
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, dueAsc))).containsExactlyElementsOf(ids(all));
        assertSelects(filter().dueBefore(Instant.EPOCH).build(), all, min, julian, gregorian, beforeEpoch);
        assertSelects(filter().dueAfter(Instant.parse("1582-10-05T00:00:00Z")).dueBefore(Instant.parse("1582-10-15T00:00:00Z")).build(), all);
        assertSelects(filter().dueAfter(Instant.parse("1582-10-04T23:59:59.999Z")).dueBefore(Instant.parse("1582-10-15T00:00:00.001Z")).build(),
                all, julian, gregorian);
        assertSelects(filter().dueBefore(TaskGenerators.MAX_INSTANT).build(), all, min, julian, gregorian, beforeEpoch, epoch, y2038);
        assertSelects(filter().dueAfter(TaskGenerators.MAX_INSTANT).build(), all, max);
        assertSelects(filter().dueBefore(TaskGenerators.MIN_INSTANT.plusMillis(1)).build(), all, min);
    }

    /** External id: exactly, case and all. */
    @Test
    void filtersByExternalId() {
        Task lower = insertOne(taskA().externalId("ext-1").build());
        Task upper = insertOne(taskA().externalId("EXT-1").build());
        Task none = insertOne(taskA().build());
        List<Task> all = List.of(lower, upper, none);
        assertSelects(filter().externalId("ext-1").build(), all, lower);
        assertSelects(filter().externalId("EXT-1").build(), all, upper);
        assertSelects(filter().externalId("ext-").build(), all);
        assertSelects(filter().externalId("ext-_").build(), all);
    }

    /** Metadata: each given key holds exactly the given value; the empty value is a value; a missing key never matches. */
    @Test
    void filtersByMetadata() {
        Task north = insertOne(taskA().metadata("region", "north").metadata("team", "a").build());
        Task capital = insertOne(taskA().metadata("region", "North").build());
        Task empty = insertOne(taskA().metadata("region", "").build());
        Task otherKey = insertOne(taskA().metadata("team", "north").build());
        Task none = insertOne(taskA().build());
        List<Task> all = List.of(north, capital, empty, otherKey, none);
        assertSelects(filter().metadata("region", "north").build(), all, north);
        assertSelects(filter().metadata("region", "North").build(), all, capital);
        assertSelects(filter().metadata("region", "").build(), all, empty);
        assertSelects(filter().metadata("region", "north").metadata("team", "a").build(), all, north);
        assertSelects(filter().metadata("region", "north").metadata("team", "b").build(), all);
        assertSelects(filter().metadata("team", "north").build(), all, otherKey);
        assertSelects(filter().metadata("region", "nor%").build(), all);
    }

    /** The trash: excluded by default, only trashed ones, or both. */
    @Test
    void filtersByTrash() {
        Task kept = insertOne(taskA().build());
        Task trashed = insertOne(taskA().trashed().build());
        List<Task> all = List.of(kept, trashed);
        assertSelects(TaskFilter.ALL, all, kept);
        assertSelects(filter().trashed(TrashFilter.EXCLUDE).build(), all, kept);
        assertSelects(filter().trashed(TrashFilter.ONLY).build(), all, trashed);
        assertSelects(filter().trashed(TrashFilter.INCLUDE).build(), all, kept, trashed);
    }

    /** Title contains: a substring, ignoring the case of ASCII letters. */
    @Test
    void titleContainsIgnoresTheCaseOfAsciiLetters() {
        Task callBack = insertOne(taskA().title("Call back").build());
        Task callMe = insertOne(taskA().title("CALL ME").build());
        Task recall = insertOne(taskA().title("recall").build());
        Task split = insertOne(taskA().title("Cal l").build());
        List<Task> all = List.of(callBack, callMe, recall, split);
        assertSelects(filter().titleContains("call").build(), all, callBack, callMe, recall);
        assertSelects(filter().titleContains("cAlL").build(), all, callBack, callMe, recall);
        assertSelects(filter().titleContains("L B").build(), all, callBack);
        assertSelects(filter().titleContains("call back").build(), all, callBack);
        assertSelects(filter().titleContains("Call back!").build(), all);
    }

    /**
     * Title contains folds no case outside ASCII and normalizes nothing: é and É differ, ß is not SS,
     * the Kelvin sign is not k, İ is not i, ǅ is not ǆ, a decomposed é is not a composed one.
     */
    @Test
    void titleContainsFoldsNoCaseOutsideAscii() {
        Task cafe = insertOne(taskA().title("Caf\u00e9").build());
        Task cafeUpper = insertOne(taskA().title("CAF\u00c9").build());
        Task cafeDecomposed = insertOne(taskA().title("cafe\u0301").build());
        Task strasse = insertOne(taskA().title("stra\u00dfe").build());
        Task strasseUpper = insertOne(taskA().title("STRASSE").build());
        Task kelvin = insertOne(taskA().title("300 \u212a").build());
        Task k = insertOne(taskA().title("300 k").build());
        Task dotted = insertOne(taskA().title("\u0130stanbul").build());
        Task plain = insertOne(taskA().title("istanbul").build());
        Task dz = insertOne(taskA().title("\u01c5ungla").build());
        Task greek = insertOne(taskA().title("\u03a3\u03bf\u03c6\u03af\u03b1").build());
        List<Task> all = List.of(cafe, cafeUpper, cafeDecomposed, strasse, strasseUpper, kelvin, k, dotted, plain, dz, greek);
        assertSelects(filter().titleContains("\u00e9").build(), all, cafe);
        assertSelects(filter().titleContains("\u00c9").build(), all, cafeUpper);
        assertSelects(filter().titleContains("caf\u00e9").build(), all, cafe);
        assertSelects(filter().titleContains("CAF").build(), all, cafe, cafeUpper, cafeDecomposed);
        assertSelects(filter().titleContains("e\u0301").build(), all, cafeDecomposed);
        assertSelects(filter().titleContains("strasse").build(), all, strasseUpper);
        assertSelects(filter().titleContains("STRA\u00dfE").build(), all, strasse);
        assertSelects(filter().titleContains("k").build(), all, k);
        assertSelects(filter().titleContains("\u212a").build(), all, kelvin);
        assertSelects(filter().titleContains("i").build(), all, plain);
        assertSelects(filter().titleContains("\u0130").build(), all, dotted);
        assertSelects(filter().titleContains("ISTANBUL").build(), all, plain);
        assertSelects(filter().titleContains("\u01c6").build(), all);
        assertSelects(filter().titleContains("\u01c5").build(), all, dz);
        assertSelects(filter().titleContains("\u03c3").build(), all);
        assertSelects(filter().titleContains("\u03a3").build(), all, greek);
    }

    /** Title contains treats SQL LIKE wildcards and escape characters as plain characters. */
    @Test
    void titleContainsTreatsWildcardsLiterally() {
        Task percent = insertOne(taskA().title("100% done").build());
        Task noPercent = insertOne(taskA().title("100 done").build());
        Task underscore = insertOne(taskA().title("a_b").build());
        Task other = insertOne(taskA().title("axb").build());
        Task backslash = insertOne(taskA().title("back\\slash").build());
        Task bracket = insertOne(taskA().title("[x] y*").build());
        List<Task> all = List.of(percent, noPercent, underscore, other, backslash, bracket);
        assertSelects(filter().titleContains("%").build(), all, percent);
        assertSelects(filter().titleContains("0% d").build(), all, percent);
        assertSelects(filter().titleContains("_").build(), all, underscore);
        assertSelects(filter().titleContains("a_b").build(), all, underscore);
        assertSelects(filter().titleContains("\\").build(), all, backslash);
        assertSelects(filter().titleContains("k\\s").build(), all, backslash);
        assertSelects(filter().titleContains("[x]").build(), all, bracket);
        assertSelects(filter().titleContains("*").build(), all, bracket);
        assertSelects(filter().titleContains("%%").build(), all);
        assertSelects(filter().titleContains("x?").build(), all);
    }

    /** Title contains finds supplementary characters, and the empty fragment selects every title. */
    @Test
    void titleContainsHandlesSupplementaryCharactersAndTheEmptyFragment() {
        Task party = insertOne(taskA().title("Party \uD83C\uDF89!").build());
        Task rocket = insertOne(taskA().title("\uD83D\uDE80 launch").build());
        List<Task> all = List.of(party, rocket);
        assertSelects(filter().titleContains("\uD83C\uDF89").build(), all, party);
        assertSelects(filter().titleContains("\uD83C\uDF89!").build(), all, party);
        assertSelects(filter().titleContains("\uD83D\uDE80 L").build(), all, rocket);
        assertSelects(filter().titleContains("").build(), all, party, rocket);
    }

    /** Every criterion given must hold. */
    @Test
    void criteriaCombineWithAnd() {
        Task match = insertOne(taskA().status(TaskStatus.TODO).assignee("mem_1").dueAt(T0.plusSeconds(5)).metadata("region", "north")
                .title("Call back").externalId("ext-1").relationship(SystemRelationship.ACCOUNT, "acc_1").build());
        Task wrongStatus = insertOne(match.toBuilder().id(TestTasks.newId()).externalId(null).status(TaskStatus.OPEN).build());
        Task wrongAssignee = insertOne(match.toBuilder().id(TestTasks.newId()).externalId(null).relationship("$assignedTo", List.of("mem_2")).build());
        Task wrongTitle = insertOne(match.toBuilder().id(TestTasks.newId()).externalId(null).title("Write").build());
        Task trashed = insertOne(match.toBuilder().id(TestTasks.newId()).externalId(null).trashedAt(T0).build());
        List<Task> all = List.of(match, wrongStatus, wrongAssignee, wrongTitle, trashed);
        TaskFilter.Builder f = filter().statuses(TaskStatus.TODO).assignee("mem_1").dueAfter(T0).dueBefore(T0.plusSeconds(6))
                .metadata("region", "north").titleContains("CALL").relatedTo(RelatedTo.any("acc_1"));
        assertSelects(f.build(), all, match);
        assertSelects(f.externalId("ext-1").build(), all, match);
        assertSelects(filter().statuses(TaskStatus.TODO).assignee("mem_1").trashed(TrashFilter.INCLUDE).build(), all, match, wrongTitle, trashed);
    }

    // ------------------------------------------------------------------ order

    /** Five tasks with ties in every sort field and two without a due time; ids in alphabetical order a..e. */
    private List<Task> sortFixture() {
        Task a = taskA().id("task_a000000000000000").createdAt(T0).updatedAt(T0.plusSeconds(5)).dueAt(T0.plusSeconds(10)).build();
        Task b = taskA().id("task_b000000000000000").createdAt(T0).updatedAt(T0.plusSeconds(3)).build();
        Task c = taskA().id("task_c000000000000000").createdAt(T0.plusSeconds(1)).updatedAt(T0.plusSeconds(3)).dueAt(T0.plusSeconds(10)).build();
        Task d = taskA().id("task_d000000000000000").createdAt(T0.plusSeconds(2)).updatedAt(T0.plusSeconds(2)).dueAt(T0.minusSeconds(100)).build();
        Task e = taskA().id("task_e000000000000000").createdAt(T0.plusSeconds(1)).updatedAt(T0.plusSeconds(9)).build();
        // Inserted in an order that is none of the sort orders.
        insert(c, e, a, d, b);
        return List.of(a, b, c, d, e);
    }

    private static List<Task> expectedOrder(List<Task> fixture, TaskSort sort) {
        return fixture.stream().sorted(sort.comparator()).toList();
    }

    /**
     * Each field in each direction, ties broken by id in the same direction, tasks without a due time
     * last in both directions (written out, and checked against {@link TaskSort#comparator()}).
     */
    @Test
    void sortsByEveryFieldInBothDirections() {
        List<Task> f = sortFixture();
        Task a = f.get(0);
        Task b = f.get(1);
        Task c = f.get(2);
        Task d = f.get(3);
        Task e = f.get(4);
        assertOrder(f, TaskSort.by(SortField.CREATED_AT, SortDirection.ASC), a, b, c, e, d);
        assertOrder(f, TaskSort.by(SortField.CREATED_AT, SortDirection.DESC), d, e, c, b, a);
        assertOrder(f, TaskSort.by(SortField.UPDATED_AT, SortDirection.ASC), d, b, c, a, e);
        assertOrder(f, TaskSort.by(SortField.UPDATED_AT, SortDirection.DESC), e, a, c, b, d);
        assertOrder(f, TaskSort.by(SortField.DUE_AT, SortDirection.ASC), d, a, c, b, e);
        assertOrder(f, TaskSort.by(SortField.DUE_AT, SortDirection.DESC), c, a, d, e, b);
    }

    private void assertOrder(List<Task> fixture, TaskSort sort, Task... expected) {
        assertThat(ids(expectedOrder(fixture, sort))).as("the contract's own expectation against TaskSort.comparator for %s", sort)
                .containsExactlyElementsOf(ids(expected));
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, sort))).as("find sorted by %s", sort).containsExactlyElementsOf(ids(expected));
    }

    /** Equal sort values are ordered by id, ascending or descending with the sort. */
    @Test
    void tiesAreBrokenByIdInTheSortDirection() {
        List<Task> tasks = new ArrayList<>();
        for (String id : List.of("task_00000000000000zz", "task_0000000000000000", "task_z000000000000000", "task_a0000000000000a0",
                "task_a00000000000000a", "task_9999999999999999")) {
            tasks.add(insertOne(taskA().id(id).createdAt(T0).updatedAt(T0).dueAt(T0).build()));
        }
        List<TaskId> byIdAsc = tasks.stream().map(Task::id).sorted().toList();
        List<TaskId> byIdDesc = tasks.stream().map(Task::id).sorted(java.util.Comparator.reverseOrder()).toList();
        for (TaskSort sort : ALL_SORTS) {
            assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, sort))).as("ties under %s", sort)
                    .containsExactlyElementsOf(sort.direction() == SortDirection.ASC ? byIdAsc : byIdDesc);
        }
    }

    /** Tasks without a due time come after every task with one, in both directions, ordered by id among themselves. */
    @Test
    void tasksWithoutDueTimeComeLastInBothDirections() {
        Task far = insertOne(taskA().id("task_m000000000000000").dueAt(TaskGenerators.MAX_INSTANT).build());
        Task early = insertOne(taskA().id("task_n000000000000000").dueAt(TaskGenerators.MIN_INSTANT).build());
        Task none1 = insertOne(taskA().id("task_0000000000000001").build());
        Task none2 = insertOne(taskA().id("task_z000000000000002").build());
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, TaskSort.by(SortField.DUE_AT, SortDirection.ASC))))
                .containsExactly(early.id(), far.id(), none1.id(), none2.id());
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, TaskSort.by(SortField.DUE_AT, SortDirection.DESC))))
                .containsExactly(far.id(), early.id(), none2.id(), none1.id());
    }

    // ------------------------------------------------------------------ offset, limit, after

    /** A page is the window [offset, offset + limit) of the full order, for every sort. */
    @Test
    void offsetAndLimitCutAWindowOfTheFullOrder() {
        List<Task> fixture = sortFixture();
        for (TaskSort sort : ALL_SORTS) {
            List<TaskId> full = ids(expectedOrder(fixture, sort));
            for (int offset = 0; offset <= full.size() + 1; offset++) {
                for (int limit = 1; limit <= full.size() + 1; limit++) {
                    List<TaskId> expected = full.subList(Math.min(offset, full.size()), Math.min(offset + limit, full.size()));
                    assertThat(ids(page(TENANT_A, TaskFilter.ALL, sort, null, offset, limit)))
                            .as("offset %d, limit %d, %s", offset, limit, sort).containsExactlyElementsOf(expected);
                }
            }
        }
    }

    /** A page after a position starts strictly after it; an offset then skips within what follows. */
    @Test
    void pagesAfterAPositionStartStrictlyAfterIt() {
        List<Task> fixture = sortFixture();
        for (TaskSort sort : ALL_SORTS) {
            List<Task> full = expectedOrder(fixture, sort);
            for (int i = 0; i < full.size(); i++) {
                SortPosition after = SortPosition.of(full.get(i), sort);
                List<TaskId> rest = ids(full.subList(i + 1, full.size()));
                assertThat(ids(page(TENANT_A, TaskFilter.ALL, sort, after, 0, 100))).as("after %s under %s", after, sort)
                        .containsExactlyElementsOf(rest);
                assertThat(ids(page(TENANT_A, TaskFilter.ALL, sort, after, 0, 1))).as("one after %s under %s", after, sort)
                        .containsExactlyElementsOf(rest.subList(0, Math.min(1, rest.size())));
                assertThat(ids(page(TENANT_A, TaskFilter.ALL, sort, after, 1, 2))).as("after %s, offset 1, under %s", after, sort)
                        .containsExactlyElementsOf(rest.subList(Math.min(1, rest.size()), Math.min(3, rest.size())));
            }
        }
    }

    /** A position need not be a stored task's: that of a deleted task, or any value and id, works alike. */
    @Test
    void positionsNeedNotBeThoseOfStoredTasks() {
        List<Task> fixture = sortFixture();
        Task d = fixture.get(3);
        assertThat(store.delete(TENANT_A, d.id(), 1)).isTrue();
        List<Task> remaining = fixture.stream().filter(t -> t != d).toList();
        for (TaskSort sort : ALL_SORTS) {
            SortPosition deleted = SortPosition.of(d, sort);
            List<Task> expected = expectedOrder(remaining, sort).stream().filter(t -> sort.isAfter(t, deleted)).toList();
            assertThat(ids(page(TENANT_A, TaskFilter.ALL, sort, deleted, 0, 100))).as("after deleted %s under %s", deleted, sort)
                    .containsExactlyElementsOf(ids(expected));
        }
        // Between the values of a (10 s) and d (-100 s), with an id that sorts between b and c.
        TaskSort dueAsc = TaskSort.by(SortField.DUE_AT, SortDirection.ASC);
        SortPosition between = new SortPosition(Optional.of(T0.plusSeconds(10)), new TaskId("task_b500000000000000"));
        assertThat(ids(page(TENANT_A, TaskFilter.ALL, dueAsc, between, 0, 100)))
                .containsExactly(fixture.get(2).id(), fixture.get(1).id(), fixture.get(4).id());
        // Among the tasks without a due time: only those whose id sorts after, in the direction.
        SortPosition noDue = new SortPosition(Optional.empty(), new TaskId("task_c000000000000000"));
        assertThat(ids(page(TENANT_A, TaskFilter.ALL, dueAsc, noDue, 0, 100))).containsExactly(fixture.get(4).id());
        assertThat(ids(page(TENANT_A, TaskFilter.ALL, TaskSort.by(SortField.DUE_AT, SortDirection.DESC), noDue, 0, 100)))
                .containsExactly(fixture.get(1).id());
    }

    /** Walking every page with keyset positions returns every task once, in order, for every sort and page size. */
    @Test
    void aPageWalkReturnsEveryTaskOnceInOrder() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Few distinct values, so that pages end inside runs of ties.
            tasks.add(insertOne(taskA().createdAt(T0.plusSeconds(i % 4)).updatedAt(T0.plusSeconds(5 + i % 3))
                    .dueAt(i % 5 == 0 ? null : T0.plusSeconds(i % 2)).build()));
        }
        for (TaskSort sort : ALL_SORTS) {
            List<TaskId> expected = ids(expectedOrder(tasks, sort));
            for (int size : List.of(1, 2, 3, 5, 22, 23, 24, 100)) {
                assertThat(ids(walk(TENANT_A, TaskFilter.ALL, sort, size))).as("walk of %s in pages of %d", sort, size)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(store.count(TENANT_A, TaskFilter.ALL)).isEqualTo(expected.size());
        }
    }

    /** Tasks inserted and deleted during a walk shift nothing: every task that existed throughout comes once. */
    @Test
    void aPageWalkSurvivesInsertsAndDeletesBetweenPages() {
        List<Task> initial = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            initial.add(insertOne(taskA().createdAt(T0.plusSeconds(i)).build()));
        }
        TaskSort sort = TaskSort.by(SortField.CREATED_AT, SortDirection.ASC);
        Set<TaskId> deleted = new HashSet<>();
        List<TaskId> seen = new ArrayList<>();
        Optional<SortPosition> after = Optional.empty();
        int round = 0;
        while (true) {
            List<Task> page = store.find(TENANT_A, new PageRequest(TaskFilter.ALL, sort, after, 0, 4));
            seen.addAll(ids(page));
            if (page.size() < 4 || round++ > 50) {
                break;
            }
            after = Optional.of(SortPosition.of(page.get(page.size() - 1), sort));
            // Delete a task not yet seen, insert one before the position and one after it.
            Task victim = initial.get(initial.size() - 1 - round);
            if (!seen.contains(victim.id()) && store.delete(TENANT_A, victim.id(), 1)) {
                deleted.add(victim.id());
            }
            insertOne(taskA().createdAt(T0.minusSeconds(round)).build());
            insertOne(taskA().createdAt(T0.plusSeconds(100 + round)).build());
        }
        Set<TaskId> throughout = new LinkedHashSet<>(ids(initial));
        throughout.removeAll(deleted);
        assertThat(deleted).isNotEmpty();
        assertThat(seen).doesNotHaveDuplicates().containsAll(throughout).doesNotContainAnyElementsOf(deleted);
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.comparing(id -> store.get(TENANT_A, id).orElseThrow().createdAt()));
    }

    // ------------------------------------------------------------------ property

    /**
     * Generated tasks, filters, sorts, page sizes and offsets: every page, the page walk and count agree
     * with {@link TaskFilter#matches} and {@link TaskSort#comparator()}. Range bounds are drawn from the
     * tasks' own instants, a millisecond either side or exact, so that boundaries are hit.
     */
    @Test
    void generatedQueriesAgreeWithTheDefinitions() {
        qt().withShrinkCycles(TckSettings.shrinkCycles()).withExamples(TckSettings.examples(80)).forAll(queryCases()).checkAssert(c -> {
            TaskStore s = newStore();
            try {
                for (Task t : c.tasks()) {
                    s.insert(t, Optional.empty());
                }
                List<Task> expected = c.tasks().stream().filter(c.filter()::matches).sorted(c.sort().comparator()).toList();
                assertThat(s.count(TENANT_A, c.filter())).as("count").isEqualTo(expected.size());
                assertThat(ids(walk(s, TENANT_A, c.filter(), c.sort(), c.pageSize(), expected.size() + 2))).as("page walk")
                        .containsExactlyElementsOf(ids(expected));
                List<Task> window = expected.subList(Math.min(c.offset(), expected.size()), Math.min(c.offset() + c.pageSize(), expected.size()));
                assertThat(s.find(TENANT_A, new PageRequest(c.filter(), c.sort(), Optional.empty(), c.offset(), c.pageSize())))
                        .as("page at offset %d", c.offset()).containsExactlyElementsOf(window);
            } finally {
                closeStore(s);
            }
        });
    }

    /**
     * A tenant of 300 generated tasks (beside another tenant's 40), and generated queries over it:
     * every page (filter, sort, offset, limit, keyset position) and count agrees with the definitions.
     * Larger sets take other paths in stores that plan their queries (indexes, heaps, in-order scans).
     */
    @Test
    void queriesOverALargerTenantAgreeWithTheDefinitions() {
        List<Task> tasks = sample(TaskGenerators.distinctTasks(TENANT_A, 300, 300), 20_250_101L);
        for (Task t : tasks) {
            store.insert(t, Optional.empty());
        }
        for (Task t : sample(TaskGenerators.distinctTasks(TENANT_B, 40, 40), 7L)) {
            store.insert(t, Optional.empty());
        }
        for (TaskSort sort : ALL_SORTS) {
            assertThat(ids(walk(TENANT_A, EVERYTHING, sort, 7))).as("walk of %s", sort)
                    .containsExactlyElementsOf(ids(tasks.stream().sorted(sort.comparator()).toList()));
        }
        Gen<Instant> bounds = ownInstants(tasks, TaskGenerators.instants());
        Gen<TaskFilter> filters = TaskGenerators.filters(RelationshipCatalog.system(), bounds);
        Gen<TaskSort> sorts = TaskGenerators.sorts();
        Gen<PageRequest> requests = in -> {
            TaskSort sort = sorts.generate(in);
            Optional<SortPosition> after = TaskGenerators.chance(in, 50)
                    ? Optional.of(SortPosition.of(tasks.get(Generate.range(0, tasks.size() - 1).generate(in)), sort))
                    : Optional.empty();
            int offset = TaskGenerators.chance(in, 30) ? Generate.range(1, 40).generate(in) : 0;
            return new PageRequest(filters.generate(in), sort, after, offset, Generate.range(1, 50).generate(in));
        };
        qt().withShrinkCycles(TckSettings.shrinkCycles()).withExamples(TckSettings.examples(200)).forAll(requests).checkAssert(r -> {
            List<Task> matching = tasks.stream().filter(r.filter()::matches).sorted(r.sort().comparator()).toList();
            List<Task> expected = matching.stream().filter(t -> r.after().map(p -> r.sort().isAfter(t, p)).orElse(true))
                    .skip(r.offset()).limit(r.limit()).toList();
            assertThat(ids(store.find(TENANT_A, r))).as("find %s", r).containsExactlyElementsOf(ids(expected));
            assertThat(store.count(TENANT_A, r.filter())).as("count %s", r.filter()).isEqualTo(matching.size());
        });
    }

    /**
     * Pages after the tasks changed: assignees moved, due times and update times changed, tasks trashed,
     * restored and deleted between queries. Every page of every assignee, of the trash and of the whole
     * tenant, in every sort, agrees with the definitions over the tasks as they now are: a store that
     * keeps tasks in per-criterion orders must move them there too, and forget what is gone.
     */
    @Test
    void pagesAgreeWithTheDefinitionsAfterTasksChange() {
        java.util.Map<TaskId, Task> current = new java.util.LinkedHashMap<>();
        for (Task t : sample(TaskGenerators.distinctTasks(TENANT_A, 120, 120), 20_261_123L)) {
            store.insert(t, Optional.empty());
            current.put(t.id(), t);
        }
        List<String> members = List.of("mem_1", "mem_2", "mem_3");
        java.util.Random random = new java.util.Random(2_026_11_23L);
        for (int round = 0; round < 3; round++) {
            for (Task t : List.copyOf(current.values())) {
                int roll = random.nextInt(10);
                if (roll == 0) {
                    assertThat(store.delete(TENANT_A, t.id(), t.version())).isTrue();
                    current.remove(t.id());
                } else if (roll <= 5) {
                    Task next = t.toBuilder()
                            .version(t.version() + 1)
                            .updatedAt(T0.plusSeconds(random.nextInt(100_000)))
                            .dueAt(random.nextInt(3) == 0 ? null : T0.plusSeconds(random.nextInt(100_000)))
                            .trashedAt(random.nextInt(4) == 0 ? T0.plusSeconds(random.nextInt(100)) : null)
                            .relationship(SystemRelationship.ASSIGNED_TO.relationshipName(),
                                    random.nextInt(4) == 0 ? List.of() : List.of(members.get(random.nextInt(members.size()))))
                            .build();
                    boolean written = random.nextBoolean() ? store.update(t, next, Optional.empty())
                            : store.update(next, t.version(), Optional.empty());
                    assertThat(written).as("update of %s", t.id()).isTrue();
                    current.put(t.id(), next);
                }
            }
            List<TaskFilter> filters = new ArrayList<>();
            filters.add(EVERYTHING);
            filters.add(filter().trashed(TrashFilter.ONLY).build());
            for (String member : members) {
                filters.add(filter().assignee(member).build());
                filters.add(filter().assignee(member).statuses(Set.of(TaskStatus.OPEN, TaskStatus.TODO, TaskStatus.IN_PROGRESS)).build());
                filters.add(filter().assignee(member).trashed(TrashFilter.ONLY).build());
            }
            for (TaskFilter f : filters) {
                for (TaskSort sort : ALL_SORTS) {
                    List<Task> expected = current.values().stream().filter(f::matches).sorted(sort.comparator()).toList();
                    assertThat(walk(store, TENANT_A, f, sort, 7, expected.size() + 2)).as("round %d, walk of %s by %s", round, f, sort)
                            .containsExactlyElementsOf(expected);
                    assertThat(store.count(TENANT_A, f)).as("round %d, count of %s", round, f).isEqualTo(expected.size());
                }
            }
        }
    }

    /**
     * Draws one typical value from a generator with a fixed seed. (QuickTheories makes its first
     * examples from the edges of every range: the simplest value, then the largest; the fifth is an
     * ordinary random one.)
     *
     * @param gen the generator
     * @param seed the seed
     * @param <T> the value type
     * @return the value
     */
    static <T> T sample(Gen<T> gen, long seed) {
        List<T> out = new ArrayList<>();
        qt().withFixedSeed(seed).withExamples(5).forAll(gen).checkAssert(out::add);
        return out.get(out.size() - 1);
    }

    /** Instants of the tasks themselves, a millisecond either side or exact, and sometimes any. */
    private static Gen<Instant> ownInstants(List<Task> tasks, Gen<Instant> anywhere) {
        List<Instant> own = new ArrayList<>();
        for (Task t : tasks) {
            own.add(t.createdAt());
            own.add(t.updatedAt());
            t.dueAt().ifPresent(own::add);
        }
        if (own.isEmpty()) {
            return anywhere;
        }
        return b -> {
            if (Generate.range(0, 9).generate(b) == 9) {
                return anywhere.generate(b);
            }
            Instant base = own.get(Generate.range(0, own.size() - 1).generate(b));
            Instant shifted = base.plusMillis(Generate.range(-1, 1).generate(b));
            return shifted.isBefore(TaskGenerators.MIN_INSTANT) || shifted.isAfter(TaskGenerators.MAX_INSTANT) ? base : shifted;
        };
    }

    /** One generated query example. */
    record QueryCase(List<Task> tasks, TaskFilter filter, TaskSort sort, int pageSize, int offset) {
    }

    private static Gen<QueryCase> queryCases() {
        Gen<List<Task>> taskLists = TaskGenerators.distinctTasks(TENANT_A, 0, 20);
        Gen<TaskSort> sorts = TaskGenerators.sorts();
        Gen<Instant> anywhere = TaskGenerators.instants();
        return in -> {
            List<Task> tasks = taskLists.generate(in);
            Gen<Instant> bounds = ownInstants(tasks, anywhere);
            TaskFilter filter = TaskGenerators.filters(RelationshipCatalog.system(), bounds).generate(in);
            return new QueryCase(tasks, filter, sorts.generate(in), Generate.range(1, 6).generate(in), Generate.range(0, 8).generate(in));
        };
    }
}
