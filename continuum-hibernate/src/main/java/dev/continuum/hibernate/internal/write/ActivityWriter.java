package dev.continuum.hibernate.internal.write;

import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.model.ActivityEntry;
import dev.continuum.hibernate.internal.model.Attribution;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.ValueBinder;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the activities of a transaction into the activity table, after its version rows: first
 * finds the version each object and target points at, the newest one recorded by this transaction
 * or an earlier one (so the version this transaction wrote when it changed the entity), with one
 * statement per version table (per 500 entities); then inserts the activities as one batch.
 */
final class ActivityWriter {

    private static final int CHUNK = 500;

    private final String insert;
    private final String transactionId;

    ActivityWriter(SessionFactoryImplementor factory, VersionModel model) {
        Settings settings = model.settings();
        this.transactionId = model.names().transactionId();
        this.insert = "insert into " + TransactionExtraTables.rendered(factory, settings,
                TransactionExtraTables.ACTIVITY_SUFFIX) + " (" + String.join(", ", TransactionExtraTables.TRANSACTION_ID,
                TransactionExtraTables.ACTIVITY_INDEX, TransactionExtraTables.VERB, TransactionExtraTables.ACTOR,
                TransactionExtraTables.OBJECT_ENTITY, TransactionExtraTables.OBJECT_ID,
                TransactionExtraTables.OBJECT_TRANSACTION_ID, TransactionExtraTables.TARGET_ENTITY,
                TransactionExtraTables.TARGET_ID, TransactionExtraTables.TARGET_TRANSACTION_ID,
                TransactionExtraTables.DATA) + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * Writes {@code activities} for transaction {@code id}, {@code user} the actor of those that
     * name none.
     *
     * @throws VersioningException when an object or target has no version
     */
    void write(HistoryStatements statements, long id, List<ActivityEntry> activities, String user)
            throws SQLException {
        Map<EntityTable, Map<String, ActivityEntry.Subject>> byTable = new LinkedHashMap<>();
        for (ActivityEntry activity : activities) {
            add(byTable, activity.object());
            if (activity.target() != null) {
                add(byTable, activity.target());
            }
        }
        Map<EntityTable, Map<String, Long>> versions = new HashMap<>();
        for (Map.Entry<EntityTable, Map<String, ActivityEntry.Subject>> table : byTable.entrySet()) {
            versions.put(table.getKey(), latest(statements, table.getKey(), new ArrayList<>(table.getValue().values()),
                    id));
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            positions.add(i);
        }
        statements.executeBatches(insert, positions, Integer.MAX_VALUE, (statement, index) -> {
            ActivityEntry activity = activities.get(index);
            statement.setLong(1, id);
            statement.setInt(2, index);
            statement.setString(3, activity.verb());
            setText(statement, 4, activity.actor() != null ? activity.actor()
                    : Attribution.userId(user, TransactionExtraTables.ACTIVITY_TEXT_LENGTH));
            bindSubject(statement, 5, activity.object(), versions, activity.verb());
            if (activity.target() == null) {
                statement.setNull(8, Types.VARCHAR);
                statement.setNull(9, Types.VARCHAR);
                statement.setNull(10, Types.BIGINT);
            } else {
                bindSubject(statement, 8, activity.target(), versions, activity.verb());
            }
            setText(statement, 11, activity.data());
            statement.addBatch();
        });
    }

    private static void add(Map<EntityTable, Map<String, ActivityEntry.Subject>> byTable,
            ActivityEntry.Subject subject) {
        byTable.computeIfAbsent(subject.entity().root(), table -> new LinkedHashMap<>())
                .putIfAbsent(subject.idText(), subject);
    }

    private static void bindSubject(PreparedStatement statement, int first, ActivityEntry.Subject subject,
            Map<EntityTable, Map<String, Long>> versions, String verb) throws SQLException {
        Long version = versions.get(subject.entity().root()).get(subject.idText());
        if (version == null) {
            throw new VersioningException(subject.entity().persister().getEntityName() + " #" + subject.id()
                    + " has no version, so the activity '" + verb + "' about it cannot point at one; the transaction is "
                    + "rolled back. Record activities about versioned entities that exist (an entity that existed "
                    + "before versioning was turned on gets a version from HistoryAdmin.baseline())", null);
        }
        statement.setString(first, subject.rootEntityName());
        statement.setString(first + 1, subject.idText());
        statement.setLong(first + 2, version);
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * The newest transaction at most {@code id} that recorded a version of each of {@code subjects}
     * in {@code table}, by identifier text; an entity without one is missing.
     */
    private Map<String, Long> latest(HistoryStatements statements, EntityTable table,
            List<ActivityEntry.Subject> subjects, long id) throws SQLException {
        SharedSessionContractImplementor session = statements.session();
        String idColumn = table.columns().get(0).name();
        JdbcMapping mapping = table.columns().get(0).mapping();
        Map<String, String> textByJdbcValue = new HashMap<>();
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < subjects.size(); from += CHUNK) {
            List<ActivityEntry.Subject> chunk = subjects.subList(from, Math.min(subjects.size(), from + CHUNK));
            String sql = "select " + idColumn + ", max(" + transactionId + ") from " + table.name() + " where "
                    + transactionId + " <= ? and " + idColumn + " in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") group by " + idColumn;
            try (PreparedStatement select = statements.prepare(sql)) {
                select.setLong(1, id);
                int parameter = 2;
                for (ActivityEntry.Subject subject : chunk) {
                    Object value = jdbcValue(mapping, subject.id());
                    textByJdbcValue.put(String.valueOf(value), subject.idText());
                    bind(mapping, select, parameter++, value, session);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Object value = mapping.getJdbcValueExtractor().extract(rs, 1, session);
                        String text = textByJdbcValue.get(String.valueOf(value));
                        if (text != null) {
                            found.put(text, rs.getLong(2));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Object jdbcValue(JdbcMapping mapping, Object id) {
        return mapping.convertToRelationalValue(id);
    }

    @SuppressWarnings("unchecked")
    private static void bind(JdbcMapping mapping, PreparedStatement statement, int index, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        ((ValueBinder<Object>) mapping.getJdbcValueBinder()).bind(statement, value, index, session);
    }
}
