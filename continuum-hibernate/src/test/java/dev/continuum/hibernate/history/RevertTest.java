package dev.continuum.hibernate.history;

import dev.continuum.ContinuumException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Status;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reverting the live entity to a version, each step in its own entity manager. */
@Model({Article.class, Author.class, Note.class})
class RevertTest {

    private static List<Version<Note>> noteVersions(Db db) {
        return db.inTransaction(em -> VersionHistory.of(em).versions(Note.class, 1L));
    }

    private static Long article(Db db, String title) {
        return db.inTransaction(em -> {
            Article article = new Article(title, "body");
            em.persist(article);
            return article.getId();
        });
    }

    @DatabaseTest
    void revertWritesTheVersionedStateBackAndCommittingRecordsAnUpdate(Db db) {
        db.run(em -> em.persist(new Note(1L, "first")));
        db.run(em -> em.find(Note.class, 1L).setText("second"));

        db.run(em -> VersionHistory.of(em).versions(Note.class, 1L).get(0).revert());

        String text = db.inTransaction(em -> em.find(Note.class, 1L).getText());
        assertThat(text).isEqualTo("first");
        assertThat(noteVersions(db)).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        assertThat(noteVersions(db).get(2).changeset().asMap()).containsOnlyKeys("text");
    }

    @DatabaseTest
    void revertAndUndoInAReadOnlySessionRefuseBeforeChangingAnything(Db db) {
        db.run(em -> em.persist(new Note(1L, "first")));
        db.run(em -> em.find(Note.class, 1L).setText("second"));

        db.run(em -> {
            em.unwrap(org.hibernate.Session.class).setDefaultReadOnly(true);
            VersionHistory history = VersionHistory.of(em);
            Version<Note> first = history.versions(Note.class, 1L).get(0);
            assertThatThrownBy(first::revert).isInstanceOf(ContinuumException.class)
                    .hasMessageContaining(Note.class.getName()).hasMessageContaining("read-only")
                    .hasMessageContaining("primary");
            assertThatThrownBy(() -> history.undo(Note.class, 1L)).isInstanceOf(ContinuumException.class)
                    .hasMessageContaining("read-only");
        });

        String text = db.inTransaction(em -> em.find(Note.class, 1L).getText());
        assertThat(text).isEqualTo("second");
        assertThat(noteVersions(db)).hasSize(2);
    }

    @DatabaseTest
    void revertInATransactionTheDatabaseRunsReadOnlyRefusesBeforeChangingAnything(Db db) {
        // PostgreSQL can make the running transaction read-only, as a hot standby does for every one
        org.junit.jupiter.api.Assumptions.assumeTrue(db.database() == TestDatabase.POSTGRESQL,
                "only PostgreSQL makes a running transaction read-only");
        db.run(em -> em.persist(new Note(1L, "first")));
        db.run(em -> em.find(Note.class, 1L).setText("second"));

        db.run(em -> {
            em.createNativeQuery("set transaction read only").executeUpdate();
            Version<Note> first = VersionHistory.of(em).versions(Note.class, 1L).get(0);
            assertThatThrownBy(first::revert).isInstanceOf(ContinuumException.class)
                    .hasMessageContaining("read-only");
        });

        assertThat(noteVersions(db)).hasSize(2);
    }

    @DatabaseTest
    void revertReturnsTheManagedLiveEntity(Db db) {
        db.run(em -> em.persist(new Note(1L, "first")));
        db.run(em -> em.find(Note.class, 1L).setText("second"));

        db.run(em -> {
            Optional<Note> reverted = VersionHistory.of(em).versions(Note.class, 1L).get(0).revert();
            assertThat(reverted).containsSame(em.find(Note.class, 1L));
        });
    }

    @DatabaseTest
    void revertKeepsTheCurrentValuesOfUnversionedProperties(Db db) {
        Long id = article(db, "old title");
        db.run(em -> {
            Article article = em.find(Article.class, id);
            article.setTitle("new title");
            article.setStatus(Status.ARCHIVED);
        });
        db.run(em -> {
            Article article = em.find(Article.class, id);
            article.setViewCount(7);
            article.setCachedSummary("summary");
        });

        db.run(em -> VersionHistory.of(em).versions(Article.class, id).get(0).revert());

        Article article = db.inTransaction(em -> em.find(Article.class, id));
        assertThat(article.getTitle()).isEqualTo("old title");
        assertThat(article.getStatus()).isEqualTo(Status.DRAFT);
        assertThat(article.getViewCount()).isEqualTo(7);
        assertThat(article.getCachedSummary()).isEqualTo("summary");
    }

