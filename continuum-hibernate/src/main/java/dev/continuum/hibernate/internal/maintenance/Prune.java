package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.Operation;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.NullSafeEquality;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.StatelessSession;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.BasicType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Removes the versions a {@link RetentionPolicy} allows to go, from the tables of one
 * {@link Hierarchy}, a batch of entities at a time (see {@link dev.continuum.HistoryAdmin#prune}).
 * The versions to remove are found inside the database with window functions over each entity's
 * versions; they are closed versions, which writers never touch again, so the deletes do not wait
 * for the application. Collection rows, transaction rows and undo positions that only the removed
 * versions needed go with them.
 */
final class Prune {

    private final SessionFactoryImplementor factory;
    private final VersionModel model;
    private final Hierarchy hierarchy;
    private final RetentionPolicy policy;
    private final int batchSize;
    private final Dialect dialect;
    private final TableNames names;
    /** Tamper evidence, or null when it is off. */
    private final Integrity integrity;

    private long versions;
    private long collectionRows;
    private long transactions;
    private long undoPositions;
    private int batches;

    Prune(SessionFactoryImplementor factory, VersionModel model, Hierarchy hierarchy, RetentionPolicy policy,
            int batchSize) {
        if (!model.names().validity().maintainsEnd()) {
            // removing versions between two kept ones would stretch the earlier one over the gap
            throw new ConfigurationException("Pruning the history of " + hierarchy.persister.getEntityName()
                    + " needs " + ContinuumSettings.STRATEGY + "=validity: under 'subquery' a version ends where "
                    + "the next remaining one starts, so removed versions would leave no gap; erase entities "
                    + "instead, or use the validity strategy");
        }
        this.factory = factory;
        this.model = model;
        this.hierarchy = hierarchy;
        this.policy = policy;
        this.batchSize = batchSize;
        this.dialect = factory.getJdbcServices().getDialect();
        this.names = model.names();
        this.integrity = Integrity.of(factory, model).orElse(null);
    }

    PruneResult run() {
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            Batches.atReadCommitted(session, () -> {
                Long cutoff = policy.newerThan().isEmpty() ? null : cutoff(session);
                if (policy.newerThan().isPresent() && cutoff == null) {
                    return;
                }
                if (model.settings().partitioned()) {
                    PartitionDrop drop = new PartitionDrop(factory, model, hierarchy, policy, integrity);
                    drop.run(session, cutoff);
                    versions += drop.versions;
                    collectionRows += drop.collectionRows;
                    transactions += drop.transactions;
                    undoPositions += drop.undoPositions;
                    batches += drop.partitions;
                }
                prune(session, cutoff);
                resetUndoPositions(session);
            });
        }
        return new PruneResult(versions, collectionRows, transactions, undoPositions, batches);
    }

    /** The last transaction issued before the retention window began, or null when there is none. */
    private Long cutoff(SharedSessionContractImplementor session) {
        Instant before = Instant.now().minus(policy.newerThan().orElseThrow());
        BasicType<Instant> instant = factory.getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        Long[] cutoff = new Long[1];
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select max("
                    + names.transactionColumns().id() + ") from " + names.transactionTable() + " where "
                    + names.transactionColumns().issuedAt() + " < ?")) {
                instant.getJdbcValueBinder().bind(statement, before, 1, session);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        cutoff[0] = rs.wasNull() ? null : id;
                    }
                }
            }
        });
        return cutoff[0];
    }

    private void prune(SharedSessionContractImplementor session, Long cutoff) {
        boolean ranged = hierarchy.ranged();
        JdbcMapping keyMapping = hierarchy.root.jdbcMapping(0);
        Object last = null;
        while (true) {
            Object after = last;
            long[] before = {versions, collectionRows, transactions, batches};
            List<Object> keys = Batches.inTransaction(session, "Pruning " + hierarchy.root.name(), connection -> {
                List<Object> batch = Batches.nextKeys(connection, session, dialect, hierarchy.root.name(),
                        hierarchy.key(0), keyMapping, after, ranged ? batchSize : Integer.MAX_VALUE, false, null);
                if (!batch.isEmpty()) {
                    pruneBatch(connection, session, ranged ? batch.get(0) : null,
                            ranged ? batch.get(batch.size() - 1) : null, cutoff);
                }
                return batch;
            }, () -> {
                versions = before[0];
                collectionRows = before[1];
                transactions = before[2];
                batches = (int) before[3];
            });
            if (keys.isEmpty() || !ranged) {
                return;
            }
            last = keys.get(keys.size() - 1);
        }
    }

    /** Prunes the entities whose keys lie from {@code first} to {@code last} (every entity when null). */
    private void pruneBatch(Connection connection, SharedSessionContractImplementor session, Object first,
            Object last, Long cutoff) throws SQLException {
        EntityTable root = hierarchy.root;
        int keyCount = root.idColumnCount();
        List<Object[]> doomed = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(candidatesSql(first != null, cutoff != null))) {
            int parameter = bindRange(statement, 1, first, last, session);
            if (policy.versions().isPresent()) {
                statement.setInt(parameter++, policy.versions().getAsInt());
            }
            if (cutoff != null) {
                statement.setLong(parameter, cutoff);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[keyCount + 1];
                    for (int i = 0; i < keyCount; i++) {
                        row[i] = root.jdbcMapping(i).getJdbcValueExtractor().extract(rs, i + 1, session);
                    }
                    row[keyCount] = rs.getLong(keyCount + 1);
                    doomed.add(row);
                }
            }
        }
        Set<Long> touched = new LinkedHashSet<>();
        doomed.forEach(row -> touched.add((Long) row[keyCount]));
        for (EntityTable table : hierarchy.entityTables()) {
            long removed = deleteRows(connection, session, table.name(), table.columns().subList(0, keyCount), doomed);
            if (table == root) {
                versions += removed;
            }
        }
        for (CollectionTable collection : hierarchy.collections) {
            collectionRows += pruneCollection(connection, session, collection, first, last, touched);
        }
        undoPositions += Transactions.resetScopes(connection, model, touched);
        transactions += deleteUnreferencedTransactions(connection, touched);
        batches++;
    }

    /**
     * The keys and transaction ids of the versions the policy lets go: closed versions that are not
     * among the last N of their entity, ended before the cutoff transaction, and not the first.
     */
    private String candidatesSql(boolean ranged, boolean byAge) {
        EntityTable root = hierarchy.root;
        StringJoiner keys = new StringJoiner(", ");
        StringJoiner selected = new StringJoiner(", ");
        StringJoiner outer = new StringJoiner(", ");
        for (int i = 0; i < root.idColumnCount(); i++) {
            keys.add("v." + root.columns().get(i).name());
            selected.add("v." + root.columns().get(i).name() + " as k" + i);
            outer.add("x.k" + i);
        }
        String tx = "v." + names.transactionId();
        StringBuilder sql = new StringBuilder("select ").append(outer).append(", x.tx from (select ").append(selected)
                .append(", ").append(tx).append(" as tx, v.").append(names.endTransactionId()).append(" as e, ")
                .append("row_number() over (partition by ").append(keys).append(" order by ").append(tx)
                .append(" desc) as rn, min(").append(tx).append(") over (partition by ").append(keys)
                .append(") as first_tx from ").append(root.name()).append(" v");
        if (ranged) {
            sql.append(" where v.").append(hierarchy.key(0)).append(" >= ? and v.").append(hierarchy.key(0))
                    .append(" <= ?");
        }
        sql.append(") x where x.e is not null");
        if (policy.versions().isPresent()) {
            sql.append(" and x.rn > ?");
        }
        if (byAge) {
            sql.append(" and x.e <= ?");
        }
        if (policy.keepFirst()) {
            sql.append(" and x.tx <> x.first_tx");
        }
        return sql.toString();
    }

    /**
     * Removes the version rows of {@code rows} (key values then the transaction id) from a table
     * whose key columns are {@code keys}; returns how many went.
     */
    private long deleteRows(Connection connection, SharedSessionContractImplementor session, String table,
            List<DataColumn> keys, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        if (integrity != null) {
            integrity.removing(connection, session, table, rows);
        }
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (DataColumn key : keys) {
            where.add(key.nullable() ? NullSafeEquality.of(dialect).match(key.name(), "?") : key.name() + " = ?");
        }
        where.add(names.transactionId() + " = ?");
        long removed = 0;
        try (PreparedStatement statement = connection.prepareStatement("delete from " + table + where)) {
            int pending = 0;
            for (Object[] row : rows) {
                int parameter = 1;
                for (int i = 0; i < keys.size(); i++) {
                    int times = keys.get(i).nullable() ? NullSafeEquality.of(dialect).occurrences() : 1;
                    for (int t = 0; t < times; t++) {
                        Batches.bind(statement, parameter++, keys.get(i).mapping(), row[i], session);
                    }
                }
                statement.setLong(parameter, (Long) row[keys.size()]);
                statement.addBatch();
                if (++pending == 500) {
                    removed += Arrays.stream(statement.executeBatch()).filter(n -> n > 0).sum();
                    pending = 0;
                }
            }
            if (pending > 0) {
                removed += Arrays.stream(statement.executeBatch()).filter(n -> n > 0).sum();
            }
        }
        return removed;
    }

    /**
     * Removes the closed rows of a collection's version table, for the owners of the batch, that no
     * remaining version of their owner overlaps in time: no as-of read can need them any more.
     */
    private long pruneCollection(Connection connection, SharedSessionContractImplementor session,
            CollectionTable collection, Object first, Object last, Set<Long> touched) throws SQLException {
        List<String> ownerKey = Hierarchy.ownerKey(collection);
        EntityTable root = hierarchy.root;
        StringJoiner owner = new StringJoiner(" and ");
        for (int i = 0; i < ownerKey.size(); i++) {
            owner.add("v." + root.columns().get(i).name() + " = c." + ownerKey.get(i));
        }
        String tx = names.transactionId();
        String end = names.endTransactionId();
        int width = collection.identityWidth();
        StringJoiner selected = new StringJoiner(", ");
        for (int i = 0; i < width; i++) {
            selected.add("c." + collection.columns().get(i).name());
        }
        String sql = "select " + selected + ", c." + tx + " from " + collection.name() + " c where c." + end
                + " is not null" + (first == null ? "" : " and c." + ownerKey.get(0) + " >= ? and c." + ownerKey.get(0)
                + " <= ?") + " and not exists (select 1 from " + root.name() + " v where " + owner + " and v." + tx
                + " < c." + end + " and (v." + end + " is null or v." + end + " > c." + tx + "))";
        List<DataColumn> identity = collection.columns().subList(0, width);
        long removed = deleteRows(connection, session, collection.name(), identity,
                rows(connection, session, collection, sql, first, last, touched));
        // a removal row left as the first row of its element marks the end of nothing any more
        StringJoiner same = new StringJoiner(" and ");
        for (DataColumn column : identity) {
            same.add(column.nullable() ? NullSafeEquality.of(dialect).match("w." + column.name(), "c." + column.name())
                    : "w." + column.name() + " = c." + column.name());
        }
        String removals = "select " + selected + ", c." + tx + " from " + collection.name() + " c where c."
                + names.operationType() + " = " + Operation.DELETE.code() + (first == null ? "" : " and c."
                + ownerKey.get(0) + " >= ? and c." + ownerKey.get(0) + " <= ?") + " and not exists (select 1 from "
                + collection.name() + " w where " + same + " and w." + tx + " < c." + tx + ")";
        return removed + deleteRows(connection, session, collection.name(), identity,
                rows(connection, session, collection, removals, first, last, touched));
    }

    /** The identity and transaction id of the collection rows {@code sql} selects, noting the transactions. */
    private List<Object[]> rows(Connection connection, SharedSessionContractImplementor session,
            CollectionTable collection, String sql, Object first, Object last, Set<Long> touched) throws SQLException {
        int width = collection.identityWidth();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindRange(statement, 1, first, last, session);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[width + 1];
                    for (int i = 0; i < width; i++) {
                        row[i] = collection.jdbcMapping(i).getJdbcValueExtractor().extract(rs, i + 1, session);
                    }
                    row[width] = rs.getLong(width + 1);
                    touched.add((Long) row[width]);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private long deleteUnreferencedTransactions(Connection connection, Set<Long> ids) throws SQLException {
        long removed = Transactions.deleteUnreferenced(connection, factory, model, ids);
        if (integrity != null) {
            integrity.removedTransactions(connection, ids);
        }
        return removed;
    }

    /** Resets the undo/redo positions of the hierarchy that refer to versions no longer there. */
    private void resetUndoPositions(SharedSessionContractImplementor session) {
        String tx = names.transactionId();
        String root = hierarchy.root.name();
        TableNames.UndoColumns u = names.undoColumns();
        String stale = "select u." + u.entityId() + " from " + names.undoTable() + " u where u." + u.entityName()
                + " = ? and (not exists (select 1 from " + root + " v where v." + tx + " = u."
                + u.positionTransactionId() + ") or not exists (select 1 from " + root + " v where v." + tx + " = u."
                + u.originTransactionId() + "))";
        String entityName = hierarchy.persister.getRootEntityName();
        undoPositions += Batches.inTransaction(session, "Resetting undo positions", connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(stale)) {
                statement.setString(1, entityName);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            long reset = 0;
            try (PreparedStatement statement = connection.prepareStatement("delete from " + names.undoTable()
                    + " where " + u.entityName() + " = ? and " + u.entityId() + " = ?")) {
                for (String id : ids) {
                    statement.setString(1, entityName);
                    statement.setString(2, id);
                    reset += statement.executeUpdate();
                }
            }
            return reset;
        }, () -> { });
    }

    private int bindRange(PreparedStatement statement, int first, Object from, Object to,
            SharedSessionContractImplementor session) throws SQLException {
        if (from == null) {
            return first;
        }
        JdbcMapping mapping = hierarchy.root.jdbcMapping(0);
        Batches.bind(statement, first, mapping, from, session);
        Batches.bind(statement, first + 1, mapping, to, session);
        return first + 2;
    }
}
