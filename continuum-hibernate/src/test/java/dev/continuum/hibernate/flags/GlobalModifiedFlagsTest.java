package dev.continuum.hibernate.flags;

import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code continuum.modified_flags=true} gives every versioned entity its flags. */
@Model(value = Note.class, properties = "continuum.modified_flags=true")
class GlobalModifiedFlagsTest {

    @DatabaseTest
    void theSettingFlagsTheEntitiesThatDoNotSayOtherwise(Db db) {
        db.run(em -> em.persist(new Note(1L, "hello")));
        db.run(em -> em.find(Note.class, 1L).setText("world"));

        List<Map<String, Object>> rows = db.rows("select text_mod from note_version order by transaction_id");
        assertThat(rows).extracting(row -> row.get("text_mod") instanceof Boolean b ? b : number(row.get("text_mod")) != 0)
                .containsExactly(true, true);
    }
}