    @DatabaseTest
    void revertRestoresAManyToOneAsAReferenceOfTheSession(Db db) {
        Long[] ids = db.inTransaction(em -> {
            Author ada = new Author("Ada");
            Author bob = new Author("Bob");
            em.persist(ada);
            em.persist(bob);
            Article article = new Article("t", "b");
            article.setAuthor(ada);
            em.persist(article);
            return new Long[] {article.getId(), ada.getId(), bob.getId()};
        });
        db.run(em -> em.find(Article.class, ids[0]).setAuthor(em.find(Author.class, ids[2])));

        db.run(em -> VersionHistory.of(em).versions(Article.class, ids[0]).get(0).revert());

        String author = db.inTransaction(em -> em.find(Article.class, ids[0]).getAuthor().getName());
        assertThat(author).isEqualTo("Ada");
    }

    @DatabaseTest
    void revertOfADeletedEntityRecreatesItWithItsAssignedIdAndRecordsAnInsert(Db db) {
        db.run(em -> em.persist(new Note(1L, "gone")));
        db.run(em -> em.remove(em.find(Note.class, 1L)));

        db.run(em -> VersionHistory.of(em).versions(Note.class, 1L).get(0).revert());

        String text = db.inTransaction(em -> em.find(Note.class, 1L).getText());
        assertThat(text).isEqualTo("gone");
        List<Version<Note>> versions = noteVersions(db);
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT);
        assertThat(versions.get(1).endTransactionId()).hasValue(versions.get(2).transactionId());
    }

    @DatabaseTest
    void revertOfADeletedEntityRecreatesItWithItsGeneratedId(Db db) {
        Long id = article(db, "generated");
        db.run(em -> em.remove(em.find(Article.class, id)));
        Long other = article(db, "another");

        db.run(em -> VersionHistory.of(em).versions(Article.class, id).get(0).revert());

        Article article = db.inTransaction(em -> em.find(Article.class, id));
        assertThat(article).isNotNull();
        assertThat(article.getTitle()).isEqualTo("generated");
        assertThat(other).isNotEqualTo(id);
        List<Version<Article>> versions = db.inTransaction(em -> VersionHistory.of(em).versions(Article.class, id));
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT);
        assertThat(versions.get(1).endTransactionId()).hasValue(versions.get(2).transactionId());
        assertThat(versions.get(2).endTransactionId()).isEmpty();
    }

    @DatabaseTest
    void aRecreatedEntityWithAGeneratedIdKeepsOneOpenVersionWhenDeletedAgain(Db db) {
        Long id = article(db, "generated");
        db.run(em -> em.remove(em.find(Article.class, id)));
        db.run(em -> VersionHistory.of(em).versions(Article.class, id).get(0).revert());
        db.run(em -> em.remove(em.find(Article.class, id)));

        List<Version<Article>> versions = db.inTransaction(em -> VersionHistory.of(em).versions(Article.class, id));
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT, Operation.DELETE);
        for (int i = 0; i < versions.size() - 1; i++) {
            assertThat(versions.get(i).endTransactionId()).hasValue(versions.get(i + 1).transactionId());
        }
        assertThat(versions.get(3).endTransactionId()).isEmpty();
    }

    @DatabaseTest
    void aRecreatedEntityCanBeChangedInTheSameTransaction(Db db) {
        db.run(em -> em.persist(new Note(1L, "gone")));
        db.run(em -> em.remove(em.find(Note.class, 1L)));

        db.run(em -> VersionHistory.of(em).versions(Note.class, 1L).get(0).revert().orElseThrow().setText("back"));

        List<Version<Note>> versions = noteVersions(db);
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).operation()).isEqualTo(Operation.INSERT);
        assertThat(versions.get(2).entity().getText()).isEqualTo("back");
    }

    @DatabaseTest
    void revertToADeleteVersionRemovesTheLiveEntity(Db db) {
        db.run(em -> em.persist(new Note(1L, "one")));
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        db.run(em -> em.persist(new Note(1L, "two")));

        db.run(em -> {
            Optional<Note> result = VersionHistory.of(em).versions(Note.class, 1L).get(1).revert();
            assertThat(result).isEmpty();
        });

        Note live = db.inTransaction(em -> em.find(Note.class, 1L));
        assertThat(live).isNull();
        assertThat(noteVersions(db)).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT, Operation.DELETE);
    }

    @DatabaseTest
    void revertOutsideATransactionFailsWithoutWriting(Db db) {
        db.run(em -> em.persist(new Note(1L, "one")));
        db.run(em -> em.find(Note.class, 1L).setText("two"));
        EntityManager em = db.emf().createEntityManager();
        try {
            Version<Note> first = VersionHistory.of(em).versions(Note.class, 1L).get(0);

            assertThatThrownBy(first::revert).isInstanceOf(ContinuumException.class)
                    .hasMessageContaining("must run inside a transaction");
        } finally {
            em.close();
        }
        assertThat(noteVersions(db)).hasSize(2);
    }
}
