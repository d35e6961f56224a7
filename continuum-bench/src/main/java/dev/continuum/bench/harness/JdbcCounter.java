package dev.continuum.bench.harness;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what reaches the JDBC driver: executions (each {@code execute*} call and each
 * {@code executeBatch}, roughly one round trip each on a server database) and rows (each
 * non-batched execution and each {@code addBatch}). Complements the {@link StatementCounter}, which
 * sees statements when they are prepared. Wraps every object in a dynamic proxy, so it is only used
 * by the statement-count run, never while timing.
 */
public final class JdbcCounter {

    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    /** JDBC executions so far: one per {@code execute*} or {@code executeBatch} call. */
    public long executions() {
        return executions.get();
    }

    /** Rows sent so far: one per non-batched execution, one per {@code addBatch}. */
    public long rows() {
        return rows.get();
    }

    /** Forgets the counts so far. */
    public void reset() {
        executions.set(0);
        rows.set(0);
    }

    /** A data source whose connections and statements report to this counter. */
    public DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, result) ->
                result instanceof Connection connection && method.getName().equals("getConnection")
                        ? proxy(Connection.class, connection, this::statements)
                        : result);
    }

    private Object statements(Method method, Object result) {
        if (result instanceof CallableStatement statement) {
            return proxy(CallableStatement.class, statement, (m, r) -> r);
        }
        if (result instanceof PreparedStatement statement) {
            return proxy(PreparedStatement.class, statement, (m, r) -> r);
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, (m, r) -> r);
        }
        return result;
    }

    private interface ResultMapper {
        Object map(Method method, Object result);
    }

    private <T> T proxy(Class<T> type, T target, ResultMapper mapper) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (target instanceof Statement) {
                count(method.getName());
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return mapper.map(method, result);
        };
        return type.cast(Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private void count(String method) {
        switch (method) {
            case "addBatch" -> rows.incrementAndGet();
            case "executeBatch", "executeLargeBatch" -> executions.incrementAndGet();
            case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                executions.incrementAndGet();
                rows.incrementAndGet();
            }
            default -> {
            }
        }
    }
}
