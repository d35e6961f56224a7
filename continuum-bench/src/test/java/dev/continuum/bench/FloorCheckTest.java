package dev.continuum.bench;

import dev.continuum.bench.harness.Database;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The floor variant is only a floor if it writes what Continuum writes: the same transaction rows
 * and version rows, for every write workload. When Continuum's rows change, this fails until the
 * floor writes the new ones too.
 */
class FloorCheckTest {

    @Test
    void theFloorWritesContinuumsRowsOnH2() throws SQLException {
        assertThat(FloorCheck.check(Database.H2)).isEmpty();
    }

    @Test
    void theFloorWritesContinuumsRowsOnPostgresql() throws SQLException {
        assertThat(FloorCheck.check(configured(Database.POSTGRESQL))).isEmpty();
    }

    @Test
    void theFloorWritesContinuumsRowsOnMariadb() throws SQLException {
        assertThat(FloorCheck.check(configured(Database.MARIADB))).isEmpty();
    }

    /** The server database, when its URL is configured as for the tests of continuum-hibernate. */
    private static Database configured(Database database) {
        String name = database.name();
        String url = System.getenv("CONTINUUM_TEST_" + name + "_URL");
        String required = System.getenv().getOrDefault("CONTINUUM_TEST_REQUIRE", "");
        boolean mustRun = required.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
        if (mustRun && (url == null || url.isBlank())) {
            throw new IllegalStateException("CONTINUUM_TEST_REQUIRE names " + name.toLowerCase(Locale.ROOT)
                    + " but CONTINUUM_TEST_" + name + "_URL is not set");
        }
        assumeTrue(url != null && !url.isBlank(), "no " + name.toLowerCase(Locale.ROOT) + " configured");
        return database;
    }
}
