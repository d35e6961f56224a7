package dev.continuum.hibernate.internal.read;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionImplementor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Whether the session's database transaction can write. */
final class ReadOnlyTransactions {

    private ReadOnlyTransactions() {
    }

    /**
     * Whether the connection or the database transaction is read-only: the JDBC flag (which
     * frameworks set for read-only transactions), and where the database tells it, its own view
     * (a PostgreSQL hot standby runs every transaction read-only). One statement on PostgreSQL and
     * the MySQL family, none elsewhere.
     */
    static boolean readOnly(SessionImplementor session) {
        Dialect dialect = session.getJdbcServices().getDialect();
        List<String> queries = dialect instanceof PostgreSQLDialect ? List.of("show transaction_read_only")
                // MySQL 8 knows only the first name, MariaDB before 11.1 only the second
                : dialect instanceof MySQLDialect ? List.of("select @@transaction_read_only", "select @@tx_read_only")
                : List.of();
        return session.doReturningWork(connection -> {
            if (connection.isReadOnly()) {
                return true;
            }
            for (String query : queries) {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
                    if (!rs.next()) {
                        return false;
                    }
                    String value = rs.getString(1);
                    return "on".equalsIgnoreCase(value) || "1".equals(value) || "true".equalsIgnoreCase(value);
                } catch (SQLException e) {
                    if (!(dialect instanceof MySQLDialect)) {
                        throw e;
                    }
                    // an unknown variable: try the other name
                }
            }
            return false;
        });
    }
}
