-- The task store's schema, version 1, for SQLite.
-- Instants are epoch milliseconds (INTEGER, UTC). Text compares byte by byte (BINARY).
-- The last statement records the version, so that the script may be applied by any migration tool.

CREATE TABLE IF NOT EXISTS task_schema_version (
    version     INTEGER NOT NULL PRIMARY KEY,
    description TEXT    NOT NULL
);

CREATE TABLE tasks (
    id           TEXT    NOT NULL,
    tenant_id    TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT,
    status       TEXT    NOT NULL,
    assignee     TEXT,
    due_at       INTEGER,
    completed_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    trashed_at   INTEGER,
    version      INTEGER NOT NULL,
    external_id  TEXT,
    CONSTRAINT tasks_pk PRIMARY KEY (id),
    CONSTRAINT tasks_status_check CHECK (status IN ('OPEN', 'TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'))
);

CREATE UNIQUE INDEX tasks_tenant_external_id ON tasks (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX tasks_tenant_created ON tasks (tenant_id, created_at, id);
CREATE INDEX tasks_tenant_updated ON tasks (tenant_id, updated_at, id);
CREATE INDEX tasks_tenant_due ON tasks (tenant_id, due_at, id);
CREATE INDEX tasks_tenant_status ON tasks (tenant_id, status, created_at, id);
CREATE INDEX tasks_tenant_assignee ON tasks (tenant_id, assignee, created_at, id) WHERE assignee IS NOT NULL;
CREATE INDEX tasks_tenant_trashed ON tasks (tenant_id, trashed_at, id) WHERE trashed_at IS NOT NULL;
-- The open tasks (not trashed, status OPEN, TODO or IN_PROGRESS), the lists most asked for: newest
-- first, by due time, and an assignee's by due time, each read in order from its own small index
-- whatever the number of closed tasks. The store writes the status filter as literals so that the
-- planner can match these predicates.
CREATE INDEX tasks_tenant_open_created ON tasks (tenant_id, created_at, id)
    WHERE trashed_at IS NULL AND status IN ('IN_PROGRESS', 'OPEN', 'TODO');
CREATE INDEX tasks_tenant_open_due ON tasks (tenant_id, due_at, id)
    WHERE trashed_at IS NULL AND status IN ('IN_PROGRESS', 'OPEN', 'TODO');
CREATE INDEX tasks_tenant_assignee_open_due ON tasks (tenant_id, assignee, due_at, id)
    WHERE trashed_at IS NULL AND status IN ('IN_PROGRESS', 'OPEN', 'TODO') AND assignee IS NOT NULL;
-- Counts of the tasks not in the trash (all, by status, with a due time) read this index alone.
CREATE INDEX tasks_tenant_live ON tasks (tenant_id, status, due_at) WHERE trashed_at IS NULL;

CREATE TABLE task_relationships (
    task_id   TEXT    NOT NULL,
    tenant_id TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    entity_id TEXT    NOT NULL,
    CONSTRAINT task_relationships_pk PRIMARY KEY (task_id, name, position),
    CONSTRAINT task_relationships_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX task_relationships_entity ON task_relationships (tenant_id, entity_id, name, task_id);

CREATE TABLE task_metadata (
    task_id   TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL,
    CONSTRAINT task_metadata_pk PRIMARY KEY (task_id, key),
    CONSTRAINT task_metadata_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX task_metadata_key_value ON task_metadata (tenant_id, key, value, task_id);

-- Kept when their task is deleted: they expire and are purged.
CREATE TABLE task_idempotency_records (
    tenant_id   TEXT    NOT NULL,
    operation   TEXT    NOT NULL,
    key_value   TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    task_id     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CONSTRAINT task_idempotency_records_pk PRIMARY KEY (tenant_id, operation, key_value)
);

CREATE INDEX task_idempotency_records_expires ON task_idempotency_records (expires_at);

INSERT INTO task_schema_version (version, description) VALUES (1, 'tasks, relationships, metadata, idempotency records');
