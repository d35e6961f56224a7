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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what reaches the JDBC driver: executions (each {@code execute*} call and each
 * {@code executeBatch}, roughly one round trip each on a server database) and rows (each
 * non-batched execution and each {@code addBatch}). Complements the {@link StatementCounter}, which
 * sees statements when they are prepared. Wraps every object in a dynamic proxy, so it is only used
 * by the statement-count run and to capture statements for their plans, never while timing.
 *
 * <p>While {@link #record(boolean) recording}, it also keeps each prepared statement executed (or
 * added to a batch) with the parameters bound to it, so that the database can be asked for the plan
 * of exactly the statement the library ran.
 */
public final class JdbcCounter {

    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final List<Executed> recorded = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;

    /**
     * A prepared statement run while recording.
     *
     * @param sql the statement as prepared
     * @param parameters the values bound, by position (1-based), a {@code null} value for {@code setNull}
     */
    public record Executed(String sql, Map<Integer, Object> parameters) {
    }

    /** JDBC executions so far: one per {@code execute*} or {@code executeBatch} call. */
    public long executions() {
        return executions.get();
    }

    /** Rows sent so far: one per non-batched execution, one per {@code addBatch}. */
    public long rows() {
        return rows.get();
    }

    /** Forgets the counts and the statements recorded so far. */
    public void reset() {
        executions.set(0);
        rows.set(0);
        recorded.clear();
    }

    /** Starts ({@code true}) or stops keeping the prepared statements executed. */
    public void record(boolean on) {
        recording = on;
    }

    /** The prepared statements executed while recording, in order. */
    public List<Executed> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** A data source whose connections and statements report to this counter. */
    public DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) ->
                result instanceof Connection connection && method.getName().equals("getConnection")
                        ? proxy(Connection.class, connection, this::statements)
                        : result);
    }

    private Object statements(Method method, Object[] args, Object result) {
        if (result instanceof CallableStatement statement) {
            return proxy(CallableStatement.class, statement, (m, a, r) -> r);
        }
        if (result instanceof PreparedStatement statement) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            Map<Integer, Object> parameters = new TreeMap<>();
            return proxy(PreparedStatement.class, statement, (m, a, r) -> {
                bound(sql, parameters, m.getName(), a);
                return r;
            });
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, (m, a, r) -> {
                if (recording && m.getName().startsWith("execute") && a != null && a.length > 0
                        && a[0] instanceof String sql) {
                    recorded.add(new Executed(sql, Map.of()));
                }
                return r;
            });
        }
        return result;
    }

    private interface ResultMapper {
        Object map(Method method, Object[] args, Object result);
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
            return mapper.map(method, args, result);
        };
        return type.cast(Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Keeps track of a prepared statement's parameters, and records it when it runs. */
    private void bound(String sql, Map<Integer, Object> parameters, String method, Object[] args) {
        if (method.equals("clearParameters")) {
            parameters.clear();
        } else if (method.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
            parameters.put(index, method.equals("setNull") ? null : args[1]);
        } else if (recording && sql != null && (args == null || args.length == 0) && (method.equals("addBatch")
                || method.startsWith("execute") && !method.endsWith("Batch"))) {
            // a batch is recorded row by row, as added
            recorded.add(new Executed(sql, Collections.unmodifiableMap(new TreeMap<>(parameters))));
        }
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
