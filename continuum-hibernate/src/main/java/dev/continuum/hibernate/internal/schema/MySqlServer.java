package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the server behind a {@link MySQLDialect} is one Continuum can run on. The MySQL driver
 * reports a MariaDB server as MySQL with a version such as {@code 5.5.5-10.11.6-MariaDB}, which
 * Hibernate takes for MySQL 5.5 and describes with {@code MySQLDialect}: neither the dialect nor
 * Continuum then knows the server's real capabilities. Checked once at boot from the database's
 * product name and version, as the JDBC driver reported them.
 */
final class MySqlServer {

    /** MySQL 8.0: Hibernate's own minimum, and the first with common table expressions and window functions. */
    static final DatabaseVersion MINIMUM = DatabaseVersion.make(8, 0);

    private static final String MARIADB_DIALECT = MariaDBDialect.class.getName();

    private MySqlServer() {
    }

    /**
     * Checks the server behind {@code dialect} when it is a {@code MySQLDialect} but not a
     * {@code MariaDBDialect}.
     *
     * @param productName the database product name the driver reported, or null when unknown
     * @param productVersion the database product version the driver reported, or null when unknown
     * @return a warning to log: the server is MariaDB, described by the MySQL dialect
     * @throws ConfigurationException when the server is MariaDB taken for MySQL older than 8.0, or
     *         MySQL older than 8.0
     */
    static Optional<String> check(Dialect dialect, String productName, String productVersion) {
        if (!(dialect instanceof MySQLDialect) || dialect instanceof MariaDBDialect || productName == null) {
            return Optional.empty();
        }
        String reported = productName + (productVersion == null ? "" : " " + productVersion);
        boolean mariaDb = reported.toLowerCase(Locale.ROOT).contains("mariadb");
        DatabaseVersion version = dialect.getVersion();
        boolean tooOld = version.isBefore(MINIMUM.getDatabaseMajorVersion(), MINIMUM.getDatabaseMinorVersion());
        if (mariaDb && tooOld) {
            throw new ConfigurationException("The database reports itself as " + reported + ": a MariaDB server "
                    + "reached through the MySQL driver, which Hibernate takes for MySQL " + version + " and describes "
                    + "with " + dialect.getClass().getSimpleName() + ". Set hibernate.dialect=" + MARIADB_DIALECT
                    + " (or connect with the MariaDB driver, org.mariadb.jdbc:mariadb-java-client, and a jdbc:mariadb: "
                    + "URL)");
        }
        if (mariaDb) {
            return Optional.of("The database is " + reported + " but is described by "
                    + dialect.getClass().getSimpleName() + ": Continuum takes transaction ids from an auto_increment "
                    + "column of its transaction table instead of a sequence, and Hibernate ignores MariaDB's own "
                    + "features; set hibernate.dialect=" + MARIADB_DIALECT);
        }
        if (tooOld) {
            throw new ConfigurationException("Continuum needs MySQL 8.0 or later, but the database is "
                    + reported + " (" + dialect.getClass().getSimpleName() + " " + version + "); upgrade the server"
                    + ", or if it is a MariaDB server set hibernate.dialect=" + MARIADB_DIALECT);
        }
        return Optional.empty();
    }
}
