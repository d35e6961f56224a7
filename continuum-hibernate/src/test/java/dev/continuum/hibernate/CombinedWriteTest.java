package dev.continuum.hibernate;

import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL the transaction row, the closings and small inserts go out as one statement; the
 * history it writes is the same as the one the separate statements write elsewhere.
 */
@Model(value = Note.class, properties = StatementCounter.PROPERTY)
class CombinedWriteTest {

    private static List<String> historyStatements() {
        return StatementCounter.statements().stream()
                .filter(sql -> sql.contains("note_version") || sql.contains("into transaction"))
                .toList();
    }

    private static void insertNotes(Db db, long count) {
        db.run(em -> LongStream.rangeClosed(1, count).forEach(id -> em.persist(new Note(id, "note " + id))));
    }

    private static void assertOneOpenVersionPerNoteAndAnUnbrokenChain(Db db) {
        List<Map<String, Object>> rows = db.rows("select id, transaction_id, end_transaction_id from note_version "
                + "order by id, transaction_id");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            boolean last = i == rows.size() - 1 || !number(rows.get(i + 1).get("id")).equals(number(row.get("id")));
            if (last) {
                assertThat(row.get("end_transaction_id")).as("open version of note %s", row.get("id")).isNull();
            } else {
                assertThat(number(row.get("end_transaction_id"))).as("end of a version of note %s", row.get("id"))
                        .isEqualTo(number(rows.get(i + 1).get("transaction_id")));
            }
        }
    }


    @DatabaseTest
    void aSingleChangeCostsOneHistoryStatementOnPostgreSQLAndThreeElsewhere(Db db) {
        insertNotes(db, 1);

        StatementCounter.reset();
        db.run(em -> em.find(Note.class, 1L).setText("edited"));

        assertThat(historyStatements()).hasSize(db.database() == TestDatabase.POSTGRESQL ? 1 : 3);
        List<Map<String, Object>> rows = db.rows("select text, operation_type from note_version order by "
                + "transaction_id");
        assertThat(rows).extracting(row -> row.get("text")).containsExactly("note 1", "edited");
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }

    @DatabaseTest
    void aHundredChangesGoOutInTheCombinedStatement(Db db) {
        insertNotes(db, 100);

        StatementCounter.reset();
        db.run(em -> LongStream.rangeClosed(1, 100).forEach(id -> em.find(Note.class, id).setText("edited " + id)));

        if (db.database() == TestDatabase.POSTGRESQL) {
            assertThat(historyStatements()).hasSize(1);
            assertThat(historyStatements().get(0)).startsWith("with ");
        }
        assertThat(db.count("note_version")).isEqualTo(200);
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }

    @DatabaseTest
    void moreChangesThanTheStatementTakesCloseInItAndInsertAfterIt(Db db) {
        insertNotes(db, 130);

        StatementCounter.reset();
        db.run(em -> LongStream.rangeClosed(1, 130).forEach(id -> em.find(Note.class, id).setText("edited " + id)));

        if (db.database() == TestDatabase.POSTGRESQL) {
            assertThat(historyStatements()).hasSize(2);
            assertThat(historyStatements().get(0)).startsWith("with ");
        }
        assertThat(db.count("note_version")).isEqualTo(260);
        assertThat(db.rows("select text from note_version where id = 130 order by transaction_id"))
                .extracting(row -> row.get("text")).containsExactly("note 130", "edited 130");
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }

    @DatabaseTest
    void anIdDeletedEarlierAndInsertedAgainClosesOnlyItsDeleteVersion(Db db) {
        insertNotes(db, 3);
        db.run(em -> em.remove(em.find(Note.class, 2L)));

        db.run(em -> em.persist(new Note(2L, "again")));
        db.run(em -> {
            em.find(Note.class, 1L).setText("one");
            em.find(Note.class, 2L).setText("two");
            em.remove(em.find(Note.class, 3L));
        });

        List<Map<String, Object>> note2 = db.rows("select text, operation_type from note_version where id = 2 "
                + "order by transaction_id");
        assertThat(note2).extracting(row -> row.get("text") + ":" + ((Number) row.get("operation_type")).intValue())
                .containsExactly("note 2:0", "note 2:2", "again:0", "two:1");
        assertThat(db.count("note_version")).isEqualTo(8);
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }

    @DatabaseTest
    void deletesOfUnchangedNotesAreMadeFromTheVersionsTheyClose(Db db) {
        insertNotes(db, 20);

        StatementCounter.reset();
        db.run(em -> LongStream.rangeClosed(1, 20).forEach(id -> {
            Note note = em.find(Note.class, id);
            if (id == 7) {
                note.setText("changed before its delete");
                em.flush();
            }
            em.remove(note);
        }));

        if (db.database() == TestDatabase.POSTGRESQL) {
            // one statement: the 19 unchanged deletes copied from their closed versions, note 7's
            // delete (its last state differs from its open version) inlined from its values
            assertThat(historyStatements()).hasSize(1);
            assertThat(historyStatements().get(0)).contains("returning");
        }
        List<Map<String, Object>> deletes = db.rows("select id, text from note_version where operation_type = 2 "
                + "order by id");
        assertThat(deletes).hasSize(20);
        for (Map<String, Object> row : deletes) {
            long id = number(row.get("id")).longValue();
            assertThat(row.get("text")).as("delete version of note %s", id)
                    .isEqualTo(id == 7 ? "changed before its delete" : "note " + id);
        }
        assertThat(db.count("note_version")).isEqualTo(40);
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }

    @DatabaseTest
    void aRowWithoutHistoryGetsItsDeleteVersionFromItsValues(Db db) {
        insertNotes(db, 2);
        // a row written around the library: no version to close, none to copy
        db.execute("insert into note (id, text) values (3, 'unversioned')");

        db.run(em -> LongStream.rangeClosed(1, 3).forEach(id -> em.remove(em.find(Note.class, id))));

        List<Map<String, Object>> deletes = db.rows("select id, text from note_version where operation_type = 2 "
                + "order by id");
        assertThat(deletes).extracting(row -> number(row.get("id")).longValue() + ":" + row.get("text"))
                .containsExactly("1:note 1", "2:note 2", "3:unversioned");
        assertThat(db.count("note_version")).isEqualTo(5);
        assertOneOpenVersionPerNoteAndAnUnbrokenChain(db);
    }
}
