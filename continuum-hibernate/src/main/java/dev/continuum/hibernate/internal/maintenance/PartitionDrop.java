package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.Operation;
import dev.continuum.RetentionPolicy;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Retention on partitioned version tables (PostgreSQL): a range partition of a hierarchy's root
 * version table whose transactions all lie before the retention horizon goes whole. The few
 * versions in it that the policy keeps (the open ones, the first of each entity, the last N) are
 * copied aside, the partition (with the same range of the hierarchy's other version tables and
 * collection tables) is detached, the kept rows go back into the table (its default partition now
 * takes them), and the detached tables are dropped. What the rules remove is exactly what
 * {@link Prune} would delete row by row; with tamper evidence on, the removed rows are recorded
 * first by one {@code insert ... select} per table.
 */
final class PartitionDrop {

    /** A partition goes whole only when the policy keeps at most this share of its rows. */
    private static final double MOST_KEPT = 0.5;

    private final SessionFactoryImplementor factory;
    private final VersionModel model;
    private final Hierarchy hierarchy;
    private final RetentionPolicy policy;
    private final TableNames names;
    private final Integrity integrity;

    long versions;
    long collectionRows;
    long transactions;
    long undoPositions;
    int partitions;

    PartitionDrop(SessionFactoryImplementor factory, VersionModel model, Hierarchy hierarchy, RetentionPolicy policy,
            Integrity integrity) {
        this.factory = factory;
        this.model = model;
        this.hierarchy = hierarchy;
        this.policy = policy;
        this.names = model.names();
        this.integrity = integrity;
    }

    /** Drops every partition of the hierarchy that the policy lets go; {@code cutoff} as {@link Prune} has it. */
    void run(SharedSessionContractImplementor session, Long cutoff) {
        List<Partitions.Range> ranges = Batches.inTransaction(session, "Pruning " + hierarchy.root.name(),
                connection -> {
                    Partitions.Layout layout = Partitions.layout(connection, hierarchy.root.name());
                    return layout == null ? List.<Partitions.Range>of() : layout.ranges();
                }, () -> { });
        long horizon = cutoff != null ? cutoff + 1 : newest(session);
        for (Partitions.Range range : ranges) {
            if (range.to() > horizon) {
                break;
            }
            long[] before = {versions, collectionRows, transactions, undoPositions, partitions};
            Batches.inTransaction(session, "Pruning " + hierarchy.root.name(), connection -> {
                drop(connection, session, range, cutoff);
                return null;
            }, () -> {
                versions = before[0];
                collectionRows = before[1];
                transactions = before[2];
                undoPositions = before[3];
                partitions = (int) before[4];
            });
        }
    }

