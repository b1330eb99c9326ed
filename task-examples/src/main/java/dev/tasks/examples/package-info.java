/**
 * Runnable examples of the library. {@link dev.tasks.examples.QuickStart} is the tour a new user
 * starts with; run it from the repository root with
 * {@code ./mvnw -q -pl task-examples -am verify -DskipTests -Prun-example}; its tasks persist in
 * {@code tasks-example.db} at the repository root.
 */
package dev.tasks.examples;
