package dev.continuum.hibernate.internal.write;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The statements of one transaction's history, on the session's own connection: prepared through
 * the session's statement inspector (so that SQL logging and statement counting see them like
 * Hibernate's own), executed in JDBC batches, the last one remembered for error messages.
 */
final class HistoryStatements {

    private final SharedSessionContractImplementor session;
    private final Connection connection;
    private final StatementInspector inspector;
    private String last;

    HistoryStatements(SharedSessionContractImplementor session) {
        this.session = session;
        this.connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        this.inspector = session.getJdbcSessionContext().getStatementInspector();
    }

    SharedSessionContractImplementor session() {
        return session;
    }

    /** The SQL last prepared, or null. */
    String last() {
        return last;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(inspect(sql));
    }

    /** Prepares an insert whose generated keys the caller reads back. */
    PreparedStatement prepareReturningKeys(String sql) throws SQLException {
        return connection.prepareStatement(inspect(sql), Statement.RETURN_GENERATED_KEYS);
    }

    private String inspect(String sql) {
        last = sql;
        String inspected = inspector == null ? null : inspector.inspect(sql);
        return inspected == null ? sql : inspected;
    }

    /** Adds one item's parameters to a batch of a prepared statement. */
    @FunctionalInterface
    interface BatchBinder<T> {
        void addBatch(PreparedStatement statement, T item) throws SQLException;
    }

    /** Executes {@code sql} once per item, as JDBC batches of at most {@code limit} items. */
    <T> void executeBatches(String sql, List<T> items, int limit, BatchBinder<T> binder) throws SQLException {
        try (PreparedStatement statement = prepare(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.addBatch(statement, item);
                if (++pending == limit) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
