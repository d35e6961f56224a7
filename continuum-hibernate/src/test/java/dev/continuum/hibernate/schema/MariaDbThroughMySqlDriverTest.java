package dev.continuum.hibernate.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.PersistenceConfiguration;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The MySQL driver reports a MariaDB server as MySQL 5.5 ({@code 5.5.5-10.11...-MariaDB}), so
 * Hibernate describes it with an old {@code MySQLDialect}: the boot fails and names the dialect
 * to set.
 */
@Model(Note.class)
class MariaDbThroughMySqlDriverTest {

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theBootNamesTheMariaDbDialect(Db db) {
        String url = ((TestDatabase.Connectivity) db.database().resolve()).url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");

        Throwable thrown = catchThrowable(() -> db.build(Map.of(PersistenceConfiguration.JDBC_URL, url,
                "hibernate.hbm2ddl.auto", "none"), List.of(Note.class)).close());

        assertThat(Units.cause(thrown, ConfigurationException.class).getMessage())
                .contains("MariaDB server reached through the MySQL driver")
                .contains("5.5.5-10.")
                .contains("hibernate.dialect=org.hibernate.dialect.MariaDBDialect");
    }
}
