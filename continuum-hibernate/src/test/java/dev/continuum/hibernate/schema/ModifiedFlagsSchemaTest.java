package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Turning modification flags on for a schema that has none: the boot check names each missing flag and its DDL. */
@Model(Note.class)
class ModifiedFlagsSchemaTest {

    private static final List<Class<?>> WIDGETS = List.of(Widget.class);

    @DatabaseTest
    void missingFlagColumnsFailTheBootWithTheDdlThatAddsThem(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "mf", WIDGETS);
        try {
            Throwable thrown = catchThrowable(() -> unit(db, "none", "mf", WIDGETS,
                    "continuum.modified_flags", "true").close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage())
                    .contains("Version table 'widget_version' of entity Widget has no column 'quantity_mod' (for the "
                            + "modification flag of Widget.quantity). Fix: alter table")
                    .containsPattern("add column quantity_mod (boolean|bit)");
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void schemaUpdateAddsTheFlagColumns(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "mf", WIDGETS);
        try {
            unit(db, "update", "mf", WIDGETS, "continuum.modified_flags", "true").close();

            unit(db, "none", "mf", WIDGETS, "continuum.modified_flags", "true").close();
            assertThat(db.rows("select quantity_mod from widget_version")).isEmpty();
        } finally {
            created.close();
        }
    }
}
