/**
 * JMH benchmarks of {@link dev.tasks.api.TaskService} on the memory store, SQLite and PostgreSQL, each
 * beside a raw-JDBC baseline that does the same SQL work on the same schema, settings and rows; the
 * data sets they read; and the command line ({@link dev.tasks.bench.Bench}) that runs the quick and
 * full profiles and turns JMH's JSON into the tables of {@code BENCHMARKS.md}.
 */
package dev.tasks.bench;
