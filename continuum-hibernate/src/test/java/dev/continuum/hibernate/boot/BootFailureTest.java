package dev.continuum.hibernate.boot;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumException;
import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Misconfiguration and a schema that does not match fail the boot with an actionable message. */
@Model(Note.class)
class BootFailureTest {

    private static <T extends ContinuumException> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " in the cause chain of " + thrown, thrown);
    }

    /**
     * A persistence unit of {@link Gadget} with its own transaction table, so that creating and
     * dropping it leaves the test class's unit alone.
     */
    private static EntityManagerFactory gadgets(Db db, String action, String... settings) {
        Map<String, Object> properties = new HashMap<>(Map.of("hibernate.hbm2ddl.auto", action,
                "continuum.transaction_table", "gadget_tx", "continuum.transaction_sequence", "gadget_tx_seq"));
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        return db.build(properties, List.of(Gadget.class));
    }

    @DatabaseTest
    void versionedOnAClassThatIsNotAnEntityFailsTheBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Note.class, NotAnEntity.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .isEqualTo("dev.continuum.hibernate.boot.NotAnEntity is annotated @Versioned but is not an @Entity, "
                        + "so nothing of it can be versioned; annotate it with @jakarta.persistence.Entity, or remove "
                        + "@Versioned (on an @Embeddable or @MappedSuperclass, put @Versioned on the entities that use it)");
    }

    @DatabaseTest
    void anExcludedNameThatIsNotAPropertyFailsTheBootWithASuggestion(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Misspelled.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .isEqualTo("Misspelled is @Versioned(exclude = \"titel\") but Misspelled has no persistent property "
                        + "'titel'; did you mean 'title'? Its properties are [id, title].");
    }

    @DatabaseTest
    void excludingTheIdentifierFailsTheBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(ExcludesId.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .contains("ExcludesId is @Versioned(exclude = \"id\")")
                .contains("'id' is its identifier")
                .contains("remove it from exclude");
    }

    @DatabaseTest
    void validatePassesAfterCreate(Db db) throws Exception {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            try (EntityManagerFactory validated = gadgets(db, "validate")) {
                validated.getSchemaManager().validate();
                Db.inTransaction(validated, em -> {
                    Gadget gadget = new Gadget();
                    gadget.id = 1L;
                    gadget.name = "lamp";
                    em.persist(gadget);
                    return null;
                });
            }
            assertThat(db.count("gadget_version")).isEqualTo(1);
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void theSchemaManagerExportsAndDropsVersionTables(Db db) throws Exception {
        try (EntityManagerFactory factory = gadgets(db, "none", "continuum.schema_validation", "false")) {
            factory.getSchemaManager().drop(true);
            factory.getSchemaManager().create(true);
            assertThat(db.count("gadget_version")).isZero();
            assertThat(db.count("gadget_tx")).isZero();
            factory.getSchemaManager().validate();
            factory.getSchemaManager().drop(true);
            assertThatThrownBy(() -> db.count("gadget_version")).hasMessageContaining("gadget_version");
        }
    }

    @DatabaseTest
    void aMissingVersionTableFailsValidationNamingTheEntityAndTheFix(Db db) {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            db.execute("drop table gadget_version");

            Throwable thrown = catchThrowable(() -> gadgets(db, "validate").close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage())
                    .contains("Entity Gadget is @Versioned but its version table 'gadget_version' does not exist. Fix: "
                            + "create table gadget_version (")
                    .contains("hibernate.hbm2ddl.auto=update");
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void aShadowColumnThatDriftedFromItsLiveColumnFailsValidation(Db db) {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            db.execute("alter table gadget_version drop column name");
            db.execute("alter table gadget_version add column name varchar(20)");

            Throwable thrown = catchThrowable(() -> gadgets(db, "none").close());

            String message = cause(thrown, SchemaMismatchException.class).getMessage();
            assertThat(message).containsPattern("Column 'name' of version table 'gadget_version' is [\\w ]+\\(20\\) but "
                    + "Gadget.name is [\\w ]+\\(200\\) in table 'gadget'; history would be truncated or rejected. "
                    + "Fix: alter table (if exists )?gadget_version (alter|modify) column name (set data type )?"
                    + "varchar\\(200\\)");
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void aMissingShadowColumnFailsValidationWithTheDdlToAddIt(Db db) {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            db.execute("alter table gadget_version drop column weight");

            Throwable thrown = catchThrowable(() -> gadgets(db, "validate").close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage())
                    .contains("Version table 'gadget_version' of entity Gadget has no column 'weight' (for Gadget.weight)."
                            + " Fix: alter table if exists gadget_version add column weight integer");
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void updateAddsAMissingShadowColumn(Db db) {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            db.execute("alter table gadget_version drop column weight");
            gadgets(db, "update").close();

            assertThat(db.rows("select weight from gadget_version")).isEmpty();
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void theCheckCanBeTurnedOff(Db db) {
        EntityManagerFactory created = gadgets(db, "create-drop");
        try {
            db.execute("drop table gadget_version");

            gadgets(db, "none", "continuum.schema_validation", "false").close();
        } finally {
            created.close();
        }
    }
}