    /** The newest transaction id: without an age rule, partitions wholly before its partition may go. */
    private long newest(SharedSessionContractImplementor session) {
        return Batches.inTransaction(session, "Pruning", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select coalesce(max(" + names.transactionColumns().id()
                            + "), 0) from " + names.transactionTable())) {
                rs.next();
                return rs.getLong(1);
            }
        }, () -> { });
    }

    private void drop(Connection connection, SharedSessionContractImplementor session, Partitions.Range range,
            Long cutoff) throws SQLException {
        EntityTable root = hierarchy.root;
        List<EntityTable> levels = new ArrayList<>(hierarchy.entityTables());
        List<String> partitionsOfLevels = new ArrayList<>();
        for (EntityTable level : levels) {
            String partition = partition(connection, level.name(), range);
            if (partition == null) {
                return;
            }
            partitionsOfLevels.add(partition);
        }
        List<String> partitionsOfCollections = new ArrayList<>();
        for (CollectionTable collection : hierarchy.collections) {
            String partition = partition(connection, collection.name(), range);
            if (partition == null) {
                return;
            }
            partitionsOfCollections.add(partition);
        }
        String rootPartition = partitionsOfLevels.get(levels.indexOf(root));
        List<String> key = root.columns().subList(0, root.idColumnCount()).stream().map(DataColumn::name).toList();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table continuum_kept on commit drop as select * from " + rootPartition
                    + " v where " + kept(key, cutoff));
            long rows = count(statement, "select count(*) from " + rootPartition);
            long kept = count(statement, "select count(*) from continuum_kept");
            if (kept > rows * MOST_KEPT) {
                statement.execute("drop table continuum_kept");
                return;
            }
            String removed = "not exists (select 1 from continuum_kept k where " + same("k", "v", key) + ")";
            for (int i = 0; i < levels.size(); i++) {
                if (integrity != null) {
                    integrity.removingWhere(connection, session, levels.get(i).name(), partitionsOfLevels.get(i),
                            removed);
                }
            }
            for (int i = 0; i < levels.size(); i++) {
                statement.execute("alter table " + levels.get(i).name() + " detach partition "
                        + partitionsOfLevels.get(i));
            }
            statement.execute("insert into " + root.name() + " select * from continuum_kept");
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i) != root) {
                    // the kept rows of a joined level: the same keys and transactions as the root's
                    statement.execute("insert into " + levels.get(i).name() + " select * from "
                            + partitionsOfLevels.get(i) + " v where exists (select 1 from continuum_kept k where "
                            + same("k", "v", key) + ")");
                }
            }
            versions += rows - kept;
            for (int i = 0; i < hierarchy.collections.size(); i++) {
                collectionRows += collection(connection, session, statement, hierarchy.collections.get(i),
                        partitionsOfCollections.get(i), range);
            }
            for (String partition : partitionsOfLevels) {
                statement.execute("drop table " + partition);
            }
            for (String partition : partitionsOfCollections) {
                statement.execute("drop table " + partition);
            }
            statement.execute("drop table continuum_kept");
            transactions += deleteTransactions(statement, range);
            if (integrity != null) {
                integrity.removedTransactions(connection, range.from(), range.to());
            }
            TableNames.UndoColumns u = names.undoColumns();
            undoPositions += statement.executeUpdate("delete from " + names.undoScopeTable() + " where "
                    + inRange(u.originTransactionId(), range) + " or " + inRange(u.positionTransactionId(), range)
                    + " or " + inRange(u.baseTransactionId(), range));
            partitions++;
        }
    }

    /**
     * Moves the rows of a collection partition that a remaining version of their owner still
     * overlaps (or that are open) back into the table, the rest recorded and gone; returns how many went.
     */
    private long collection(Connection connection, SharedSessionContractImplementor session, Statement statement,
            CollectionTable collection, String partition, Partitions.Range range) throws SQLException {
        List<String> ownerKey = Hierarchy.ownerKey(collection);
        EntityTable root = hierarchy.root;
        StringJoiner owner = new StringJoiner(" and ");
        for (int i = 0; i < ownerKey.size(); i++) {
            owner.add("o." + root.columns().get(i).name() + " = v." + ownerKey.get(i));
        }
        String tx = names.transactionId();
        String end = names.endTransactionId();
        String keep = "v." + end + " is null or exists (select 1 from " + root.name() + " o where " + owner + " and o."
                + tx + " < v." + end + " and (o." + end + " is null or o." + end + " > v." + tx + "))";
        long rows = count(statement, "select count(*) from " + partition);
        if (integrity != null) {
            integrity.removingWhere(connection, session, collection.name(), partition, "not (" + keep + ")");
        }
        statement.execute("create temporary table continuum_kept_rows on commit drop as select * from " + partition
                + " v where " + keep);
        long kept = count(statement, "select count(*) from continuum_kept_rows");
        statement.execute("alter table " + collection.name() + " detach partition " + partition);
        statement.execute("insert into " + collection.name() + " select * from continuum_kept_rows");
        statement.execute("drop table continuum_kept_rows");
        // a removal row left as the first row of its element marks the end of nothing any more
        StringJoiner same = new StringJoiner(" and ");
        for (DataColumn column : collection.columns().subList(0, collection.identityWidth())) {
            same.add(column.nullable() ? "w." + column.name() + " is not distinct from v." + column.name()
                    : "w." + column.name() + " = v." + column.name());
        }
        String orphan = "v." + names.operationType() + " = " + Operation.DELETE.code() + " and " + inRange("v." + tx, range)
                + " and not exists (select 1 from " + collection.name() + " w where " + same + " and w." + tx + " < v."
                + tx + ")";
        if (integrity != null) {
            integrity.removingWhere(connection, session, collection.name(), collection.name(), orphan);
        }
        long orphans = statement.executeUpdate("delete from " + collection.name() + " v where " + orphan);
        return rows - kept + orphans;
    }

    /** The rows of the root partition (aliased {@code v}) the policy keeps, as {@link Prune#candidatesSql} decides. */
    private String kept(List<String> key, Long cutoff) {
        String root = hierarchy.root.name();
        String tx = names.transactionId();
        String sameKey = sameEntity("w", "v", key);
        StringJoiner kept = new StringJoiner(" or ");
        kept.add("v." + names.endTransactionId() + " is null");
        if (cutoff != null) {
            kept.add("v." + names.endTransactionId() + " > " + cutoff);
        }
        if (policy.versions().isPresent()) {
            int last = policy.versions().getAsInt();
            kept.add("(select count(*) from (select 1 from " + root + " w where " + sameKey + " and w." + tx + " > v." + tx
                    + " limit " + last + ") later) < " + last);
        }
        if (policy.keepFirst()) {
            kept.add("not exists (select 1 from " + root + " w where " + sameKey + " and w." + tx + " < v." + tx + ")");
        }
        return kept.toString();
    }

    /** The same version: key and transaction. */
    private String same(String left, String right, List<String> key) {
        return sameEntity(left, right, key) + " and " + left + "." + names.transactionId() + " = " + right + "."
                + names.transactionId();
    }

    private static String sameEntity(String left, String right, List<String> key) {
        StringJoiner same = new StringJoiner(" and ");
        key.forEach(column -> same.add(left + "." + column + " = " + right + "." + column));
        return same.toString();
    }

    /** Removes the transaction rows of the range that no version table refers to any more, with their companions. */
    private long deleteTransactions(Statement statement, Partitions.Range range) throws SQLException {
        StringBuilder unreferenced = new StringBuilder();
        for (String table : Partitions.versionTables(model)) {
            unreferenced.append(" and not exists (select 1 from ").append(table).append(" x where x.")
                    .append(names.transactionId()).append(" = t.");
            unreferenced.append("%s)");
        }
        List<String> companions = new ArrayList<>(List.of(TransactionExtraTables.META_SUFFIX));
        if (model.settings().transactionChanges()) {
            companions.add(TransactionExtraTables.CHANGES_SUFFIX);
        }
        for (String suffix : companions) {
            String id = TransactionExtraTables.TRANSACTION_ID;
            statement.executeUpdate("delete from " + TransactionExtraTables.rendered(factory, model.settings(), suffix)
                    + " t where " + inRange("t." + id, range) + unreferenced.toString().replace("%s", id));
        }
        String id = names.transactionColumns().id();
        return statement.executeUpdate("delete from " + names.transactionTable() + " t where "
                + inRange("t." + id, range) + unreferenced.toString().replace("%s", id));
    }

    private static String inRange(String column, Partitions.Range range) {
        return "(" + column + " >= " + range.from() + " and " + column + " < " + range.to() + ")";
    }

    /** The partition of {@code table} covering exactly {@code range}, or null when it has none. */
    private static String partition(Connection connection, String table, Partitions.Range range) throws SQLException {
        Partitions.Layout layout = Partitions.layout(connection, table);
        Partitions.Range match = layout == null ? null : layout.range(range.from(), range.to());
        return match == null ? null : match.name();
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
