package dev.tasks.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example tests of the pointers and codes the validator reports. */
class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(RelationshipCatalog.system());

    @Test
    void aMinimalTaskIsValid() {
        assertThat(validator.validate(NewTask.titled("Call back"))).isEmpty();
    }

    @Test
    void reportsEveryProblemOfACreateWithItsPointer() {
        NewTask bad = NewTask.builder("  ")
                .description("ok")
                .externalId("x".repeat(256))
                .metadata("Bad Key", "v")
                .metadata("region", "v".repeat(501))
                .relationship("$assignedTo", List.of("a", "b"))
                .relationship("$account", Arrays.asList("ok", "not ok"))
                .relationship("$note", List.of("n1"))
                .relationship("nope", List.of("x"))
                .dueAt(Instant.parse("+10000-01-01T00:00:00Z"))
                .build();
        assertThat(validator.validate(bad)).extracting(v -> v.pointer() + " " + v.code().code())
                .containsExactly(
                        "/dueAt out_of_range",
                        "/externalId too_long",
                        "/metadata/Bad Key invalid_format",
                        "/metadata/region too_long",
                        "/relationships/$account cardinality",
                        "/relationships/$account/1 invalid_format",
                        "/relationships/$assignedTo cardinality",
                        "/relationships/$note read_only",
                        "/relationships/nope unknown_relationship",
                        "/title blank");
    }

    @Test
    void aNullTitleIsRequired() {
        assertThat(validator.validate(NewTask.builder(null).build()))
                .extracting(v -> v.pointer() + " " + v.code().code())
                .containsExactly("/title required");
    }

    @Test
    void loneSurrogatesAndNulAreRefused() {
        assertThat(validator.validate(NewTask.builder("a\uD800b").description("x\u0000").build()))
                .extracting(v -> v.pointer() + " " + v.code().code())
                .containsExactly("/description invalid_characters", "/title invalid_characters");
    }

    @Test
    void patchPointersReachIntoRelationshipChanges() {
        TaskPatch patch = TaskPatch.builder()
                .title(FieldPatch.cleared())
                .description("d".repeat(20_001))
                .metadata("ok", null)
                .metadata("k/~", "v")
                .relationship("$assignedTo", RelationshipPatch.replace(List.of("bad id")))
                .relationship("$createdBy", RelationshipPatch.replace(List.of("m1")))
                .relationship("$account", new RelationshipPatch(List.of("x!"), List.of(), java.util.Optional.empty()))
                .build();
        assertThat(validator.validate(patch)).extracting(v -> v.pointer() + " " + v.code().code())
                .containsExactly(
                        "/description too_long",
                        "/metadata/k~1~0 invalid_format",
                        "/relationships/$account/add/0 invalid_format",
                        "/relationships/$assignedTo/replace/0 invalid_format",
                        "/relationships/$createdBy read_only",
                        "/title required");
    }

    @Test
    void queryPointers() {
        TaskQuery q = TaskQuery.builder()
                .limit(0)
                .offset(5)
                .cursor("abc")
                .filter(TaskFilter.builder().assignee("bad id").relatedTo(RelatedTo.in("nope", "x")).build())
                .build();
        assertThat(validator.validate(q)).extracting(v -> v.pointer() + " " + v.code().code())
                .containsExactly(
                        "/filter/assignees invalid_format",
                        "/filter/relatedTo/0/relationship unknown_relationship",
                        "/limit out_of_range",
                        "/offset conflicting");
    }
}
