package dev.continuum.hibernate.activity;

import dev.continuum.ActivityStream;
import dev.continuum.HistoryAdmin;
import dev.continuum.NewActivity;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import static org.assertj.core.api.Assertions.assertThat;

/** With tamper evidence on, a transaction that only records activities is hashed like any other. */
@Model(value = Note.class, properties = {"continuum.activities=true", "continuum.integrity=hash-chain"})
class ActivityIntegrityTest {

    @DatabaseTest
    void aTransactionWithOnlyActivitiesKeepsTheHistoryVerifiable(Db db) {
        db.run(em -> em.persist(new Note(1L, "a")));
        db.run(em -> ActivityStream.of(em).record(NewActivity.of("view", Note.class, 1L)));
        db.run(em -> em.find(Note.class, 1L).setText("b"));

        assertThat(db.count("transaction")).isEqualTo(3);
        assertThat(HistoryAdmin.of(db.emf()).verify().intact()).isTrue();
    }
}
