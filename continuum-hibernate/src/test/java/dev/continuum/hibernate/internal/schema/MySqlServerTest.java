package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which servers behind a MySQL dialect Continuum accepts, as their drivers report them. */
class MySqlServerTest {

    private static MySQLDialect mysql(int major, int minor) {
        return new MySQLDialect(DatabaseVersion.make(major, minor));
    }

    @Test
    void mySqlEightPasses() {
        assertThat(MySqlServer.check(mysql(8, 4), "MySQL", "8.4.3")).isEmpty();
    }

    @Test
    void anOlderMySqlFailsNamingTheMinimum() {
        assertThatThrownBy(() -> MySqlServer.check(mysql(5, 7), "MySQL", "5.7.44"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs MySQL 8.0 or later")
                .hasMessageContaining("5.7.44");
    }

    @Test
    void mariaDbThroughTheMySqlDriverFailsNamingTheMariaDbDialect() {
        assertThatThrownBy(() -> MySqlServer.check(mysql(5, 5), "MySQL", "5.5.5-10.11.6-MariaDB"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hibernate.dialect=org.hibernate.dialect.MariaDBDialect");
    }

    @Test
    void mariaDbDescribedByTheMySqlDialectIsAWarningNamingTheMariaDbDialect() {
        assertThat(MySqlServer.check(mysql(11, 4), "MySQL", "11.4.2-MariaDB")).hasValueSatisfying(warning ->
                assertThat(warning).contains("auto_increment").contains("org.hibernate.dialect.MariaDBDialect"));
        assertThat(MySqlServer.check(mysql(10, 11), "MariaDB", "10.11.6-MariaDB")).isPresent();
    }

    @Test
    void theMariaDbDialectAndAnUnknownServerAreNotChecked() {
        assertThat(MySqlServer.check(new MariaDBDialect(DatabaseVersion.make(10, 11)), "MariaDB", "10.11.6")).isEmpty();
        assertThat(MySqlServer.check(mysql(5, 5), null, null)).isEmpty();
    }
}
