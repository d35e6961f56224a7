package dev.continuum.hibernate;

import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Status;
import dev.continuum.hibernate.model.Unversioned;
import dev.continuum.hibernate.testing.VersionRows;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;

/** One version row per changed entity per transaction, merged as ARCHITECTURE.md says. */
@Model({Article.class, Author.class, Note.class, Unversioned.class})
class MergingRulesTest {

    private static List<Map<String, Object>> noteVersions(Db db) {
        return db.rows("select id, text, transaction_id, end_transaction_id, operation_type "
                + "from note_version order by transaction_id");
    }

    @DatabaseTest
    void insertWritesOneInsertVersionAndOneTransaction(Db db) {
        db.run(em -> em.persist(new Note(1L, "hello")));

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("text")).isEqualTo("hello");
        assertThat(operation(versions.get(0))).isZero();
        assertThat(versions.get(0).get("end_transaction_id")).isNull();
        assertThat(db.count("transaction")).isEqualTo(1);
        assertThat(((Number) versions.get(0).get("transaction_id")).longValue())
                .isEqualTo(((Number) db.rows("select id from transaction").get(0).get("id")).longValue());
    }

    @DatabaseTest
    void insertThenUpdateInOneTransactionIsOneInsertWithTheFinalState(Db db) {
        db.run(em -> {
            Note note = new Note(1L, "first");
            em.persist(note);
            em.flush();
            note.setText("final");
        });

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).hasSize(1);
        assertThat(operation(versions.get(0))).isEqualTo(0);
        assertThat(versions.get(0).get("text")).isEqualTo("final");
    }

    @DatabaseTest
    void insertThenDeleteInOneTransactionWritesNothing(Db db) {
        db.run(em -> {
            Note note = new Note(1L, "short-lived");
            em.persist(note);
            em.flush();
            em.remove(note);
        });

        assertThat(db.count("note_version")).isZero();
        assertThat(db.count("transaction")).isZero();
    }

    @DatabaseTest
    void updateThenUpdateInOneTransactionIsOneUpdate(Db db) {
        db.run(em -> em.persist(new Note(1L, "v1")));
        db.run(em -> {
            Note note = em.find(Note.class, 1L);
            note.setText("v2");
            em.flush();
            note.setText("v3");
        });

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).extracting(v -> v.get("text")).containsExactly("v1", "v3");
        assertThat(operation(versions.get(1))).isEqualTo(1);
    }

    @DatabaseTest
    void updateThenDeleteInOneTransactionIsADeleteKeepingTheLastState(Db db) {
        db.run(em -> em.persist(new Note(1L, "v1")));
        db.run(em -> {
            Note note = em.find(Note.class, 1L);
            note.setText("v2");
            em.flush();
            em.remove(note);
        });

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).hasSize(2);
        assertThat(operation(versions.get(1))).isEqualTo(2);
        assertThat(versions.get(1).get("text")).isEqualTo("v2");
    }

    @DatabaseTest
    void deleteKeepsTheLastStateOfTheRow(Db db) {
        db.run(em -> em.persist(new Note(1L, "keep me")));
        db.run(em -> em.remove(em.find(Note.class, 1L)));

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).hasSize(2);
        assertThat(operation(versions.get(1))).isEqualTo(2);
        assertThat(versions.get(1).get("text")).isEqualTo("keep me");
    }

    @DatabaseTest
    void deleteThenReinsertOfTheSameIdInOneTransactionIsOneUpdate(Db db) {
        db.run(em -> em.persist(new Note(1L, "old")));
        db.run(em -> {
            em.remove(em.find(Note.class, 1L));
            em.flush();
            em.persist(new Note(1L, "new"));
        });

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).hasSize(2);
        assertThat(operation(versions.get(1))).isEqualTo(1);
        assertThat(versions.get(1).get("text")).isEqualTo("new");
        assertThat(versions.get(0).get("end_transaction_id")).isEqualTo(versions.get(1).get("transaction_id"));
    }

    @DatabaseTest
    void reinsertAfterADeleteInALaterTransactionClosesTheDeleteVersion(Db db) {
        db.run(em -> em.persist(new Note(1L, "one")));
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        db.run(em -> em.persist(new Note(1L, "again")));

        List<Map<String, Object>> versions = noteVersions(db);
        assertThat(versions).extracting(VersionRows::operation).containsExactly(0, 2, 0);
        assertThat(versions.get(1).get("end_transaction_id")).isEqualTo(versions.get(2).get("transaction_id"));
        assertThat(versions.get(2).get("end_transaction_id")).isNull();
    }

    @DatabaseTest
    void severalFlushesInOneTransactionShareOneTransactionRow(Db db) {
        db.run(em -> {
            em.persist(new Note(1L, "a"));
            em.flush();
            em.persist(new Note(2L, "b"));
            em.flush();
            em.persist(new Article("title", "body"));
        });

        assertThat(db.count("transaction")).isEqualTo(1);
        assertThat(db.rows("select distinct transaction_id from note_version")).hasSize(1);
        assertThat(db.rows("select transaction_id from article_version").get(0).get("transaction_id"))
                .isEqualTo(db.rows("select transaction_id from note_version").get(0).get("transaction_id"));
    }

    @DatabaseTest
    void aTransactionThatChangesOnlyUnversionedEntitiesWritesNoTransactionRow(Db db) {
        db.run(em -> em.persist(new Unversioned("plain")));

        assertThat(db.count("transaction")).isZero();
    }

    @DatabaseTest
    void manyToOneForeignKeyIsVersionedAsAColumn(Db db) {
        Long authorId = db.inTransaction(em -> {
            Author author = new Author("Ada");
            em.persist(author);
            Article article = new Article("t", "b");
            article.setAuthor(author);
            article.setStatus(Status.PUBLISHED);
            em.persist(article);
            return author.getId();
        });

        Map<String, Object> row = db.rows("select author_id, status from article_version").get(0);
        assertThat(((Number) row.get("author_id")).longValue()).isEqualTo(authorId);
        assertThat(row.get("status")).isEqualTo("PUBLISHED");
    }
}
