package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.boot.model.relational.SqlStringGenerationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the functions and triggers of native versioning in a PostgreSQL (or, through
 * {@link MariaDbTriggerCheck} and {@link H2TriggerCheck}, MariaDB or H2) database with those the
 * mapping needs: a function whose source differs (written for another mapping, or by another
 * release) is outdated; a trigger that is missing, disabled or calls another function is reported
 * as missing. Each problem comes with the statements that fix it.
 */
public final class TriggerCheck {

    /** One function or trigger that is missing or outdated, and the statements that create it anew. */
    public record Problem(String description, List<String> fix) {
    }

    private TriggerCheck() {
    }

    /** The problems of {@code triggers} in the database of {@code connection}; empty when it has them all. */
    public static List<Problem> problems(NativeTriggers triggers, Connection connection,
            SqlStringGenerationContext context) throws SQLException {
        if (NativeTriggers.h2(context.getDialect())) {
            return H2TriggerCheck.problems(triggers, connection, context);
        }
        if (NativeTriggers.mariaDb(context.getDialect())) {
            return MariaDbTriggerCheck.problems(triggers, connection, context);
        }
        List<Problem> problems = new ArrayList<>();
        Bookkeeping names = triggers.names();
        String allocator = PostgreSqlTriggers.allocatorName(names, context);
        String source = source(connection, allocator);
        if (!PostgreSqlTriggers.allocatorBody(names, context).equals(source)) {
            problems.add(new Problem("The function " + allocator + ", which allocates the transaction row of natively "
                    + "versioned changes, is " + (source == null ? "missing." : "outdated (it differs from what the "
                    + "mapping needs)."), PostgreSqlTriggers.createAllocator(names, context)));
        }
        for (NativeTable table : triggers.tables()) {
            String function = PostgreSqlTriggers.functionName(table, context);
            String live = context.format(table.live().getQualifiedTableName());
            String body = source(connection, function);
            String what = "The native versioning trigger " + PostgreSqlTriggers.triggerName(table, context)
                    + " of entity " + table.entity() + " on table " + live;
            if (!PostgreSqlTriggers.body(table, names, context).equals(body)) {
                problems.add(new Problem(what + " has " + (body == null ? "no function " + function + "."
                        : "an outdated function " + function + " (it differs from what the mapping needs: a column "
                        + "was added or removed since it was created)."),
                        PostgreSqlTriggers.create(table, names, context)));
            } else if (!triggerCalls(connection, table, live, function, context)) {
                problems.add(new Problem(what + " is missing (or disabled, or not deferred to commit).",
                        PostgreSqlTriggers.create(table, names, context)));
            }
        }
        return problems;
    }

    /** The source of the function {@code qualified} (as {@code schema.name} or {@code name}), or null. */
    private static String source(Connection connection, String qualified) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select p.prosrc from pg_proc p where p.oid = to_regprocedure(?)")) {
            statement.setString(1, qualified + "()");
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean triggerCalls(Connection connection, NativeTable table, String live, String function,
            SqlStringGenerationContext context) throws SQLException {
        String name = PostgreSqlTriggers.triggerName(table, context);
        String unquoted = name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from pg_trigger t where t.tgrelid = to_regclass(?) and t.tgname = ? "
                        + "and t.tgfoid = to_regprocedure(?) and t.tgenabled <> 'D' and t.tgdeferrable "
                        + "and t.tginitdeferred")) {
            statement.setString(1, live);
            statement.setString(2, table.version().isQuoted() ? unquoted : unquoted.toLowerCase(java.util.Locale.ROOT));
            statement.setString(3, function + "()");
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
