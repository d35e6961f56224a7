package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.boot.model.relational.SqlStringGenerationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the triggers of native versioning in a MariaDB database (its current schema) with
 * those the mapping needs: a missing or differing trigger is reported with the statements that
 * create it anew.
 */
final class MariaDbTriggerCheck {

    private MariaDbTriggerCheck() {
    }

    static List<TriggerCheck.Problem> problems(NativeTriggers triggers, Connection connection,
            SqlStringGenerationContext context) throws SQLException {
        List<TriggerCheck.Problem> problems = new ArrayList<>();
        for (NativeTable table : triggers.tables()) {
            String live = context.format(table.live().getQualifiedTableName());
            for (String event : MariaDbTriggers.events()) {
                String name = MariaDbTriggers.plainTriggerName(table, event);
                String body = trigger(connection, name, event, table.live().getName());
                if (!MariaDbTriggers.body(table, event, triggers, context).equals(body)) {
                    problems.add(new TriggerCheck.Problem("The native versioning trigger " + name + " of entity "
                            + table.entity() + " on table " + live + " (after " + event + ") is " + (body == null
                            ? "missing (creating it takes the TRIGGER privilege on the table and, when the server "
                            + "writes a binary log, the SUPER privilege or log_bin_trust_function_creators=1)."
                            : "outdated (it differs from what the mapping needs: a column was added or "
                            + "removed since it was created)."), MariaDbTriggers.create(table, triggers, context)));
                }
            }
        }
        return problems;
    }

    private static String unquoted(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
    }

    private static String trigger(Connection connection, String name, String event, String live)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select action_statement from "
                + "information_schema.triggers where trigger_schema = database() and lower(trigger_name) = lower(?) "
                + "and event_manipulation = ? and action_timing = 'AFTER' and lower(event_object_table) = lower(?)")) {
            statement.setString(1, name);
            statement.setString(2, event.toUpperCase(java.util.Locale.ROOT));
            statement.setString(3, unquoted(live));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
