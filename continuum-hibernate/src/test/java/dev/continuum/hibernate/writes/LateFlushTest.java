package dev.continuum.hibernate.writes;

import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.VersionRows;
import jakarta.transaction.Synchronization;
import org.hibernate.Interceptor;
import org.hibernate.Session;
import org.hibernate.Transaction;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes flushed while the transaction completes, after the history of its other changes was
 * written (by a {@code Synchronization.beforeCompletion} or an
 * {@code Interceptor.beforeTransactionCompletion}), are recorded too, never committed without a version.
 */
@Model(Note.class)
class LateFlushTest {

    private static Synchronization beforeCompletion(Runnable work) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
                work.run();
            }

            @Override
            public void afterCompletion(int status) {
            }
        };
    }

    @DatabaseTest
    void aChangeFlushedByASynchronizationAfterTheHistoryWasWrittenIsRecorded(Db db) {
        try (Session session = db.sessionFactory().openSession()) {
            session.beginTransaction();
            Note note = new Note(1L, "persisted");
            session.persist(note);
            session.getTransaction().registerSynchronization(beforeCompletion(() -> {
                note.setText("changed before completion");
                session.persist(new Note(2L, "persisted before completion"));
                session.flush();
            }));
            session.getTransaction().commit();
        }

        assertThat(NoteVersions.of(db, 1L)).extracting(row -> row.get("text"))
                .containsExactly("persisted", "changed before completion");
        assertThat(NoteVersions.of(db, 1L)).extracting(VersionRows::operation).containsExactly(0, 1);
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 1L);
        assertThat(NoteVersions.of(db, 2L)).extracting(VersionRows::operation).containsExactly(0);
        assertThat(db.count("transaction")).isEqualTo(2);
    }

    @DatabaseTest
    void aChangeFlushedByAnInterceptorBeforeTransactionCompletionIsRecorded(Db db) {
        db.run(em -> em.persist(new Note(3L, "stored")));
        LateWriter interceptor = new LateWriter();
        try (Session session = db.sessionFactory().withOptions().interceptor(interceptor).openSession()) {
            interceptor.work = s -> {
                s.find(Note.class, 3L).setText("changed by the interceptor");
                s.flush();
            };
            interceptor.session = session;
            session.beginTransaction();
            session.persist(new Note(4L, "in the transaction"));
            session.getTransaction().commit();

            // the next transaction of the same session records only its own change
            interceptor.work = null;
            session.beginTransaction();
            session.find(Note.class, 4L).setText("next transaction");
            session.getTransaction().commit();
        }

        assertThat(NoteVersions.of(db, 3L)).extracting(row -> row.get("text"))
                .containsExactly("stored", "changed by the interceptor");
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 3L);
        assertThat(NoteVersions.of(db, 4L)).extracting(row -> row.get("text"))
                .containsExactly("in the transaction", "next transaction");
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 4L);
        assertThat(db.count("transaction")).isEqualTo(4);
    }

    @DatabaseTest
    void aTransactionWhoseOnlyVersionedChangeIsFlushedLateIsRecorded(Db db) {
        try (Session session = db.sessionFactory().openSession()) {
            session.beginTransaction();
            session.getTransaction().registerSynchronization(beforeCompletion(() -> {
                session.persist(new Note(5L, "only change"));
                session.flush();
            }));
            session.getTransaction().commit();
        }

        assertThat(NoteVersions.of(db, 5L)).extracting(row -> row.get("text")).containsExactly("only change");
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void aStatelessSessionsLateWriteIsRecorded(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> {
            session.insert(new Note(6L, "stateless"));
            session.getTransaction().registerSynchronization(beforeCompletion(
                    () -> session.update(new Note(6L, "stateless, late"))));
        });

        assertThat(NoteVersions.of(db, 6L)).extracting(row -> row.get("text")).containsExactly("stateless", "stateless, late");
        NoteVersions.assertOpenVersionMatchesLiveRow(db, 6L);
    }

    /** An interceptor that changes entities of its session while the transaction completes. */
    private static final class LateWriter implements Interceptor {
        Session session;
        Consumer<Session> work;

        @Override
        public void beforeTransactionCompletion(Transaction tx) {
            if (work != null) {
                work.accept(session);
            }
        }
    }
}
