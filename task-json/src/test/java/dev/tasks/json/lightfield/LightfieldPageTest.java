package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/tasks?offset=&limit=}. */
class LightfieldPageTest {

    @Test
    void absent_and_empty_values_take_the_defaults() {
        assertThat(LightfieldPage.parse(null, null)).isEqualTo(new LightfieldPage(0, 25)).isEqualTo(LightfieldPage.FIRST);
        assertThat(LightfieldPage.parse("", "")).isEqualTo(LightfieldPage.FIRST);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "7, 25", "100000, 10", "007, 05"})
    void values_in_range_are_read(String offset, String limit) {
        LightfieldPage page = LightfieldPage.parse(offset, limit);

        assertThat(page.offset()).isEqualTo(Integer.parseInt(offset));
        assertThat(page.limit()).isEqualTo(Integer.parseInt(limit));
    }

    @ParameterizedTest
    @CsvSource({
        "-1, , out_of_range, offset", "100001, , out_of_range, offset", "99999999999999999999999, , out_of_range, offset",
        ", 0, out_of_range, limit", ", 26, out_of_range, limit", ", -5, out_of_range, limit",
        "'one', , invalid_type, offset", "'1.5', , invalid_type, offset", "'+5', , invalid_type, offset",
        "' 5', , invalid_type, offset", ", '1e2', invalid_type, limit", ", '\u0661', invalid_type, limit",
        "'x', 'y', invalid_type, offset"})
    void a_bad_value_is_a_400_naming_the_parameter(String offset, String limit, String code, String param) {
        LightfieldException e = catchThrowableOfType(LightfieldException.class, () -> LightfieldPage.parse(offset, limit));

        assertThat(e).isNotNull();
        assertError(e.error(), 400, "bad_request", code, param);
    }

    @Test
    void the_page_becomes_the_library_s_query_and_lists_through_the_service() {
        TaskService service = Fixtures.service();
        for (int i = 0; i < 30; i++) {
            service.create(ALICE, NewTask.builder("task " + i).assignee("mem_1").build());
        }

        TaskQuery query = LightfieldPage.parse("20", "25").query();

        assertThat(query.offset()).isEqualTo(20);
        assertThat(query.limit()).isEqualTo(25);
        assertThat(query.cursor()).isEmpty();
        assertThat(service.list(ALICE, query).tasks()).hasSize(10);
        assertThat(LightfieldPage.FIRST.query(TaskFilter.builder().assignee("mem_2").build()).filter().assignees()).containsExactly("mem_2");
    }
}
