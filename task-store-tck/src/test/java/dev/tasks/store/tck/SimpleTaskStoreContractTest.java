package dev.tasks.store.tck;

import dev.tasks.core.store.TaskStore;

/** The TCK checked on the simplest correct store: every test must pass. */
class SimpleTaskStoreContractTest extends TaskStoreContract {

    @Override
    protected TaskStore newStore() {
        return new SimpleTaskStore();
    }
}
