package dev.continuum.bench.harness;

import java.util.Locale;

/**
 * The database a benchmark runs on, found through the same environment variables as the tests:
 * {@code CONTINUUM_TEST_<DB>_URL}, {@code _USER} and {@code _PASSWORD}, where DB is {@code H2},
 * {@code POSTGRESQL} or {@code MARIADB} (a system property of the same name also works). H2 defaults
 * to an embedded in-memory database; the servers have no default.
 */
public enum Database {
    /** Embedded H2, in memory unless {@code CONTINUUM_TEST_H2_URL} says otherwise. */
    H2("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", ""),
    /** PostgreSQL, from {@code CONTINUUM_TEST_POSTGRESQL_URL}. */
    POSTGRESQL(null, null, null),
    /** MariaDB, from {@code CONTINUUM_TEST_MARIADB_URL}. */
    MARIADB(null, null, null);

    private final String defaultUrl;
    private final String defaultUser;
    private final String defaultPassword;

    Database(String defaultUrl, String defaultUser, String defaultPassword) {
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.defaultPassword = defaultPassword;
    }

    /**
     * The database named by a benchmark parameter or argument, case-insensitively
     * ({@code h2}, {@code postgresql}, {@code mariadb}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Database named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (Database database : values()) {
            if (database.name().equals(wanted)) {
                return database;
            }
        }
        throw new IllegalArgumentException("Unknown database '" + name + "'; use h2, postgresql or mariadb");
    }

    /**
     * The JDBC URL to connect to.
     *
     * @throws IllegalStateException when a server database has no URL configured
     */
    public String url() {
        String url = setting("URL", defaultUrl);
        if (url == null) {
            throw new IllegalStateException("No " + name().toLowerCase(Locale.ROOT) + " database configured: set "
                    + variable("URL") + " (and " + variable("USER") + " / " + variable("PASSWORD")
                    + ") to a JDBC URL of a database the benchmark may create tables in");
        }
        return url;
    }

    /** The user to connect as, possibly empty. */
    public String user() {
        String user = setting("USER", defaultUser);
        return user == null ? "" : user;
    }

    /** The password, possibly empty. */
    public String password() {
        String password = setting("PASSWORD", defaultPassword);
        return password == null ? "" : password;
    }

    private String variable(String suffix) {
        return "CONTINUUM_TEST_" + name() + "_" + suffix;
    }

    private String setting(String suffix, String fallback) {
        String name = variable(suffix);
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
