package dev.continuum.hibernate.internal.write;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history of a transaction as one data-modifying statement, on databases with data-modifying
 * {@code with} clauses and {@code insert ... returning} (PostgreSQL): the transaction row, the
 * set-based closings and the inserts of small tables, each a clause of {@code with continuum_tx
 * as (insert into transaction ... returning id), continuum_1 as (update ...), continuum_2 as
 * (insert ...) select id from continuum_tx}, the transaction id taken from {@code continuum_tx}.
 * All clauses see the tables as they were before the statement, so a clause's inserted rows are
 * never closed by another. What is left out (closings one row at a time, larger inserts, and the
 * inserts into a table that such a closing still has to touch) is written after it, as elsewhere.
 */
final class CombinedStatement {

    /** The most rows of one table whose inserts go into the statement. */
    private static final int INSERT_ROW_LIMIT = 8;
    /** The most parameters of the statement (PostgreSQL accepts 65,535). */
    private static final int PARAMETER_LIMIT = 16_384;
    /** The transaction id in the clauses of the statement. */
    private static final String TRANSACTION_ID = "(select id from continuum_tx)";

    private final String sql;
    private final List<VersionTableWriter> closed;
    private final List<VersionTableWriter> inserted;

    private CombinedStatement(String sql, List<VersionTableWriter> closed, List<VersionTableWriter> inserted) {
        this.sql = sql;
        this.closed = closed;
        this.inserted = inserted;
    }

    /**
     * The combined statement for these rows, the transaction row inserted by {@code transactionSql}
     * (an insert returning the id); null when it would hold no more than the transaction row.
     */
    static CombinedStatement plan(String transactionSql, List<VersionTableWriter> order, TableRows rows) {
        StringBuilder sql = new StringBuilder("with continuum_tx as (").append(transactionSql).append(')');
        int parameters = 3;
        int clause = 0;
        List<VersionTableWriter> closed = new ArrayList<>();
        Set<String> closedLater = new HashSet<>();
        for (VersionTableWriter table : order) {
            List<Object[]> closing = rows.closing(table);
            if (closing.isEmpty()) {
                continue;
            }
            List<List<Object[]>> chunks = table.closesSetBased() ? TableRows.chunks(closing) : null;
            int keys = chunks == null ? 0 : chunks.stream().mapToInt(List::size).sum();
            if (chunks == null || parameters + keys > PARAMETER_LIMIT) {
                closedLater.add(table.tableName());
                continue;
            }
            for (List<Object[]> chunk : chunks) {
                sql.append(", continuum_").append(++clause).append(" as (")
                        .append(table.closeManySql(chunk.size(), TRANSACTION_ID)).append(')');
            }
            parameters += keys;
            closed.add(table);
        }
        List<VersionTableWriter> inserted = new ArrayList<>();
        for (VersionTableWriter table : order) {
            int count = rows.rows(table).size();
            String insert = count > INSERT_ROW_LIMIT || closedLater.contains(table.tableName()) ? null
                    : table.combinedInsertSql(count, TRANSACTION_ID);
            int needed = insert == null ? 0 : placeholders(insert);
            if (insert != null && parameters + needed <= PARAMETER_LIMIT) {
                sql.append(", continuum_").append(++clause).append(" as (").append(insert).append(')');
                parameters += needed;
                inserted.add(table);
            }
        }
        if (clause == 0) {
            return null;
        }
        sql.append(" select id from continuum_tx");
        return new CombinedStatement(sql.toString(), closed, inserted);
    }

    /** Whether the statement closes the open versions of {@code table}'s rows. */
    boolean closes(VersionTableWriter table) {
        return closed.contains(table);
    }

    /** Whether the statement inserts {@code table}'s rows. */
    boolean inserts(VersionTableWriter table) {
        return inserted.contains(table);
    }

    /** Executes the statement; returns the id of the transaction row it inserted. */
    long execute(HistoryStatements statements, TransactionRow transaction, TableRows rows) throws SQLException {
        SharedSessionContractImplementor session = statements.session();
        try (PreparedStatement statement = statements.prepare(sql)) {
            int parameter = transaction.bind(statement, 1, session);
            for (VersionTableWriter table : closed) {
                for (List<Object[]> chunk : TableRows.chunks(rows.closing(table))) {
                    parameter = table.bindCloseMany(statement, parameter, chunk, session);
                }
            }
            for (VersionTableWriter table : inserted) {
                for (TableRows.Row row : rows.rows(table)) {
                    parameter = table.bindCombinedInsert(statement, parameter, row, session);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The number of JDBC parameters of a statement. */
    private static int placeholders(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                count++;
            }
        }
        return count;
    }
}
