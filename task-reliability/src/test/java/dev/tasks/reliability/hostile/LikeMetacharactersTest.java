package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.store.TaskStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQL and LIKE metacharacters in filter values match themselves and nothing more, with the expected
 * results written out by hand: the hostile properties judge lists with {@code TaskFilter.matches}, which
 * the memory store itself uses, so this fixes the meaning independently of both.
 */
class LikeMetacharactersTest {

    @TempDir
    static Path directory;

    private static final List<String> TITLES = List.of("100% done", "50%_off", "under_score", "back\\slash", "plain text",
            "it's quoted", "star*glob?", "[bracket]", "caf\u00e9");

    /** Title fragment to the titles it must find, by hand. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("%", List.of("100% done", "50%_off")),
            Map.entry("_", List.of("50%_off", "under_score")),
            Map.entry("%_", List.of("50%_off")),
            Map.entry("\\", List.of("back\\slash")),
            Map.entry("'", List.of("it's quoted")),
            Map.entry("*", List.of("star*glob?")),
            Map.entry("?", List.of("star*glob?")),
            Map.entry("[b", List.of("[bracket]")),
            Map.entry("e", List.of("100% done", "under_score", "plain text", "it's quoted", "[bracket]")),
            // Case is ignored for ASCII letters only (docs/decisions.md, "Lists").
            Map.entry("CAF\u00e9", List.of("caf\u00e9")),
            Map.entry("CAF\u00c9", List.of()),
            Map.entry("' OR '1'='1", List.of()),
            Map.entry("%%", List.of()),
            Map.entry("_o", List.of("50%_off")));

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void titleContainsMatchesMetacharactersLiterally(Stores.Kind kind) {
        TaskStore store = Stores.open(kind, "like_metacharacters", directory);
        try {
            TaskService service = TaskService.builder(store).clock(Stores.tickingClock()).build();
            Actor actor = Actor.of("like-" + kind, "mem_1", Scope.all());
            for (String title : TITLES) {
                service.create(actor, NewTask.builder(title).metadata("tag", title.replace(' ', '-')).build());
            }
            EXPECTED.forEach((fragment, titles) -> {
                TaskFilter filter = TaskFilter.builder().titleContains(fragment).build();
                List<String> found = service.list(actor, TaskQuery.builder().filter(filter).limit(100).build()).tasks().stream()
                        .map(Task::title).toList();
                assertThat(found).as("%s: title contains %s", kind, fragment).containsExactlyInAnyOrderElementsOf(titles);
                assertThat(service.count(actor, filter)).as("%s: count of title contains %s", kind, fragment).isEqualTo(titles.size());
            });
            // Metadata values match exactly: a LIKE pattern is no wildcard there.
            assertThat(service.count(actor, TaskFilter.builder().metadata("tag", "50%_off").build())).isEqualTo(1);
            assertThat(service.count(actor, TaskFilter.builder().metadata("tag", "%").build())).isZero();
            assertThat(service.count(actor, TaskFilter.builder().metadata("tag", "50__off").build())).isZero();
        } finally {
            Stores.close(store);
        }
    }
}
