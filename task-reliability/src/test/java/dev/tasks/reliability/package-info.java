/**
 * The reliability suite: crash safety, load, hostile input and tenant isolation, each guarantee with a
 * test that fails if it breaks. What is guaranteed, how it is tested and the figures of the last run
 * are in docs/reliability.md.
 */
package dev.tasks.reliability;
