package dev.continuum.hibernate.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every name Continuum generates is checked against the database's identifier length at boot: a
 * version table or setting too long for it fails naming the fix, and the constraint and index
 * names Continuum derives itself are shortened with a stable hash.
 */
@Model(Note.class)
class IdentifierLimitTest {

    @DatabaseTest(only = {TestDatabase.POSTGRESQL, TestDatabase.MARIADB})
    void aVersionTableNameOverTheLimitFailsTheBootNamingTheFix(Db db) {
        Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "lim", List.of(LongNames.Overflowing.class))
                .close());

        int limit = db.database() == TestDatabase.POSTGRESQL ? 63 : 64;
        assertThat(cause(thrown, ConfigurationException.class).getMessage()).isEqualTo("The version table of "
                + "LongNames$Overflowing: the name '" + LongNames.TABLE + "_version' has 66 characters, more than the "
                + limit + " that " + (limit == 63 ? "PostgreSQL" : "MariaDB") + " allows for identifiers (a longer name "
                + "is silently cut, here to '" + (LongNames.TABLE + "_version").substring(0, limit) + "', or refused, "
                + "depending on the database); name it with @Versioned(table = \"...\") on LongNames$Overflowing, or "
                + "choose a shorter continuum.table_suffix");
    }

    @DatabaseTest
    void aVersionTableNamedToFitRecordsHistory(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "lim", List.of(LongNames.Renamed.class))) {
            Db.inTransaction(factory, em -> {
                LongNames.Renamed entity = new LongNames.Renamed();
                entity.id = 1L;
                entity.label = "first";
                em.persist(entity);
                return null;
            });
            int versions = Db.inTransaction(factory, em -> VersionHistory.of(em)
                    .versions(LongNames.Renamed.class, 1L).size());
            assertThat(versions).isEqualTo(1);
        }
    }

    @DatabaseTest
    void derivedIndexAndConstraintNamesAreShortenedToFit(Db db) throws Exception {
        try (EntityManagerFactory factory = unit(db, "create-drop", "lim", List.of(LongNames.Derived.class))) {
            Db.inTransaction(factory, em -> {
                LongNames.Derived entity = new LongNames.Derived();
                entity.id = 1L;
                em.persist(entity);
                return null;
            });
            List<String> indexes = new ArrayList<>();
            try (Connection connection = db.connect()) {
                String table = "quarterly_regional_inventory_adjustment_measurement_versions";
                if (db.database() == TestDatabase.H2) {
                    table = table.toUpperCase(Locale.ROOT);
                }
                try (ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, table, false,
                        false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            // the same at every boot and on every database: cut to 60 characters, ended with a hash of the full name
            assertThat(indexes).contains("ix_quarterly_regional_inventory_adjustment_measurem_afcd89b8",
                    "ix_quarterly_regional_inventory_adjustment_measurem_ab9f0f9c");
        }
    }

    @DatabaseTest(only = {TestDatabase.POSTGRESQL, TestDatabase.MARIADB})
    void aSettingOverTheLimitFailsTheBootNamingTheSetting(Db db) {
        String sequence = "sequence_of_transaction_ids_for_the_quarterly_regional_inventory_ledger";
        Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "lim", List.of(Widget.class),
                "continuum.transaction_sequence", sequence).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .startsWith("continuum.transaction_sequence is '" + sequence + "': the name '" + sequence + "' has 71 "
                        + "characters, more than the ")
                .endsWith("; choose a shorter name with continuum.transaction_sequence");
    }
}
