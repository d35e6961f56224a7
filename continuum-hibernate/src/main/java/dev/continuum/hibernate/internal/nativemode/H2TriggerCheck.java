package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.boot.model.relational.SqlStringGenerationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the triggers of native versioning in an H2 database with those the mapping needs: a
 * trigger that is missing, calls another class, or whose comment (what it versions) differs is
 * reported with the statements that create it anew.
 */
final class H2TriggerCheck {

    private H2TriggerCheck() {
    }

    static List<TriggerCheck.Problem> problems(NativeTriggers triggers, Connection connection,
            SqlStringGenerationContext context) throws SQLException {
        List<TriggerCheck.Problem> problems = new ArrayList<>();
        for (NativeTable table : triggers.tables()) {
            String live = context.format(table.live().getQualifiedTableName());
            String name = H2Triggers.triggerName(table, context);
            List<String> found = new ArrayList<>();
            String comment = null;
            try (PreparedStatement statement = connection.prepareStatement("select event_manipulation, remarks from "
                    + "information_schema.triggers where lower(trigger_name) = lower(?) and lower(event_object_table) "
                    + "= lower(?) and action_timing = 'AFTER' and action_orientation = 'ROW' and java_class = ?")) {
                statement.setString(1, table.triggerName());
                statement.setString(2, table.live().getName());
                statement.setString(3, H2Triggers.TRIGGER_CLASS);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                        comment = rs.getString(2);
                    }
                }
            }
            String what = "The native versioning trigger " + name + " of entity " + table.entity() + " on table "
                    + live;
            if (!found.containsAll(List.of("INSERT", "UPDATE", "DELETE"))) {
                problems.add(new TriggerCheck.Problem(what + " is missing (or does not call " + H2Triggers.TRIGGER_CLASS
                        + " after each insert, update and delete of a row).", H2Triggers.create(table, triggers,
                        context)));
            } else if (!H2Triggers.comment(table, triggers, context).equals(comment)) {
                problems.add(new TriggerCheck.Problem(what + " is outdated (its comment, which says what it versions, "
                        + "differs from what the mapping needs: a column was added or removed since it was created).",
                        H2Triggers.create(table, triggers, context)));
            }
        }
        return problems;
    }
}
