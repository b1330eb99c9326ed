package dev.tasks.store.jdbi;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * A SQL statement being built: its text and its bound arguments, in order. Every value goes in as a
 * {@code ?} placeholder and a bound argument; only the store's own constants become text.
 */
final class Sql {

    private final SqlDialect dialect;
    private final StringBuilder text = new StringBuilder(256);
    private final List<Argument> arguments = new ArrayList<>();

    Sql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Appends SQL text: only the store's constants, never a value. */
    Sql sql(String constant) {
        text.append(constant);
        return this;
    }

    /** Appends a placeholder for a string (null binds SQL NULL). */
    Sql string(String value) {
        text.append('?');
        arguments.add(value == null
                ? (position, statement, ctx) -> statement.setNull(position, Types.VARCHAR)
                : (position, statement, ctx) -> statement.setString(position, value));
        return this;
    }

    /** Appends a placeholder for a number. */
    Sql number(long value) {
        text.append('?');
        arguments.add((position, statement, ctx) -> statement.setLong(position, value));
        return this;
    }

    /** Appends a placeholder for an instant (null binds SQL NULL), in the dialect's representation. */
    Sql instant(Instant value) {
        text.append('?');
        arguments.add((position, statement, ctx) -> dialect.bindInstant(statement, position, value));
        return this;
    }

    /** Appends {@code (?, ?, …)} with one string placeholder per value. */
    Sql strings(Collection<String> values) {
        text.append('(');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                text.append(", ");
            }
            string(value);
            first = false;
        }
        text.append(')');
        return this;
    }

    /** The same statement with constant text in front, e.g. {@code EXPLAIN}: for the plan tests. */
    Sql prefixed(String constant) {
        Sql copy = new Sql(dialect);
        copy.text.append(constant).append(text);
        copy.arguments.addAll(arguments);
        return copy;
    }

    String text() {
        return text.toString();
    }

    Query query(Handle handle) {
        return bind(handle.createQuery(text.toString()));
    }

    Update update(Handle handle) {
        return bind(handle.createUpdate(text.toString()));
    }

    int execute(Handle handle) {
        return update(handle).execute();
    }

    private <S extends SqlStatement<S>> S bind(S statement) {
        for (int i = 0; i < arguments.size(); i++) {
            statement.bind(i, arguments.get(i));
        }
        return statement;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
