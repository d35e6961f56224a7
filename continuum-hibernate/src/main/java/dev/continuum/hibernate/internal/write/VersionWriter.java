package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes rows of one version table: the rows of an entity (one table per inheritance level) or
 * of a versioned collection. A captured row is one flat array of JDBC values; each table writer
 * reads its own slice of it.
 */
interface VersionWriter {

    /** The rendered name of the version table. */
    String tableName();

    String insertSql();

    String closeSql();

    /** Whether an inserted row can take the key of a row deleted earlier, so its insert must close an open row. */
    boolean idsCanBeReused();

    /** Binds one version row to the insert statement and adds it to the batch. */
    void addInsert(PreparedStatement statement, Object[] values, long transactionId, Operation operation,
            SharedSessionContractImplementor session) throws SQLException;

    /** Binds the closing of the row's open version to the update statement and adds it to the batch. */
    void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException;

    /** A tie-breaker for ordering writers of one table. */
    String sortKey();

    /**
     * Whether the insert reads columns of the live row with a subquery (the foreign key of a
     * join-column one-to-many child), which some drivers' bulk execution evaluates only once.
     */
    default boolean readsLiveRow() {
        return false;
    }

    /**
     * SQL that inserts {@code rows} version rows in one statement, the transaction id given by the
     * SQL expression {@code transactionId} instead of a parameter; null when this table's rows can
     * only be inserted with {@link #insertSql()}.
     */
    default String insertSql(int rows, String transactionId) {
        return null;
    }

    /**
     * Binds one row of {@link #insertSql(int, String)} from parameter {@code first} on; returns the
     * next parameter index.
     */
    default int bindInsert(PreparedStatement statement, int first, Object[] values, Operation operation,
            SharedSessionContractImplementor session) throws SQLException {
        throw new UnsupportedOperationException(tableName() + " inserts its rows one by one");
    }

    /**
     * SQL that closes the open versions of {@code count} rows in one statement
     * ({@code ... where end is null and key in (?, ...)}), or null when rows must be closed one by
     * one (composite keys).
     */
    default String closeManySql(int count) {
        return closeManySql(count, "?");
    }

    /**
     * {@link #closeManySql(int)} with the transaction id given by the SQL expression
     * {@code transactionId}, or null when rows must be closed one by one.
     */
    default String closeManySql(int count, String transactionId) {
        return null;
    }

    /** Binds the transaction id and the keys of {@code rows} to {@link #closeManySql(int)} of their count. */
    default void bindCloseMany(PreparedStatement statement, List<Object[]> rows, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        bindCloseMany(statement, 2, rows, session);
    }

    /**
     * Binds the keys of {@code rows} to {@link #closeManySql(int, String)} from parameter
     * {@code first} on; returns the next parameter index.
     */
    default int bindCloseMany(PreparedStatement statement, int first, List<Object[]> rows,
            SharedSessionContractImplementor session) throws SQLException {
        throw new UnsupportedOperationException(tableName() + " closes its rows one by one");
    }
}
