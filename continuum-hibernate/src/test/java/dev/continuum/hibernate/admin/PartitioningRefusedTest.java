package dev.continuum.hibernate.admin;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.admin.PartitionModel.Account;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Partitioned version tables are PostgreSQL's: elsewhere the setting stops the boot. */
@Model(Account.class)
class PartitioningRefusedTest {

    @DatabaseTest(only = {TestDatabase.H2, TestDatabase.MARIADB})
    void otherDatabasesRefuseTheSetting(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(ContinuumSettings.PARTITION_SPAN, "10")).close());
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isNotNull();
        assertThat(cause.getMessage()).startsWith(ContinuumSettings.PARTITION_SPAN + " is set, but version tables can "
                + "be partitioned by transaction id only on PostgreSQL");
    }
}
