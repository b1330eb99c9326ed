package dev.tasks.bench;

import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import java.sql.SQLException;
import java.util.List;

/**
 * The single-task operations a write benchmark calls, on the library or on the raw baseline. A
 * benchmark JVM runs one target, so each call site sees one implementation and the JIT inlines it.
 */
abstract class Ops {

    abstract Object create(NewTask request) throws SQLException;

    abstract Object get(TaskId id) throws SQLException;

    abstract Object putMetadata(TaskId id, String key, String value) throws SQLException;

    abstract Object changeStatus(TaskId id, TaskStatus status) throws SQLException;

    abstract Object createAll(List<NewTask> requests) throws SQLException;

    static Ops of(Fixture fixture) {
        return fixture.raw != null ? new Raw(fixture.raw) : new Library(fixture.service);
    }

    /** Through {@link TaskService}, as an application calls it. */
    static final class Library extends Ops {
        private final TaskService service;

        Library(TaskService service) {
            this.service = service;
        }

        @Override
        Object create(NewTask request) {
            return service.create(Fixture.ACTOR, request);
        }

        @Override
        Object get(TaskId id) {
            return service.get(Fixture.ACTOR, id);
        }

        @Override
        Object putMetadata(TaskId id, String key, String value) {
            return service.update(Fixture.ACTOR, id, TaskPatch.builder().metadata(key, value).build());
        }

        @Override
        Object changeStatus(TaskId id, TaskStatus status) {
            return service.changeStatus(Fixture.ACTOR, id, status);
        }

        @Override
        Object createAll(List<NewTask> requests) {
            return service.createAll(Fixture.ACTOR, requests);
        }
    }

    /** Hand-written JDBC, see {@link RawTaskDao}. */
    static final class Raw extends Ops {
        private final RawTaskDao dao;

        Raw(RawTaskDao dao) {
            this.dao = dao;
        }

        @Override
        Object create(NewTask request) throws SQLException {
            return dao.create(TaskGenerator.QUERIED_TENANT, Fixture.ACTOR.principal(), request);
        }

        @Override
        Object get(TaskId id) throws SQLException {
            return dao.get(TaskGenerator.QUERIED_TENANT, id).orElseThrow();
        }

        @Override
        Object putMetadata(TaskId id, String key, String value) throws SQLException {
            return dao.putMetadata(TaskGenerator.QUERIED_TENANT, id, key, value);
        }

        @Override
        Object changeStatus(TaskId id, TaskStatus status) throws SQLException {
            return dao.changeStatus(TaskGenerator.QUERIED_TENANT, id, status);
        }

        @Override
        Object createAll(List<NewTask> requests) throws SQLException {
            return dao.createAll(TaskGenerator.QUERIED_TENANT, Fixture.ACTOR.principal(), requests);
        }
    }
}
