package dev.continuum.hibernate.writes;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction table's user and address columns are as long as the settings say, and values are made to fit. */
@Model(value = Note.class, properties = {"continuum.user_id_length=40", "continuum.remote_addr_length=20"})
class AttributionLengthsTest {

    @DatabaseTest
    void valuesAreMadeToFitColumnsOfTheConfiguredLengths(Db db) {
        ChangeContext.run("v".repeat(100), "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1, 192.0.2.1",
                () -> db.run(em -> em.persist(new Note(20L, "short columns"))));

        Map<String, Object> row = db.rows("select user_id, remote_addr from transaction").get(0);
        assertThat((String) row.get("user_id")).hasSize(40).startsWith("vvvv");
        assertThat(row.get("remote_addr")).isEqualTo("2001:db8:aaaa:bbbb:c");
        assertThat(db.count("note_version")).isEqualTo(1);
        // the columns are as long as the settings say: a value one longer does not fit
        assertThatThrownBy(() -> db.execute("insert into transaction (id, issued_at, user_id) values (99, "
                + "current_timestamp, '" + "w".repeat(41) + "')")).isInstanceOf(IllegalStateException.class);
        db.execute("insert into transaction (id, issued_at, user_id) values (99, current_timestamp, '"
                + "w".repeat(40) + "')");
    }
}
