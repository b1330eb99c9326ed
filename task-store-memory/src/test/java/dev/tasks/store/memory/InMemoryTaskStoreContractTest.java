package dev.tasks.store.memory;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.TaskStoreContract;

/** Runs the whole storage contract ({@code task-store-tck}) against {@link InMemoryTaskStore}. */
class InMemoryTaskStoreContractTest extends TaskStoreContract {

    @Override
    protected TaskStore newStore() {
        return new InMemoryTaskStore();
    }
}
