/**
 * A {@link dev.tasks.core.store.TaskStore} kept in memory:
 * {@link dev.tasks.store.memory.InMemoryTaskStore}.
 *
 * <p>It is thread-safe and indexed, and it answers exactly as the contract in
 * {@link dev.tasks.core.store.TaskStore} says, so it serves as the store of tests, of single-process
 * applications that need no durability, and as the reference other stores are compared with.
 * Nothing survives the process.
 *
 * <pre>{@code
 * TaskStore store = new InMemoryTaskStore();
 * }</pre>
 */
package dev.tasks.store.memory;
