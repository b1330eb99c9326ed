/**
 * The storage SPI: {@link dev.tasks.core.store.TaskStore}, what it exchanges and how it fails.
 *
 * <p>A store only stores, finds and compares versions; every domain rule is decided before a store is
 * called. The contract is written down as tests in the {@code task-store-tck} module.
 */
package dev.tasks.core.store;
