package dev.continuum.examples.blog.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;

import java.util.Locale;
import java.util.Map;

/**
 * The database of this test run, named by the system property {@code continuum.test.database}
 * ({@code h2}, the default, or {@code postgresql}): the build runs the browser tests once per
 * database. PostgreSQL is found through the suite's variables ({@code CONTINUUM_TEST_POSTGRESQL_URL},
 * {@code _USER}, {@code _PASSWORD}); when it is not configured or not reachable the tests are skipped
 * with a message, unless {@code CONTINUUM_TEST_REQUIRE} names it.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    /** The database of this run. */
    public static TestDatabase current() {
        return valueOf(System.getProperty("continuum.test.database", "h2").trim().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code CONTINUUM_TEST_REQUIRE} demands this database. */
    public boolean required() {
        return Arrays.stream(env("CONTINUUM_TEST_REQUIRE", "").split(","))
                .map(name -> name.trim().toUpperCase(Locale.ROOT))
                .anyMatch(name -> name.equals(name()) || name.equals("ALL"));
    }

    /** Why the database cannot be used, or null when it answers. */
    public String unavailability() {
        if (this == H2) {
            return null;
        }
        String url = env("CONTINUUM_TEST_POSTGRESQL_URL", null);
        if (url == null) {
            return "PostgreSQL browser tests skipped: set CONTINUUM_TEST_POSTGRESQL_URL (and _USER, _PASSWORD)";
        }
        try (Connection connection = DriverManager.getConnection(url, user(), password())) {
            return connection.isValid(5) ? null : "PostgreSQL at " + url + " does not answer";
        } catch (SQLException e) {
            return "PostgreSQL at " + url + " is not reachable: " + e.getMessage();
        }
    }

    /**
     * The Spring Boot properties that point the application at this database: for PostgreSQL its
     * server, with the tables created anew; for H2 the application's own in-memory database.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (this == POSTGRESQL) {
            properties.put("spring.datasource.url", env("CONTINUUM_TEST_POSTGRESQL_URL", ""));
            properties.put("spring.datasource.username", user());
            properties.put("spring.datasource.password", password());
            properties.put("spring.jpa.hibernate.ddl-auto", "create");
        }
        return properties;
    }


    private static String user() {
        return env("CONTINUUM_TEST_POSTGRESQL_USER", "postgres");
    }

    private static String password() {
        return env("CONTINUUM_TEST_POSTGRESQL_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
