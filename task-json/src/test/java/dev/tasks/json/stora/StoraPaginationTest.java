package dev.tasks.json.stora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.core.TaskQuery;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoraPaginationTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // page, limit, count, pages, next, prev
            "1, 50, 0, 1, null, null",
            "1, 50, 1, 1, null, null",
            "1, 50, 50, 1, null, null",
            "1, 50, 51, 2, 2, null",
            "2, 50, 120, 3, 3, 1",
            "3, 50, 120, 3, null, 2",
            "4, 50, 120, 3, null, 3",
            "9, 50, 120, 3, null, 3",
            "2, 1, 0, 1, null, 1"})
    void examples(int page, int limit, long count, long pages, Long next, Long prev) {
        StoraPagination p = new StoraPagination(page, limit, count);

        assertThat(p.pages()).isEqualTo(pages);
        assertThat(p.last()).isEqualTo(pages);
        assertThat(p.next()).isEqualTo(next == null ? OptionalLong.empty() : OptionalLong.of(next));
        assertThat(p.prev()).isEqualTo(prev == null ? OptionalLong.empty() : OptionalLong.of(prev));
    }

    @Test
    void pagesCoverTheCountExactlyAndNeighboursStayInside() {
        qt().forAll(integers().between(1, 200_000), integers().between(1, 100), longs().between(0, 50_000_000_000L))
                .checkAssert((page, limit, count) -> {
                    StoraPagination p = new StoraPagination(page, limit, count);
                    assertThat(p.pages()).isGreaterThanOrEqualTo(1);
                    assertThat(p.pages() * limit).isGreaterThanOrEqualTo(count);
                    if (count > 0) {
                        assertThat((p.pages() - 1) * limit).isLessThan(count);
                    }
                    assertThat(p.last()).isEqualTo(p.pages());
                    assertThat(p.next().isPresent()).isEqualTo(page < p.last());
                    p.next().ifPresent(n -> assertThat(n).isEqualTo(page + 1L));
                    assertThat(p.prev().isPresent()).isEqualTo(page > 1);
                    p.prev().ifPresent(n -> assertThat(n).isBetween(1L, p.last()).isLessThan(page));
                });
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertThatThrownBy(() -> new StoraPagination(0, 1, 0)).hasMessageContaining("page");
        assertThatThrownBy(() -> new StoraPagination(1, 0, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new StoraPagination(1, 1, -1)).hasMessageContaining("count");
    }

    @Test
    void absentParametersAreTheFirstPageOfFifty() {
        StoraPageRequest request = StoraPageRequest.fromQuery(null, null);

        assertThat(request).isEqualTo(new StoraPageRequest(1, 50)).isEqualTo(StoraPageRequest.FIRST);
        assertThat(request.offset()).isZero();
    }

    @Test
    void aPageIsAnOffsetInTheLibrarysQuery() {
        StoraPageRequest request = StoraPageRequest.fromQuery("3", "20");
        TaskQuery query = request.query();

        assertThat(request).isEqualTo(new StoraPageRequest(3, 20));
        assertThat(query.offset()).isEqualTo(40);
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.cursor()).isEmpty();
        assertThat(request.pagination(41)).isEqualTo(new StoraPagination(3, 20, 41));
    }

    @Test
    void theDeepestPageServedStillHasAnOffsetTheLibraryAccepts() {
        qt().forAll(integers().between(1, StoraPageRequest.MAX_LIMIT)).checkAssert(limit -> {
            int max = StoraPageRequest.maxPage(limit);
            StoraPageRequest deepest = new StoraPageRequest(max, limit);
            assertThat(deepest.offset()).isBetween(0, TaskQuery.MAX_OFFSET);
            assertThat((long) max * limit).as("one page more would pass the offset limit").isGreaterThan(TaskQuery.MAX_OFFSET);
            assertParameter(catchThrowable(() -> StoraPageRequest.fromQuery(String.valueOf(max + 1), String.valueOf(limit))), "page");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "+5", "", " 5", "5 ", "5.0", "1e2", "abc", "\u0665", "99999999999999999999", "0x10"})
    void aBadLimitIsRefusedNamingLimit(String limit) {
        assertParameter(catchThrowable(() -> StoraPageRequest.fromQuery("1", limit)), "limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "", " ", "1.5", "one", "\u0661", "2147483648", "1000000000", "100002"})
    void aBadPageIsRefusedNamingPage(String page) {
        assertParameter(catchThrowable(() -> StoraPageRequest.fromQuery(page, "1")), "page");
    }

    @Test
    void leadingZerosAreTheSameNumber() {
        assertThat(StoraPageRequest.fromQuery("002", "010")).isEqualTo(new StoraPageRequest(2, 10));
    }

    @Test
    void aBadParameterIsStorasInvalidUrlParam() {
        StoraParameterException e = (StoraParameterException) catchThrowable(() -> StoraPageRequest.fromQuery("1", "500"));

        StoraFixture.Response response = StoraFixture.error(StoraError.from(e, "req"));

        assertThat(response.status()).isEqualTo(422);
        JsonNode error = response.body().path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_url_param");
        assertThat(error.path("type").asText()).isEqualTo("unprocessable_content");
        assertThat(error.path("message").asText()).contains("limit").contains("100");
        JsonNode detail = error.path("details").get(0);
        assertThat(detail.path("parameter").asText()).isEqualTo("limit");
        assertThat(detail.path("pointer").isNull()).as("not in the body").isTrue();
    }

    private static void assertParameter(Throwable thrown, String parameter) {
        assertThat(thrown).isInstanceOf(StoraParameterException.class);
        assertThat(((StoraParameterException) thrown).parameter()).isEqualTo(parameter);
        assertThat(thrown.getMessage()).startsWith(parameter + " must be an integer from 1 to ");
    }
}
