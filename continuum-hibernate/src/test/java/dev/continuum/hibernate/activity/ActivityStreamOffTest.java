package dev.continuum.hibernate.activity;

import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.ConfigurationException;
import dev.continuum.NewActivity;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without continuum.activities the stream says how to turn it on. */
@Model(Note.class)
class ActivityStreamOffTest {

    @DatabaseTest
    void recordingOrReadingNamesTheSetting(Db db) {
        db.run(em -> em.persist(new Note(1L, "a")));

        assertThatThrownBy(() -> db.run(em -> ActivityStream.of(em).record(NewActivity.of("publish", Note.class, 1L))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("continuum.activities=true");
        assertThatThrownBy(() -> db.read(history -> history.activities().read(ActivityFilter.all(), 0, 1)))
                .isInstanceOf(ConfigurationException.class);
    }
}
