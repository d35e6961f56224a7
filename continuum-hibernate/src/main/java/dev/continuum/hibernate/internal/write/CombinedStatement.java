package dev.continuum.hibernate.internal.write;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The history of a transaction as one data-modifying statement, on databases with data-modifying
 * {@code with} clauses and {@code insert ... returning} (PostgreSQL): the transaction row, the
 * set-based closings and the inserts of small tables, each a clause of {@code with continuum_tx
 * as (insert into transaction ... returning id), continuum_1 as (update ...), continuum_2 as
 * (insert ...) select id from continuum_tx}, the transaction id taken from {@code continuum_tx}.
 * All clauses see the tables as they were before the statement, so a clause's inserted rows are
 * never closed by another. A delete whose values are the key's state before the transaction is
 * made from the version its closing ends: the closing hands the closed rows back ({@code
 * returning}) to an {@code insert ... select} of the delete versions, so none of their values
 * travels from Java; a key that had no open version (a row older than its entity's versioning)
 * gets its delete version from its values afterwards ({@link #writeUnmadeDeletes}). What is left out (closings one row at a time, larger inserts, and the
 * inserts into a table that such a closing still has to touch) is written after it, as elsewhere.
 */
final class CombinedStatement {

    /**
     * The most rows of one table whose inserts go into the statement, as one multi-row insert (a
     * text per row count, so a larger batch keeps a statement of its own). Measured on W2 (100
     * rows): one round trip fewer and C/F 1.03 against 1.30 to 1.39 at 8 rows.
     */
    private static final int INSERT_ROW_LIMIT = 128;
    /** The most parameters of the statement (PostgreSQL accepts 65,535). */
    private static final int PARAMETER_LIMIT = 16_384;
    /** The transaction id in the clauses of the statement. */
    private static final String TRANSACTION_ID = "(select id from continuum_tx)";

    /** The keys of one closing clause, in the order of the clauses. */
    private record Keys(VersionTableWriter table, List<Object[]> keys) {
    }

    /** The deletes of one table made from the versions their closing ends, and how many the statement made. */
    private static final class Made {
        private final VersionTableWriter table;
        private final List<TableRows.Row> rows;
        private long count;

        Made(VersionTableWriter table, List<TableRows.Row> rows) {
            this.table = table;
            this.rows = rows;
        }
    }

    /** Writes version rows from their values (the batch inserts of the separate path). */
    @FunctionalInterface
    interface Inserts {
        void insert(VersionTableWriter table, List<TableRows.Row> rows) throws SQLException;
    }

    private final String sql;
    private final List<Keys> keys;
    private final List<VersionTableWriter> closed;
    private final List<Made> made;
    private final List<VersionTableWriter> inserted;

    private CombinedStatement(String sql, List<Keys> keys, List<VersionTableWriter> closed, List<Made> made,
            List<VersionTableWriter> inserted) {
        this.sql = sql;
        this.keys = keys;
        this.closed = closed;
        this.made = made;
        this.inserted = inserted;
    }

    /**
     * The combined statement for these rows, the transaction row inserted by {@code transactionSql}
     * (an insert returning the id); null when it would hold no more than the transaction row. The
     * deletes it makes from open versions are taken out of {@code rows}.
     */
    static CombinedStatement plan(String transactionSql, List<VersionTableWriter> order, TableRows rows) {
        StringBuilder sql = new StringBuilder("with continuum_tx as (").append(transactionSql).append(')');
        int parameters = 3;
        int clause = 0;
        List<Keys> keys = new ArrayList<>();
        List<VersionTableWriter> closed = new ArrayList<>();
        List<Made> made = new ArrayList<>();
        StringBuilder counts = new StringBuilder();
        Set<String> closedLater = new HashSet<>();
        for (VersionTableWriter table : order) {
            List<Object[]> closing = rows.closing(table);
            if (closing.isEmpty()) {
                continue;
            }
            // split chunks pad to at most twice the keys
            List<TableRows.Row> fromOpen = table.makesDeletesFromOpenVersions()
                    && parameters + 2 * closing.size() <= PARAMETER_LIMIT
                    ? rows.takeFromOpenVersions(table) : List.of();
            if (!fromOpen.isEmpty()) {
                StringJoiner count = new StringJoiner(" + ", ", ", "");
                for (List<Object[]> chunk : TableRows.chunks(TableRows.values(fromOpen))) {
                    String closedRows = "continuum_" + ++clause;
                    sql.append(", ").append(closedRows).append(" as (")
                            .append(table.closeManyReturningSql(chunk.size(), TRANSACTION_ID)).append(')');
                    String deletes = "continuum_" + ++clause;
                    sql.append(", ").append(deletes).append(" as (")
                            .append(table.deletesFromSql(closedRows, TRANSACTION_ID)).append(')');
                    count.add("(select count(*) from " + deletes + ")");
                    keys.add(new Keys(table, chunk));
                    parameters += chunk.size();
                }
                counts.append(count);
                made.add(new Made(table, fromOpen));
                closing = rows.closing(table);
                if (closing.isEmpty()) {
                    continue;
                }
            }
            List<List<Object[]>> chunks = table.closesSetBased() ? TableRows.chunks(closing) : null;
            int size = chunks == null ? 0 : chunks.stream().mapToInt(List::size).sum();
            if (chunks == null || parameters + size > PARAMETER_LIMIT) {
                closedLater.add(table.tableName());
                continue;
            }
            for (List<Object[]> chunk : chunks) {
                sql.append(", continuum_").append(++clause).append(" as (")
                        .append(table.closeManySql(chunk.size(), TRANSACTION_ID)).append(')');
                keys.add(new Keys(table, chunk));
            }
            parameters += size;
            closed.add(table);
        }
        List<VersionTableWriter> inserted = new ArrayList<>();
        for (VersionTableWriter table : order) {
            int count = rows.rows(table).size();
            String insert = count == 0 || count > INSERT_ROW_LIMIT || closedLater.contains(table.tableName()) ? null
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
        sql.append(" select id").append(counts).append(" from continuum_tx");
        return new CombinedStatement(sql.toString(), keys, closed, made, inserted);
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
            for (Keys clause : keys) {
                parameter = clause.table().bindCloseMany(statement, parameter, clause.keys(), session);
            }
            for (VersionTableWriter table : inserted) {
                for (TableRows.Row row : rows.rows(table)) {
                    parameter = table.bindCombinedInsert(statement, parameter, row, session);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int i = 0; i < made.size(); i++) {
                    made.get(i).count = rs.getLong(i + 2);
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes from their values the delete versions of a table whose closing found fewer open
     * versions than it had deletes to make (keys whose rows existed before their entity was
     * versioned, or whose history was changed by hand): the versions made are removed and all are
     * written again by {@code inserts}, as on the separate path.
     */
    void writeUnmadeDeletes(HistoryStatements statements, long transactionId, Inserts inserts) throws SQLException {
        SharedSessionContractImplementor session = statements.session();
        for (Made deletes : made) {
            if (deletes.count == deletes.rows.size()) {
                continue;
            }
            for (List<Object[]> chunk : TableRows.chunks(TableRows.values(deletes.rows))) {
                try (PreparedStatement statement = statements.prepare(deletes.table.removeDeletesSql(chunk.size()))) {
                    statement.setLong(1, transactionId);
                    deletes.table.bindCloseMany(statement, 2, chunk, session);
                    statement.executeUpdate();
                }
            }
            inserts.insert(deletes.table, deletes.rows);
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
