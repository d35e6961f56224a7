package dev.continuum.hibernate.schema;

import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;

import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code hibernate.globally_quoted_identifiers=true} Continuum's tables, columns and
 * sequence are quoted as Hibernate quotes the mapping's.
 */
@Model(Note.class)
class QuotedIdentifiersTest {

    private static final String[] GLOBAL_QUOTING = {"hibernate.globally_quoted_identifiers", "true"};

    @DatabaseTest
    void continuumsObjectsAreCreatedQuotedAndPassTheCheck(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "gq", List.of(Gauge.class), GLOBAL_QUOTING);
        try {
            unit(db, "none", "gq", List.of(Gauge.class), GLOBAL_QUOTING).close();

            String quote = db.database() == TestDatabase.MARIADB ? "`" : "\"";
            // quoted lower-case names, which H2 would otherwise store in upper case
            assertThat(db.count(quote + "gauge_version" + quote)).isZero();
            assertThat(db.count(quote + "gq_tx" + quote)).isZero();
            assertThat(db.count(quote + "gq_undo" + quote)).isZero();
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void historyIsWrittenAndReadUnderGlobalQuoting(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "gq", List.of(Gauge.class), GLOBAL_QUOTING)) {
            assertThat(Units.gaugeHistory(factory)).containsExactly("first", "second");
            boolean undone = Db.inTransaction(factory, em -> VersionHistory.of(em).undo(Gauge.class, 1L)
                    .isPresent());
            assertThat(undone).isTrue();
        }
    }
}
