package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.TaskGenerators;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** DESIGN: an external id is unique within a tenant, and only there. */
class ExternalIdPropertyTest {

    record Input(NewTask first, NewTask second, String externalId, Instant clock) {
    }

    private static Gen<Input> inputs() {
        return RequestGenerators.newTasks().zip(RequestGenerators.newTasks(), TaskGenerators.externalIds(), Fixture.clockStarts(),
                Input::new);
    }

    private static NewTask withExternalId(NewTask r, String externalId) {
        return new NewTask(r.title(), r.description(), r.status(), r.dueAt(), java.util.Optional.of(externalId), r.metadata(),
                r.relationships());
    }

    private static NewTask withoutExternalId(NewTask r) {
        return new NewTask(r.title(), r.description(), r.status(), r.dueAt(), java.util.Optional.empty(), r.metadata(),
                r.relationships());
    }

    @Test
    void aTakenExternalIdIsRefusedOnCreateAndUpdateAndWritesNothing() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task first = f.service.create(f.actor, withExternalId(in.first(), in.externalId()));
            assertThat(f.service.findByExternalId(f.actor, in.externalId())).contains(first);

            assertThatThrownBy(() -> f.service.create(f.actor, withExternalId(in.second(), in.externalId())))
                    .isInstanceOf(ExternalIdConflictException.class);
            assertThat(f.count(Fixture.TENANT)).isEqualTo(1);

            Task second = f.service.create(f.actor, withoutExternalId(in.second()));
            assertThatThrownBy(() -> f.service.update(f.actor, second.id(), TaskPatch.builder().externalId(in.externalId()).build()))
                    .isInstanceOf(ExternalIdConflictException.class);
            assertThat(f.service.get(f.actor, second.id())).isEqualTo(second);

            // Another tenant may use the same external id.
            Actor other = Fixture.actor(Fixture.OTHER_TENANT, "mem_other", Set.of(Scope.values()));
            Task theirs = f.service.create(other, withExternalId(in.second(), in.externalId()));
            assertThat(f.service.findByExternalId(other, in.externalId())).contains(theirs);
            assertThat(f.service.findByExternalId(f.actor, in.externalId())).contains(first);

            // Freed by clearing it, the id can be taken again.
            f.service.update(f.actor, first.id(), TaskPatch.builder().externalId((String) null).build());
            Task taken = f.service.update(f.actor, second.id(), TaskPatch.builder().externalId(in.externalId()).build());
            assertThat(taken.externalId()).contains(in.externalId());
        });
    }
}
