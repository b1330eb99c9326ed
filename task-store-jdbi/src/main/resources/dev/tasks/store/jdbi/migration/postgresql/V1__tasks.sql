-- The task store's schema, version 1, for PostgreSQL (UTF8).
-- Instants are timestamptz. Text compares byte by byte (COLLATE "C"), so that ids order as in Java.
-- The last statement records the version, so that the script may be applied by any migration tool.

CREATE TABLE IF NOT EXISTS task_schema_version (
    version     integer NOT NULL PRIMARY KEY,
    description text    NOT NULL
);

CREATE TABLE tasks (
    id           text COLLATE "C" NOT NULL,
    tenant_id    text COLLATE "C" NOT NULL,
    title        text COLLATE "C" NOT NULL,
    description  text COLLATE "C",
    status       text COLLATE "C" NOT NULL,
    assignee     text COLLATE "C",
    due_at       timestamptz,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    trashed_at   timestamptz,
    version      bigint NOT NULL,
    external_id  text COLLATE "C",
    CONSTRAINT tasks_pk PRIMARY KEY (id),
    CONSTRAINT tasks_status_check CHECK (status IN ('OPEN', 'TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'))
);

CREATE UNIQUE INDEX tasks_tenant_external_id ON tasks (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX tasks_tenant_created ON tasks (tenant_id, created_at, id);
CREATE INDEX tasks_tenant_updated ON tasks (tenant_id, updated_at, id);
CREATE INDEX tasks_tenant_due ON tasks (tenant_id, due_at, id);
-- Tasks without a due time come last under a due-time sort, in id order. SQLite reads them in id order
-- from tasks_tenant_due (it treats IS NULL as an equality); PostgreSQL needs its own index for that.
CREATE INDEX tasks_tenant_without_due ON tasks (tenant_id, id) WHERE due_at IS NULL;
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
    task_id   text COLLATE "C" NOT NULL,
    tenant_id text COLLATE "C" NOT NULL,
    name      text COLLATE "C" NOT NULL,
    position  integer NOT NULL,
    entity_id text COLLATE "C" NOT NULL,
    CONSTRAINT task_relationships_pk PRIMARY KEY (task_id, name, position),
    CONSTRAINT task_relationships_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
);

CREATE INDEX task_relationships_entity ON task_relationships (tenant_id, entity_id, name, task_id);

-- Values of up to 500 characters may not fit a btree entry: the index holds their md5.
CREATE TABLE task_metadata (
    task_id   text COLLATE "C" NOT NULL,
    tenant_id text COLLATE "C" NOT NULL,
    key       text COLLATE "C" NOT NULL,
    value     text COLLATE "C" NOT NULL,
    CONSTRAINT task_metadata_pk PRIMARY KEY (task_id, key),
    CONSTRAINT task_metadata_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
);

CREATE INDEX task_metadata_key_value ON task_metadata (tenant_id, key, md5(value));

-- Kept when their task is deleted: they expire and are purged.
CREATE TABLE task_idempotency_records (
    tenant_id   text COLLATE "C" NOT NULL,
    operation   text COLLATE "C" NOT NULL,
    key_value   text COLLATE "C" NOT NULL,
    fingerprint text COLLATE "C" NOT NULL,
    task_id     text COLLATE "C" NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT task_idempotency_records_pk PRIMARY KEY (tenant_id, operation, key_value)
);

CREATE INDEX task_idempotency_records_expires ON task_idempotency_records (expires_at);

INSERT INTO task_schema_version (version, description) VALUES (1, 'tasks, relationships, metadata, idempotency records');
