package dev.continuum.hibernate.nativemode;

import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What native versioning cannot serve fails the boot, naming the entity and the setting. */
@Model(Remark.class)
class NativeRefusalTest {

    private static String refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException e) {
                return e.getMessage();
            }
        }
        throw new AssertionError("expected a ConfigurationException, got " + thrown, thrown);
    }

    private static String boot(Db db, Map<String, String> settings) {
        return refusal(catchThrowable(() -> db.build(settings, List.of(Ticket.class)).close()));
    }

    @DatabaseTest(only = TestDatabase.H2)
    void aDatabaseWithoutTriggersOfContinuumsFailsTheBoot(Db db) {
        // HSQLDB's dialect over H2's connection: the refusal comes from the dialect, before any statement
        assertThat(boot(db, Map.of("hibernate.dialect", "org.hibernate.dialect.HSQLDialect")))
                .startsWith("Ticket is versioned natively (continuum.native_versioning or "
                        + "@Versioned(nativeVersioning)), but native versioning has triggers for PostgreSQL, MariaDB "
                        + "and H2 only, and this database's dialect is HSQLDialect.")
                .contains("@Versioned(nativeVersioning = DISABLED)");
    }

    @DatabaseTest
    void modificationFlagsAreRefused(Db db) {
        assertThat(boot(db, Map.of("continuum.modified_flags", "true"))).isEqualTo("Ticket is versioned natively, "
                + "which does not support it: its version table has modification flags (@Versioned(modifiedFlags) or "
                + "continuum.modified_flags). Version Ticket through Hibernate's events instead: "
                + "@Versioned(nativeVersioning = DISABLED) (or leave nativeVersioning at DEFAULT with "
                + "continuum.native_versioning off).");
    }

    @DatabaseTest
    void tamperEvidenceAndTransactionChangesAreRefused(Db db) {
        assertThat(boot(db, Map.of("continuum.integrity", "hash-chain", "continuum.transaction_changes", "true")))
                .contains("tamper evidence is on (continuum.integrity=hash-chain)")
                .contains("transactions record the entity types they changed (continuum.transaction_changes)");
    }

    @DatabaseTest
    void theSubqueryStrategyIsRefused(Db db) {
        assertThat(boot(db, Map.of("continuum.strategy", "subquery"))).startsWith("Ticket is versioned natively, "
                + "which does not support it: version tables keep no end column (continuum.strategy=subquery)");
    }

    @DatabaseTest
    void aCompactPropertyIsRefused(Db db) {
        String refusal = refusal(catchThrowable(() -> db.build(Map.of(), List.of(Dossier.class)).close()));
        assertThat(refusal).startsWith("Dossier is versioned natively, which does not support it: its property body "
                + "is @Compact");
    }
}
