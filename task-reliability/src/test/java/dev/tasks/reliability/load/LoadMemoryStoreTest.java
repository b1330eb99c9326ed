package dev.tasks.reliability.load;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.memory.InMemoryTaskStore;

/** The load scenario on {@link InMemoryTaskStore}. */
class LoadMemoryStoreTest extends LoadTestBase {

    @Override
    String storeName() {
        return "memory";
    }

    @Override
    TaskStore openStore() {
        return new InMemoryTaskStore();
    }
}
