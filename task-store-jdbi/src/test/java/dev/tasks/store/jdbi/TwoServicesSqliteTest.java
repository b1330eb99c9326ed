package dev.tasks.store.jdbi;

import java.nio.file.Path;

/** Two services over two stores, each with its own writer and readers, on one SQLite file. */
class TwoServicesSqliteTest extends TwoServicesRaceTest {

    private static final Path DIRECTORY = TestFiles.temporaryDirectory("sqlite-two-services");

    @Override
    protected JdbiTaskStore[] openTwoStores() {
        Path file = DIRECTORY.resolve("tasks.db");
        JdbiTaskStore first = JdbiTaskStore.sqlite(file);
        JdbiTaskStore second = JdbiTaskStore.sqlite(file);
        return new JdbiTaskStore[] {first, second};
    }
}
