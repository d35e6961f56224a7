package dev.continuum.hibernate.internal.write;

import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.nativemode.PostgreSqlTriggers;

import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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

    HistoryWriter(WriteStrategy strategy, boolean publish, TransactionRow transactionRow,
            TransactionExtrasWriter extras, ActivityWriter activities, Integrity integrity, CompactValueWriter compact) {
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
                        (table, made) -> insertVersions(statements, table, made, transactionId));
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
                    insertVersions(statements, table, rows.rows(table), transactionId);
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
            SqlExceptionHelper helper = session.getJdbcServices().getSqlExceptionHelper();
            throw new VersioningException("Could not record the versions of this transaction ("
                    + e.getMessage() + "); the transaction is rolled back",
                    helper.convert(e, "Continuum could not write version rows", statements.last()));
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

    private void insertVersions(HistoryStatements statements, VersionTableWriter table, List<TableRows.Row> rows,
            long transactionId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int limit = table.readsLiveRow() && strategy.insertsLiveRowsOneByOne() ? 1 : BATCH_LIMIT;
        SharedSessionContractImplementor session = statements.session();
        statements.executeBatches(table.insertSql(), rows, limit,
                (statement, row) -> table.addInsert(statement, row, transactionId, session));
    }
}
