package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.VersioningException;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryOptionsAdapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How maintenance operations run beside the application: each batch a database transaction of its
 * own at READ COMMITTED (so that reads take no shared locks on MariaDB), tried again when it loses a
 * lock conflict against the application's writers (every batch is written to be idempotent), and
 * walking a table in key order a bounded number of keys at a time.
 */
final class Batches {

    /** How often a batch is tried when it loses a deadlock or lock wait against the application's writers. */
    private static final int MAX_ATTEMPTS = 5;

    private Batches() {
    }

    /** One batch's work on a JDBC connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code body} with the session's connection at READ COMMITTED, restoring its isolation afterwards. */
    static void atReadCommitted(SharedSessionContractImplementor session, Runnable body) {
        int[] isolation = new int[1];
        session.doWork(connection -> {
            isolation[0] = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        });
        try {
            body.run();
        } finally {
            session.doWork(connection -> connection.setTransactionIsolation(isolation[0]));
        }
    }

    /**
     * Runs one batch in a transaction of its own and returns its result. A batch that loses a
     * lock conflict is rolled back, {@code beforeRetry} undoes what the caller noted of it, and it
     * runs again, a few times before giving up.
     *
     * @param operation what runs, for the message when it stops ("The baseline")
     * @throws VersioningException when the batch fails for another reason, or keeps losing
     */
    static <T> T inTransaction(SharedSessionContractImplementor session, String operation, Work<T> work,
            Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            session.getTransaction().begin();
            try {
                List<T> result = new ArrayList<>(1);
                session.doWork(connection -> result.add(work.run(connection)));
                session.getTransaction().commit();
                return result.get(0);
            } catch (RuntimeException e) {
                if (session.getTransaction().isActive()) {
                    session.getTransaction().rollback();
                }
                beforeRetry.run();
                if (attempt < MAX_ATTEMPTS && e instanceof LockAcquisitionException) {
                    continue;
                }
                throw new VersioningException(operation + " stopped: " + e.getMessage() + "; what it did so far "
                        + "stays, and running it again does the rest", e);
            }
        }
    }

    /**
     * The next at most {@code limit} distinct keys of {@code column} in {@code table} (aliased
     * {@code t0}) that meet {@code condition} (SQL, or null for all), in order, after {@code after}
     * (null for the first batch); locked when {@code lock}.
     */
    static List<Object> nextKeys(Connection connection, SharedSessionContractImplementor session, Dialect dialect,
            String table, String column, JdbcMapping mapping, Object after, int limit, boolean lock, String condition)
            throws SQLException {
        String where = after == null ? condition : condition == null ? "t0." + column + " > ?"
                : "t0." + column + " > ? and " + condition;
        String sql = "select " + (lock ? "" : "distinct ") + "t0." + column + " from " + table + " t0"
                + (where == null ? "" : " where " + where) + " order by t0." + column;
        LimitHandler limits = dialect.getLimitHandler();
        Limit range = new Limit(0, limit);
        QueryOptions options = new QueryOptionsAdapter() {
            @Override
            public Limit getLimit() {
                return range;
            }
        };
        String limited = limits.processSql(sql, after == null ? 0 : 1, null, options)
                + (lock ? dialect.getForUpdateString() : "");
        List<Object> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(limited)) {
            int next = 1 + limits.bindLimitParametersAtStartOfQuery(range, statement, 1);
            if (after != null) {
                bind(statement, next++, mapping, after, session);
            }
            limits.bindLimitParametersAtEndOfQuery(range, statement, next);
            limits.setMaxRows(range, statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(mapping.getJdbcValueExtractor().extract(rs, 1, session));
                }
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    static void bind(PreparedStatement statement, int parameter, JdbcMapping mapping, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        mapping.getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
