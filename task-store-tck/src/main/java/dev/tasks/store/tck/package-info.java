/**
 * The storage contract ({@link dev.tasks.core.store.TaskStore}) as reusable tests, and test data for
 * every module's tests.
 *
 * <ul>
 *   <li>{@link dev.tasks.store.tck.TaskStoreContract}: extend it once, implement {@code newStore()},
 *       and JUnit Jupiter runs the whole contract against your store: examples of every operation,
 *       tenant isolation, idempotency records, concurrency, and a stateful property test against a
 *       reference model.</li>
 *   <li>{@link dev.tasks.store.tck.TaskGenerators}: QuickTheories generators of valid tasks, create
 *       requests, patches, filters and sorts.</li>
 *   <li>{@link dev.tasks.store.tck.TestTasks} and {@link dev.tasks.store.tck.TaskAssertions}: a fluent
 *       builder of test tasks and AssertJ assertions on tasks.</li>
 * </ul>
 */
package dev.tasks.store.tck;
