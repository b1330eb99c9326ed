package dev.tasks.json.stora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.TaskStatus;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StoraStatusTest {

    @ParameterizedTest
    @CsvSource({"OPEN,open", "TODO,todo", "IN_PROGRESS,in_progress", "COMPLETE,completed", "CANCELLED,cancelled"})
    void everyStatusHasItsDecidedSpelling(TaskStatus status, String spelling) {
        assertThat(StoraFormat.statusName(status)).isEqualTo(spelling);
        assertThat(StoraFormat.status(spelling)).contains(status);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everySpellingReadsBackToItsStatus(TaskStatus status) {
        assertThat(StoraFormat.status(StoraFormat.statusName(status))).contains(status);
    }

    @Test
    void noTwoStatusesShareASpellingAndTheListNamesThemAll() {
        Set<String> spellings = Arrays.stream(TaskStatus.values()).map(StoraFormat::statusName).collect(Collectors.toSet());
        assertThat(spellings).hasSize(TaskStatus.values().length);
        assertThat(StoraFormat.statusNames()).containsExactlyElementsOf(
                Arrays.stream(TaskStatus.values()).map(StoraFormat::statusName).toList());
        assertThat(spellings).allMatch(s -> s.matches("[a-z_]+"), "lowercase snake_case");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"OPEN", "Open", "complete", "COMPLETE", "done", " open", "open ", "in-progress", "inprogress", "canceled"})
    void otherSpellingsAreNoStatus(String spelling) {
        assertThat(StoraFormat.status(spelling)).isEmpty();
    }
}
