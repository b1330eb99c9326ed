package dev.tasks.bench;

import dev.tasks.store.memory.InMemoryTaskStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * The memory store's heap per task: the heap in use after a full collection, with a data set loaded
 * minus without it, divided by the tasks. The tasks themselves count (the store keeps them).
 */
final class Footprint {

    private Footprint() {
    }

    /** Bytes of heap per task of a data set held by {@code InMemoryTaskStore}. */
    static double bytesPerTask(DataSet dataSet) {
        long before = usedAfterGc();
        InMemoryTaskStore store = BenchData.memory(dataSet);
        long after = usedAfterGc();
        Reference.reachabilityFence(store);
        return (double) (after - before) / dataSet.totalTasks();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
