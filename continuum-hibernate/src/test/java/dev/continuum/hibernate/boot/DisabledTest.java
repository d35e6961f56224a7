package dev.continuum.hibernate.boot;

import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code continuum.enabled=false} leaves the persistence unit exactly as without Continuum. */
@Model(value = Note.class, properties = "continuum.enabled=false")
class DisabledTest {

    @DatabaseTest
    void noVersionTableAndNoVersionsWhenDisabled(Db db) {
        db.run(em -> em.persist(new Note(1L, "plain")));

        assertThat(db.count("note")).isEqualTo(1);
        assertThatThrownBy(() -> db.count("note_version")).hasMessageContaining("note_version");
    }
}
