package dev.continuum.hibernate.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The databases every behavioural test runs on, and where to find them.
 *
 * <p>Each database is found through environment variables: {@code CONTINUUM_TEST_<DB>_URL},
 * {@code _USER} and {@code _PASSWORD} (DB is {@code H2}, {@code POSTGRESQL} or {@code MARIADB}).
 * H2 defaults to an in-memory database. When a server database has no URL and Docker is
 * available, Testcontainers starts one; otherwise its tests are skipped with a message naming the
 * variable to set, unless {@code CONTINUUM_TEST_REQUIRE} (a comma-separated list such as
 * {@code h2,postgresql,mariadb}) names it, in which case they fail.
 */
public enum TestDatabase {
    H2("H2", "jdbc:h2:mem:continuum;DB_CLOSE_DELAY=-1", "sa", ""),
    POSTGRESQL("PostgreSQL", null, null, null),
    MARIADB("MariaDB", null, null, null);

    private static final Map<TestDatabase, Connection> KEEP_ALIVE = new ConcurrentHashMap<>();
    private static final Map<TestDatabase, Availability> RESOLVED = new ConcurrentHashMap<>();

    private final String displayName;
    private final String defaultUrl;
    private final String defaultUser;
    private final String defaultPassword;

    TestDatabase(String displayName, String defaultUrl, String defaultUser, String defaultPassword) {
        this.displayName = displayName;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.defaultPassword = defaultPassword;
    }

    public String displayName() {
        return displayName;
    }

    /** The environment variable that holds this database's JDBC URL. */
    public String urlVariable() {
        return "CONTINUUM_TEST_" + name() + "_URL";
    }

    /** Whether CI demands this database, so that its absence fails instead of skipping. */
    public boolean required() {
        String required = System.getenv("CONTINUUM_TEST_REQUIRE");
        if (required == null) {
            return false;
        }
        Set<String> names = Arrays.stream(required.split(","))
                .map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        return names.contains(name()) || names.contains("ALL");
    }

    /**
     * Whether this database can be reached, and how; resolved once per test run.
     *
     * @return the connection settings, or why there are none
     */
    public Availability resolve() {
        return RESOLVED.computeIfAbsent(this, TestDatabase::doResolve);
    }

    private Availability doResolve() {
        String url = env(urlVariable(), defaultUrl);
        if (url != null) {
            Connectivity connectivity = new Connectivity(url, env("CONTINUUM_TEST_" + name() + "_USER", defaultUser),
                    env("CONTINUUM_TEST_" + name() + "_PASSWORD", defaultPassword));
            try {
                // Keeps in-memory H2 alive and proves the server answers.
                KEEP_ALIVE.put(this, connectivity.connect());
                return connectivity;
            } catch (SQLException e) {
                return new Unavailable(displayName + " at " + url + " is not reachable: " + e.getMessage());
            }
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            return new Unavailable(displayName + " tests skipped: set " + urlVariable() + " (and "
                    + "CONTINUUM_TEST_" + name() + "_USER / _PASSWORD), or make Docker available for Testcontainers");
        }
        JdbcDatabaseContainer<?> container = switch (this) {
            case POSTGRESQL -> new PostgreSQLContainer("postgres:15-alpine");
            case MARIADB -> new MariaDBContainer("mariadb:10.11");
            default -> throw new IllegalStateException();
        };
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new Connectivity(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Whether a test database can be reached: {@link Connectivity} when it can, {@link Unavailable} when not. */
    public sealed interface Availability permits Connectivity, Unavailable {
    }

    /** Why a test database cannot be reached, for the skip or failure message. */
    public record Unavailable(String reason) implements Availability {
    }

    /** How to reach a test database. */
    public record Connectivity(String url, String user, String password) implements Availability {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password == null ? "" : password);
        }
    }
}
