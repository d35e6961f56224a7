package dev.continuum.hibernate.internal.write;

import dev.continuum.ConcurrentHistoryException;
import dev.continuum.ContinuumSettings;
import dev.continuum.Operation;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.nativemode.PostgreSqlTriggers;

import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the history of one completing transaction, after its last flush and before its commit,
 * on its own connection: the rows its merged changes produce, table by table in a fixed order.
 * Every entity that gets a version is locked by then (by Hibernate's own write of its row, or by
 * {@link OwnerLock} when only its collections changed), so the transaction id taken first (the
 * transaction row hands it back) is larger than that of every earlier writer of those entities.
 * Then come the inserts, then the closings of the versions being superseded (which pass over this
 * transaction's own rows), in as few round trips as the {@link WriteStrategy} allows. Inserting
 * before closing keeps the range locks a closing takes on databases that lock index gaps (InnoDB
 * under REPEATABLE READ) out of the way of this transaction's own inserts: a transaction that
 * holds such locks inserts nothing more. A failure rolls the transaction back.
 */
final class HistoryWriter {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");
    private static final int BATCH_LIMIT = 500;

    private final WriteStrategy strategy;
    private final TransactionRow transactionRow;
    private final TransactionExtrasWriter extras;
    /** The activity stream's writer, or null when it is off. */
    private final ActivityWriter activities;
    /** Tamper evidence, or null when it is off. */
    private final Integrity integrity;
    /** The store of compact values, or null when no entity has a compact property. */
    private final CompactValueWriter compact;

    /** Whether the transaction id is handed to the triggers of natively versioned entities, which then share the row. */
    private final boolean publish;
    /** How a flush rewrites a version of its own transaction, or null when history is written at completion. */
    private final FlushWrites.Upsert atFlush;

    HistoryWriter(WriteStrategy strategy, boolean publish, TransactionRow transactionRow,
            TransactionExtrasWriter extras, ActivityWriter activities, Integrity integrity, CompactValueWriter compact,
            FlushWrites.Upsert atFlush) {
        this.atFlush = atFlush;
        this.strategy = strategy;
        this.publish = publish;
        this.transactionRow = transactionRow;
        this.extras = extras;
        this.activities = activities;
        this.integrity = integrity;
        this.compact = compact;
    }

    /**
     * Writes the transaction row and the version rows of the changes of {@code unit} that record
     * something, then its activities (after the version rows, which they may point at).
     */
    void write(UnitOfWork unit, SharedSessionContractImplementor session) {
        if (atFlush != null) {
            writeFlushed(unit, session, true);
            return;
        }
        TableRows rows = new TableRows();
        int count = 0;
        for (Change change : unit.changes()) {
            if (!change.isNoOp(unit)) {
                count++;
                change.addRows(rows);
            }
        }
        if (rows.isEmpty() && (activities == null || unit.activities().isEmpty())) {
            return;
        }
        List<VersionTableWriter> order = rows.tables();
        HistoryStatements statements = new HistoryStatements(session);
        try {
            if (compact != null) {
                compact.prepare(rows, order, statements);
            }
            CombinedStatement combined = strategy.combinesStatements() && !rows.isEmpty()
                    ? CombinedStatement.plan(transactionRow.returningSql(), order, rows) : null;
            long transactionId = combined != null ? combined.execute(statements, transactionRow, rows)
                    : transactionRow.insert(statements);
            if (combined != null) {
                combined.writeUnmadeDeletes(statements, transactionId,
                        (table, made) -> insertVersions(statements, table, table.insertSql(), made, transactionId));
            }
            if (publish) {
                try (PreparedStatement statement = statements.prepare(PostgreSqlTriggers.publishSql())) {
                    statement.setString(1, Long.toString(transactionId));
                    statement.execute();
                }
            }
            extras.write(statements, transactionId, order);
            for (VersionTableWriter table : order) {
                if (combined == null || !combined.inserts(table)) {
                    insertVersions(statements, table, table.insertSql(), rows.rows(table), transactionId);
                }
            }
            for (VersionTableWriter table : order) {
                if (combined == null || !combined.closes(table)) {
                    closeOpenVersions(statements, table, rows.closing(table), transactionId);
                }
            }
            if (activities != null && !unit.activities().isEmpty()) {
                activities.write(statements, transactionId, unit.activities(), transactionRow.userId());
            }
            if (integrity != null) {
                // after the closings: a row's hash covers its end, and chains to the version it closed
                integrity.hashTransaction(statements::prepare, session, transactionId,
                        order.stream().map(VersionTableWriter::tableName).distinct().toList());
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("Transaction {}: recorded {} versions", transactionId, count);
            }
        } catch (SQLException e) {
            throw failure(e, statements);
        }
    }

    private static VersioningException failure(SQLException e, HistoryStatements statements) {
        SqlExceptionHelper helper = statements.session().getJdbcServices().getSqlExceptionHelper();
        return new VersioningException("Could not record the versions of this transaction ("
                + e.getMessage() + "); the transaction is rolled back",
                helper.convert(e, "Continuum could not write version rows", statements.last()));
    }

    /**
     * Under {@code continuum.write_at=flush}: writes the version rows of the changes {@code unit}
     * recorded since the last flush and forgets them, so that memory holds one flush's changes.
     * The first flush that writes something inserts the transaction row and keeps its id in the
     * unit; later flushes rewrite a version of their own transaction in place (see
     * {@link VersionTableWriter#upsertSql}), and their closings pass over it. The id was taken
     * before this flush locked the rows it changed, so a closing also finds an open version that
     * a transaction with a larger id wrote and committed meanwhile: the transaction then fails
     * with {@link ConcurrentHistoryException} rather than write a chain out of commit order. When
     * {@code completing}, the activities follow. A failure marks the transaction for rollback.
     */
    void writeFlushed(UnitOfWork unit, SharedSessionContractImplementor session, boolean completing) {
        TableRows rows = new TableRows();
        for (Change change : unit.changes()) {
            if (!change.isNoOp(unit)) {
                change.addRows(rows);
            }
        }
        unit.forgetChanges();
        boolean writesActivities = completing && activities != null && !unit.activities().isEmpty();
        if (rows.isEmpty() && !writesActivities && !(completing && unit.cancelled())) {
            return;
        }
        List<VersionTableWriter> order = rows.tables();
        HistoryStatements statements = new HistoryStatements(session);
        try {
            long transactionId = unit.transactionId();
            boolean first = transactionId == 0;
            if (first) {
                transactionId = transactionRow.insert(statements);
                unit.transactionId(transactionId);
            }
            extras.write(statements, transactionId, order, first, unit.recordedEntities());
            unit.writtenTables().addAll(order);
            for (VersionTableWriter table : order) {
                writeAtFlush(statements, table, rows.rows(table), first, transactionId);
            }
            for (VersionTableWriter table : order) {
                closeAtFlush(statements, table, rows.closing(table), transactionId, !first);
            }
            if (!first) {
                for (VersionTableWriter table : order) {
                    if (rows.rows(table).stream().anyMatch(row -> row.operation() == Operation.DELETE)) {
                        unit.cancelled(removeCancelled(statements, table, transactionId));
                    }
                }
            }
            if (writesActivities) {
                activities.write(statements, transactionId, unit.activities(), transactionRow.userId());
            }
            if (completing && unit.cancelled()) {
                forgetCancelled(statements, unit, transactionId, writesActivities);
            }
        } catch (SQLException e) {
            session.getTransactionCoordinator().getTransactionDriverControl().markRollbackOnly();
            throw failure(e, statements);
        } catch (RuntimeException e) {
            session.getTransactionCoordinator().getTransactionDriverControl().markRollbackOnly();
            throw e;
        }
    }

    /**
     * Inserts the rows of {@code table} that cannot have a version of this transaction yet as they
     * are: all of them at the transaction's first flush, else those that close nothing (inserts
     * under a generated identifier, new at this flush); the others as upserts, which rewrite the
     * version an earlier flush wrote for their key. Plain inserts keep the driver's bulk path for
     * batches (on MariaDB upsert batches measured markedly slower).
     */
    private void writeAtFlush(HistoryStatements statements, VersionTableWriter table, List<TableRows.Row> rows,
            boolean first, long transactionId) throws SQLException {
        if (first) {
            insertVersions(statements, table, table.insertSql(), rows, transactionId);
            return;
        }
        List<TableRows.Row> fresh = new ArrayList<>();
        List<TableRows.Row> others = new ArrayList<>();
        for (TableRows.Row row : rows) {
            (row.close() ? others : fresh).add(row);
        }
        insertVersions(statements, table, table.insertSql(), fresh, transactionId);
        insertVersions(statements, table, table.upsertSql(atFlush), others, transactionId);
    }

    /**
     * Removes the version rows of {@code table} whose insert at an earlier flush a delete at this
     * one cancelled, after reopening the versions those inserts had closed.
     */
    private boolean removeCancelled(HistoryStatements statements, VersionTableWriter table, long transactionId)
            throws SQLException {
        if (table.closesVersions()) {
            try (PreparedStatement statement = statements.prepare(table.reopenSql(atFlush))) {
                statement.setLong(1, transactionId);
                statement.setLong(2, transactionId);
                statement.setLong(3, transactionId);
                statement.executeUpdate();
            }
        }
        try (PreparedStatement statement = statements.prepare(table.cancelledSql())) {
            statement.setLong(1, transactionId);
            return statement.executeUpdate() > 0;
        }
    }

    /**
     * At the commit of a transaction some of whose versions a later flush removed: leaves what
     * commit-time writes would have left. The entity types none of whose tables hold a version
     * of the transaction any more leave {@code transaction_changes}; a transaction left with no
     * version at all (and no activity) loses its metadata and its row. One query per table the
     * transaction wrote, only in such a transaction.
     */
    private void forgetCancelled(HistoryStatements statements, UnitOfWork unit, long transactionId,
            boolean wroteActivities) throws SQLException {
        Set<VersionTableWriter> remaining = new LinkedHashSet<>();
        for (VersionTableWriter table : unit.writtenTables()) {
            try (PreparedStatement statement = statements.prepare(table.anyOfTransactionSql())) {
                statement.setMaxRows(1);
                statement.setLong(1, transactionId);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        remaining.add(table);
                    }
                }
            }
        }
        boolean empty = remaining.isEmpty() && !wroteActivities;
        extras.forget(statements, transactionId, unit.writtenTables(), remaining, empty);
        if (empty) {
            transactionRow.delete(statements, transactionId);
        }
    }

    /**
     * Closes the open versions of the keys of {@code rows} but this transaction's own, then, when
     * {@code checked}, counts those among them that a transaction with a larger id wrote. At the
     * flush that takes the id there can be none: the rows it changed were locked before the id
     * was taken, so a transaction with a larger id cannot have written their versions.
     *
     * @throws ConcurrentHistoryException when there is one
     */
    private static void closeAtFlush(HistoryStatements statements, VersionTableWriter table, List<Object[]> rows,
            long transactionId, boolean checked) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        SharedSessionContractImplementor session = statements.session();
        long misordered = 0;
        if (!table.closesSetBased()) {
            statements.executeBatches(table.closeSqlAtFlush(), rows, BATCH_LIMIT,
                    (statement, values) -> table.addClose(statement, values, transactionId, session));
            misordered = checked ? count(statements, table.misorderedSql(0), transactionId, null, table) : 0;
        } else {
            for (List<Object[]> chunk : TableRows.chunks(rows)) {
                try (PreparedStatement statement = statements.prepare(table.closeManySqlAtFlush(chunk.size()))) {
                    statement.setLong(1, transactionId);
                    statement.setLong(2, transactionId);
                    table.bindCloseMany(statement, 3, chunk, session);
                    statement.executeUpdate();
                }
                if (checked) {
                    misordered += count(statements, table.misorderedSql(chunk.size()), transactionId, chunk, table);
                }
            }
        }
        if (misordered > 0) {
            throw new ConcurrentHistoryException("A transaction that committed after this one took its id ("
                    + transactionId + ", at its first flush under " + ContinuumSettings.WRITE_AT + "=flush) changed "
                    + misordered + " of the rows this transaction changes in " + table.tableName() + " ("
                    + table.sortKey() + "), so this transaction's versions would precede them in history although "
                    + "it commits later; nothing is recorded out of order and the transaction is rolled back. "
                    + "Retry the transaction");
        }
    }

    private static long count(HistoryStatements statements, String sql, long transactionId, List<Object[]> keys,
            VersionTableWriter table) throws SQLException {
        try (PreparedStatement statement = statements.prepare(sql)) {
            statement.setLong(1, transactionId);
            statement.setLong(2, transactionId);
            if (keys != null) {
                table.bindCloseMany(statement, 3, keys, statements.session());
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * Closes the open versions of the keys of {@code rows} older than this transaction's: with one
     * {@code update ... where key in (...)} per chunk of keys when the table's key is one column,
     * else row by row in batches.
     */
    private static void closeOpenVersions(HistoryStatements statements, VersionTableWriter table, List<Object[]> rows,
            long transactionId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        SharedSessionContractImplementor session = statements.session();
        if (!table.closesSetBased()) {
            statements.executeBatches(table.closeSql(), rows, BATCH_LIMIT,
                    (statement, values) -> table.addClose(statement, values, transactionId, session));
            return;
        }
        for (List<Object[]> chunk : TableRows.chunks(rows)) {
            try (PreparedStatement statement = statements.prepare(table.closeManySql(chunk.size(), "?"))) {
                statement.setLong(1, transactionId);
                statement.setLong(2, transactionId);
                table.bindCloseMany(statement, 3, chunk, session);
                statement.executeUpdate();
            }
        }
    }

    private void insertVersions(HistoryStatements statements, VersionTableWriter table, String sql,
            List<TableRows.Row> rows, long transactionId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int limit = table.readsLiveRow() && strategy.insertsLiveRowsOneByOne() ? 1 : BATCH_LIMIT;
        SharedSessionContractImplementor session = statements.session();
        statements.executeBatches(sql, rows, limit,
                (statement, row) -> table.addInsert(statement, row, transactionId, session));
    }
}
