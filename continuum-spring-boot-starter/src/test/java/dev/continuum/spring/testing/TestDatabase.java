package dev.continuum.spring.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The database this test run uses, chosen by the system property {@code continuum.test.database}
 * ({@code h2}, the default, {@code postgresql} or {@code mariadb}): the build runs the Spring Boot
 * tests once per database. Servers are found through the same environment variables as the rest
 * of the suite ({@code CONTINUUM_TEST_<DB>_URL}, {@code _USER}, {@code _PASSWORD}); a database
 * that is not configured or not reachable skips the tests with a message, unless
 * {@code CONTINUUM_TEST_REQUIRE} names it, in which case they fail.
 */
public enum TestDatabase {
    H2("H2", "jdbc:h2:mem:continuum;DB_CLOSE_DELAY=-1", "sa"),
    POSTGRESQL("PostgreSQL", null, null),
    MARIADB("MariaDB", null, null);

    /** The system property that names the database of this run. */
    public static final String PROPERTY = "continuum.test.database";

    private final String displayName;
    private final String defaultUrl;
    private final String defaultUser;
    private volatile Object resolved;

    TestDatabase(String displayName, String defaultUrl, String defaultUser) {
        this.displayName = displayName;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    /** The database of this test run. */
    public static TestDatabase current() {
        String name = System.getProperty(PROPERTY, "h2").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + "=" + name + " is not one of " + Arrays.toString(values()), e);
        }
    }

    public String displayName() {
        return displayName;
    }

    /** Whether {@code CONTINUUM_TEST_REQUIRE} demands this database. */
    public boolean required() {
        String required = env("CONTINUUM_TEST_REQUIRE", "");
        List<String> names = Arrays.stream(required.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        return names.contains(name()) || names.contains("ALL");
    }

    /** The Spring Boot properties that point the data source at this database. */
    public String[] properties() {
        Connectivity connectivity = connectivity();
        return new String[] {"spring.datasource.url=" + connectivity.url(),
                "spring.datasource.username=" + connectivity.user(),
                "spring.datasource.password=" + connectivity.password()};
    }

    /** How to reach the database; fails when it is unavailable. */
    public Connectivity connectivity() {
        if (resolve() instanceof String why) {
            throw new IllegalStateException(why);
        }
        return (Connectivity) resolve();
    }

    /** Why the database is unavailable, or null when it answers. */
    public String unavailability() {
        return resolve() instanceof String why ? why : null;
    }

    private Object resolve() {
        Object result = resolved;
        if (result == null) {
            result = doResolve();
            resolved = result;
        }
        return result;
    }

    private Object doResolve() {
        String url = env("CONTINUUM_TEST_" + name() + "_URL", defaultUrl);
        if (url == null) {
            return displayName + " tests skipped: set CONTINUUM_TEST_" + name() + "_URL (and _USER, _PASSWORD)";
        }
        Connectivity connectivity = new Connectivity(url, env("CONTINUUM_TEST_" + name() + "_USER", defaultUser),
                env("CONTINUUM_TEST_" + name() + "_PASSWORD", ""));
        try (Connection connection = DriverManager.getConnection(url, connectivity.user(), connectivity.password())) {
            return connection.isValid(5) ? connectivity : displayName + " at " + url + " does not answer";
        } catch (SQLException e) {
            return displayName + " at " + url + " is not reachable: " + e.getMessage();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** How to reach a test database. */
    public record Connectivity(String url, String user, String password) {
    }
}
