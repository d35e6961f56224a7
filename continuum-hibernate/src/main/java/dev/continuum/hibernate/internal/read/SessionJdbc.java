package dev.continuum.hibernate.internal.read;

import dev.continuum.ContinuumException;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Plain JDBC on a session's connection, inside its transaction: every statement passed through the
 * session's {@link StatementInspector} (so statement counters and SQL rewriting see it), released
 * through its JDBC coordinator, and its failures converted by the dialect's exception helper.
 */
final class SessionJdbc {

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads a result set. */
    @FunctionalInterface
    interface Reader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Execution<R> {
        R execute(PreparedStatement statement) throws SQLException;
    }

    private final SessionImplementor session;

    SessionJdbc(SessionImplementor session) {
        this.session = session;
    }

    /** Runs a query and reads its result. */
    <R> R query(String sql, Binder binder, Reader<R> reader) {
        session.checkOpen();
        return run(sql, binder, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        }, "Could not read version history", "Continuum could not read history");
    }

    /** Runs an insert or update of the undo/redo positions. */
    void updatePosition(String sql, Binder binder) {
        run(sql, binder, PreparedStatement::executeUpdate, "Could not record the undo/redo position",
                "Continuum could not write");
    }

    private <R> R run(String sql, Binder binder, Execution<R> execution, String failure, String context) {
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (PreparedStatement statement = connection.prepareStatement(inspect(sql))) {
            binder.bind(statement);
            return execution.execute(statement);
        } catch (SQLException e) {
            throw new ContinuumException(failure + " (" + e.getMessage() + ")",
                    session.getJdbcServices().getSqlExceptionHelper().convert(e, context, sql));
        } finally {
            session.getJdbcCoordinator().afterStatementExecution();
        }
    }

    private String inspect(String sql) {
        StatementInspector inspector = session.getJdbcSessionContext().getStatementInspector();
        if (inspector == null) {
            return sql;
        }
        String inspected = inspector.inspect(sql);
        return inspected == null ? sql : inspected;
    }
}
