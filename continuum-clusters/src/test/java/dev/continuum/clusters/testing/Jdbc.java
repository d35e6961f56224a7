package dev.continuum.clusters.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain JDBC, to look at what was really written, and to reach the servers below Hibernate. */
public final class Jdbc {

    private Jdbc() {
    }

    /** Where a server is and how to log in. */
    public record Endpoint(String name, String url, String user, String password) {

        /** A new connection; the caller closes it. */
        public Connection connect() {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                throw new IllegalStateException(name + " at " + url + " is not reachable: " + e.getMessage(), e);
            }
        }

        /** Whether a connection can be made. */
        public boolean reachable() {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                return connection.isValid(5);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Rows of a query, as maps from lower-case column label to value. */
    public static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a query that returns one row and one column. */
    public static Object value(Connection connection, String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(connection, sql, parameters);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException(sql + " returned " + rows + ", not one value");
        }
        return rows.get(0).values().iterator().next();
    }

    /** The single number of a query. */
    public static long number(Connection connection, String sql, Object... parameters) {
        return ((Number) value(connection, sql, parameters)).longValue();
    }

    /** Runs statements, each on its own. */
    public static void execute(Connection connection, String... statements) {
        for (String sql : statements) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens a connection, runs work on it and closes it. */
    public static <T> T with(Endpoint endpoint, SqlFunction<T> work) {
        try (Connection connection = endpoint.connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }
}
