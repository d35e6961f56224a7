package dev.continuum.hibernate.flushwrites;

import dev.continuum.ConcurrentHistoryException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.model.Counter;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.LockModeType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code continuum.write_at=flush}, concurrent writers that take their transaction id at an
 * early flush and change shared entities afterwards: each entity's versions ordered by transaction
 * id still follow the order in which their transactions committed (each increments
 * {@code Counter.rev} under the row lock, so the n-th committed change carries rev n), because a
 * transaction that would close a version of a later one fails with
 * {@link ConcurrentHistoryException} and is retried.
 */
@Model(value = {Counter.class, Note.class}, properties = ContinuumSettings.WRITE_AT + "=flush")
class FlushWritesConcurrencyTest {

    private static final int THREADS = 4;
    private static final int TRANSACTIONS_PER_THREAD = 25;

    @DatabaseTest(only = {TestDatabase.POSTGRESQL, TestDatabase.MARIADB})
    void versionsOfEachEntityFollowTheCommitOrderWhenIdsAreTakenEarly(Db db) throws Exception {
        db.run(em -> em.persist(new Counter(1L)));
        AtomicLong notes = new AtomicLong(1_000_000);
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                    while (true) {
                        try {
                            db.run(em -> {
                                // takes the transaction id before the counter's lock
                                em.persist(new Note(notes.addAndGet(1000), "batch"));
                                em.flush();
                                em.find(Counter.class, 1L, LockModeType.PESSIMISTIC_WRITE).rev++;
                            });
                            break;
                        } catch (RuntimeException e) {
                            // thrown by the commit's flush, a RollbackException wraps it
                            if (causes(e, ConcurrentHistoryException.class)) {
                                conflicts.incrementAndGet();
                            } else if (!isLockConflict(e)) {
                                throw e;
                            }
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }

        List<Map<String, Object>> versions = db.rows("select rev, transaction_id, end_transaction_id "
                + "from counter_version where id = 1 order by transaction_id");
        assertThat(versions).hasSize(1 + THREADS * TRANSACTIONS_PER_THREAD);
        for (int n = 0; n < versions.size(); n++) {
            assertThat(((Number) versions.get(n).get("rev")).intValue()).as("rev of version %d", n).isEqualTo(n);
            Object end = n + 1 < versions.size() ? versions.get(n + 1).get("transaction_id") : null;
            assertThat(versions.get(n).get("end_transaction_id")).as("end of version %d", n).isEqualTo(end);
        }
        assertThat(conflicts.get()).as("transactions that met a later one's version and were retried")
                .isPositive();
    }

    private static boolean causes(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A deadlock, serialization failure or lock timeout: the transaction may simply be retried. */
    private static boolean isLockConflict(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("40001".equals(state) || "40P01".equals(state) || code == 1213 || code == 1205) {
                    return true;
                }
            }
        }
        return false;
    }
}
