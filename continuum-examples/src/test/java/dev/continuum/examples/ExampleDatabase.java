package dev.continuum.examples;

import jakarta.persistence.PersistenceConfiguration;
import org.junit.jupiter.api.Assumptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The databases the examples' tests run on. H2 is the one the example's {@code persistence.xml}
 * names; PostgreSQL and MariaDB are used when {@code CONTINUUM_TEST_<DB>_URL} (with {@code _USER}
 * and {@code _PASSWORD}) names one, as for the library's own tests. Without a URL their tests are
 * skipped, or fail when {@code CONTINUUM_TEST_REQUIRE} names the database.
 */
enum ExampleDatabase {
    H2("H2"),
    POSTGRESQL("PostgreSQL"),
    MARIADB("MariaDB");

    private final String displayName;

    ExampleDatabase(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }

    /**
     * The properties that point a persistence unit at this database.
     *
     * @return none for H2 (the unit's own URL), else the JDBC URL, user and password
     */
    Map<String, Object> properties() {
        if (this == H2) {
            return Map.of();
        }
        String url = variable(name() + "_URL");
        if (url.isEmpty()) {
            String why = "no CONTINUUM_TEST_" + name() + "_URL is set";
            if (required()) {
                throw new IllegalStateException(this + " is required by CONTINUUM_TEST_REQUIRE, but " + why);
            }
            Assumptions.abort(this + " skipped: " + why);
        }
        return Map.of(PersistenceConfiguration.JDBC_URL, url, PersistenceConfiguration.JDBC_USER, variable(name() + "_USER"),
                PersistenceConfiguration.JDBC_PASSWORD, variable(name() + "_PASSWORD"));
    }

    private boolean required() {
        return Arrays.stream(variable("REQUIRE").split(","))
                .map(name -> name.trim().toUpperCase(Locale.ROOT))
                .anyMatch(name -> name.equals(name()) || name.equals("ALL"));
    }

    private static String variable(String suffix) {
        String value = System.getenv("CONTINUUM_TEST_" + suffix);
        return value == null ? "" : value.trim();
    }
}
