package dev.continuum.hibernate;

import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Status;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No-op updates, excluded properties, rollback, the validity chain and the ways entities get written. */
@Model({Article.class, Author.class, Note.class})
class VersioningRulesTest {

    private static long createArticle(Db db) {
        return db.inTransaction(em -> {
            Article article = new Article("title", "body");
            em.persist(article);
            return article.getId();
        });
    }

    @DatabaseTest
    void anUpdateThatChangesNothingWritesNoVersionAndNoTransaction(Db db) {
        long id = createArticle(db);
        db.run(em -> em.find(Article.class, id).setTitle("title"));

        assertThat(db.count("article_version")).isEqualTo(1);
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void changingOnlyAnExcludedPropertyWritesNoVersion(Db db) {
        long id = createArticle(db);
        db.run(em -> em.find(Article.class, id).setViewCount(42));

        assertThat(db.rows("select viewCount from article")).extracting(r -> ((Number) r.get("viewcount")).intValue())
                .containsExactly(42);
        assertThat(db.count("article_version")).isEqualTo(1);
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void changingOnlyANotVersionedPropertyWritesNoVersion(Db db) {
        long id = createArticle(db);
        db.run(em -> em.find(Article.class, id).setCachedSummary("cached"));

        assertThat(db.count("article_version")).isEqualTo(1);
    }

    @DatabaseTest
    void excludedNotVersionedAndOptimisticLockColumnsAreNotInTheVersionTable(Db db) {
        createArticle(db);

        Map<String, Object> row = db.rows("select * from article_version").get(0);
        assertThat(row).containsKeys("id", "title", "body", "status", "author_id",
                "transaction_id", "end_transaction_id", "operation_type");
        assertThat(row).doesNotContainKeys("viewcount", "cachedsummary", "lockversion");
    }

    @DatabaseTest
    void changesThatCancelOutWithinATransactionWriteNothing(Db db) {
        long id = createArticle(db);
        db.run(em -> {
            Article article = em.find(Article.class, id);
            article.setTitle("changed");
            em.flush();
            article.setTitle("title");
        });

        assertThat(db.count("article_version")).isEqualTo(1);
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void aRolledBackTransactionLeavesNoVersionAndNoTransactionRow(Db db) {
        EntityManager em = db.emf().createEntityManager();
        em.getTransaction().begin();
        em.persist(new Note(1L, "never"));
        em.flush();
        em.getTransaction().rollback();
        em.close();

        assertThat(db.count("note")).isZero();
        assertThat(db.count("note_version")).isZero();
        assertThat(db.count("transaction")).isZero();
    }

    @DatabaseTest
    void eachVersionEndsWhereTheNextBeginsAndExactlyOneIsOpen(Db db) {
        long id = createArticle(db);
        for (int i = 0; i < 5; i++) {
            String title = "title " + i;
            db.run(em -> em.find(Article.class, id).setTitle(title));
        }
        db.run(em -> em.remove(em.find(Article.class, id)));

        List<Map<String, Object>> versions = db.rows(
                "select transaction_id, end_transaction_id, operation_type from article_version where id = ? "
                        + "order by transaction_id", id);
        assertThat(versions).hasSize(7);
        for (int i = 0; i < versions.size() - 1; i++) {
            assertThat(versions.get(i).get("end_transaction_id")).isEqualTo(versions.get(i + 1).get("transaction_id"));
        }
        assertThat(versions).filteredOn(v -> v.get("end_transaction_id") == null).hasSize(1);
        assertThat(((Number) versions.get(6).get("operation_type")).intValue()).isEqualTo(2);
    }

    @DatabaseTest
    void manyUpdatesInOneTransactionCloseExactlyTheirOwnOpenVersions(Db db) {
        db.run(em -> {
            for (long id = 1; id <= 70; id++) {
                em.persist(new Note(id, "first " + id));
            }
            em.persist(new Note(1000L, "untouched"));
        });
        db.run(em -> {
            for (long id = 1; id <= 70; id++) {
                em.find(Note.class, id).setText("second " + id);
            }
        });

        List<Map<String, Object>> open = db.rows("select id, text from note_version where end_transaction_id is null");
        assertThat(open).hasSize(71);
        assertThat(open).filteredOn(r -> ((Number) r.get("id")).longValue() <= 70)
                .allSatisfy(r -> assertThat((String) r.get("text")).startsWith("second "));
        assertThat(db.rows("select id from note_version where text like 'first %' and end_transaction_id is null"))
                .isEmpty();
        assertThat(db.count("note_version")).isEqualTo(141);
    }

    @DatabaseTest
    void versionsOfOtherEntitiesAreNotClosedByAChange(Db db) {
        long first = createArticle(db);
        long second = createArticle(db);
        db.run(em -> em.find(Article.class, first).setTitle("changed"));

        assertThat(db.rows("select end_transaction_id from article_version where id = ?", second))
                .allSatisfy(v -> assertThat(v.get("end_transaction_id")).isNull());
    }

    @DatabaseTest
    void mergeOfADetachedEntityIsVersioned(Db db) {
        long id = createArticle(db);
        Article detached = db.inTransaction(em -> em.find(Article.class, id));
        detached.setStatus(Status.ARCHIVED);
        db.run(em -> em.merge(detached));

        assertThat(db.rows("select status, operation_type from article_version order by transaction_id"))
                .extracting(r -> r.get("status")).containsExactly("DRAFT", "ARCHIVED");
    }

    @DatabaseTest
    void flushModeCommitRecordsTheChangesFlushedAtCommit(Db db) {
        db.run(em -> {
            em.setFlushMode(FlushModeType.COMMIT);
            em.persist(new Note(1L, "at commit"));
            em.createQuery("select count(n) from Note n", Long.class).getSingleResult();
        });

        assertThat(db.rows("select text from note_version")).extracting(r -> r.get("text")).containsExactly("at commit");
    }

    @DatabaseTest
    void flushModeManualRecordsWhatWasFlushedAndNothingElse(Db db) {
        db.run(em -> {
            Session session = em.unwrap(Session.class);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            session.persist(new Note(1L, "flushed"));
            session.flush();
            session.persist(new Note(2L, "never flushed"));
        });

        assertThat(db.rows("select id from note")).hasSize(1);
        assertThat(db.rows("select id, text from note_version")).extracting(r -> r.get("text"))
                .containsExactly("flushed");
    }

    @DatabaseTest
    void theNativeSessionApiIsVersionedToo(Db db) {
        SessionFactory factory = db.sessionFactory();
        factory.inTransaction(session -> session.persist(new Note(7L, "native")));
        factory.inTransaction(session -> session.find(Note.class, 7L).setText("native 2"));
        factory.inTransaction(session -> session.remove(session.find(Note.class, 7L)));

        assertThat(db.rows("select operation_type from note_version order by transaction_id"))
                .extracting(r -> ((Number) r.get("operation_type")).intValue()).containsExactly(0, 1, 2);
    }

    @DatabaseTest
    void aStatelessSessionInATransactionIsVersioned(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> {
            session.insert(new Note(5L, "stateless"));
            Note note = session.get(Note.class, 5L);
            note.setText("stateless 2");
            session.update(note);
        });

        assertThat(db.rows("select text, operation_type from note_version order by transaction_id"))
                .extracting(r -> r.get("text")).containsExactly("stateless 2");
    }

    @DatabaseTest
    void writingAVersionedEntityOutsideATransactionIsRejected(Db db) {
        SessionFactory factory = db.sessionFactory();
        try (var session = factory.openStatelessSession()) {
            assertThatThrownBy(() -> session.insert(new Note(3L, "stateless, no transaction")))
                    .hasMessageContaining("outside a transaction");
        }
    }
}
