package dev.continuum.hibernate.writes;

import dev.continuum.VersioningException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.VersionRows;
import org.hibernate.StatelessSession;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@code StatelessSession}'s insert, update, delete and upsert each record their version. */
@Model(Note.class)
class StatelessWritesTest {

    @DatabaseTest
    void aStatelessDeleteRecordsADeleteVersionWithTheStoredState(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> session.insert(new Note(1L, "kept")));
        // the instance handed to delete carries only the id: the version holds the row as stored
        db.sessionFactory().inStatelessTransaction(session -> session.delete(new Note(1L, null)));

        assertThat(db.count("note")).isZero();
        List<Map<String, Object>> versions = NoteVersions.of(db, 1L);
        assertThat(versions).extracting(VersionRows::operation).containsExactly(0, 2);
        assertThat(versions).extracting(row -> row.get("text")).containsExactly("kept", "kept");
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 1L);
    }

    @DatabaseTest
    void aStatelessUpsertOfANewRowRecordsAnInsertAndOfAnExistingRowAnUpdate(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> session.upsert(new Note(2L, "first")));
        db.sessionFactory().inStatelessTransaction(session -> session.upsert(new Note(2L, "second")));
        // an upsert that changes nothing records nothing
        db.sessionFactory().inStatelessTransaction(session -> session.upsert(new Note(2L, "second")));

        assertThat(db.rows("select text from note")).extracting(row -> row.get("text")).containsExactly("second");
        List<Map<String, Object>> versions = NoteVersions.of(db, 2L);
        assertThat(versions).extracting(VersionRows::operation).containsExactly(0, 1);
        assertThat(versions).extracting(row -> row.get("text")).containsExactly("first", "second");
        assertThat(db.count("transaction")).isEqualTo(2);
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 2L);
    }

    @DatabaseTest
    void insertUpdateUpsertAndDeleteInOneStatelessTransactionMergeLikeAnyOther(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> session.insert(new Note(3L, "a")));
        db.sessionFactory().inStatelessTransaction(session -> {
            session.update(new Note(3L, "b"));
            session.upsert(new Note(3L, "c"));
            session.upsert(new Note(4L, "new"));
            session.delete(new Note(4L, null));
        });

        assertThat(NoteVersions.of(db, 3L)).extracting(row -> row.get("text")).containsExactly("a", "c");
        assertThat(NoteVersions.of(db, 4L)).isEmpty();
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 3L);
    }

    @DatabaseTest
    void aStatelessWriteOutsideATransactionIsRefusedBeforeItsSqlRuns(Db db) throws Exception {
        db.sessionFactory().inStatelessTransaction(session -> session.insert(new Note(5L, "stored")));
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(true);
            try (StatelessSession session = db.sessionFactory().withStatelessOptions().connection(connection)
                    .openStatelessSession()) {
                assertThatThrownBy(() -> session.insert(new Note(6L, "autocommit")))
                        .isInstanceOf(VersioningException.class)
                        .hasMessageContaining("Note #6").hasMessageContaining("outside a transaction")
                        .hasMessageContaining("beginTransaction");
                assertThatThrownBy(() -> session.update(new Note(5L, "autocommit"))).isInstanceOf(VersioningException.class);
                assertThatThrownBy(() -> session.upsert(new Note(5L, "autocommit"))).isInstanceOf(VersioningException.class);
                assertThatThrownBy(() -> session.delete(new Note(5L, null))).isInstanceOf(VersioningException.class);
            }
        }
        try (StatelessSession session = db.sessionFactory().openStatelessSession()) {
            assertThatThrownBy(() -> session.insert(new Note(7L, "no transaction")))
                    .isInstanceOf(VersioningException.class);
        }

        assertThat(db.rows("select id, text from note")).extracting(row -> row.get("text")).containsExactly("stored");
        assertThat(NoteVersions.of(db, 5L)).hasSize(1);
        assertThat(db.count("note_version")).isEqualTo(1);
    }

    @DatabaseTest
    void aStatelessSessionOnItsOwnConnectionWritesHistoryInsideItsTransaction(Db db) throws Exception {
        try (Connection connection = db.connect();
                StatelessSession session = db.sessionFactory().withStatelessOptions().connection(connection)
                        .openStatelessSession()) {
            session.beginTransaction();
            session.insert(new Note(8L, "own connection"));
            session.getTransaction().commit();
        }

        assertThat(NoteVersions.of(db, 8L)).extracting(row -> row.get("text")).containsExactly("own connection");
    }
}
