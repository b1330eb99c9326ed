package dev.tasks.store.jdbi;

/**
 * Two services over two stores on one PostgreSQL database of the shared embedded server, each store on
 * its own pool of connections.
 */
class TwoServicesPostgresTest extends TwoServicesRaceTest {

    private static final String DATABASE = "two_services";

    private PooledDataSource second;

    @Override
    protected JdbiTaskStore[] openTwoStores() {
        JdbiTaskStore first = JdbiTaskStore.create(EmbeddedPostgresSupport.database(DATABASE));
        second = new PooledDataSource(EmbeddedPostgresSupport.unpooled(DATABASE));
        return new JdbiTaskStore[] {first, JdbiTaskStore.create(second)};
    }

    @Override
    protected void release() {
        if (second != null) {
            second.close();
        }
    }
}
