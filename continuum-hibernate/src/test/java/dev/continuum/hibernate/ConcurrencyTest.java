package dev.continuum.hibernate;

import dev.continuum.hibernate.model.Counter;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.LockModeType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under concurrent writers, each entity's versions ordered by transaction id follow the order
 * in which their transactions committed.
 *
 * <p>The commit order is recorded independently of the library: every transaction increments
 * {@code Counter.rev} while holding the row lock, so the n-th committed change of a counter
 * carries rev n. If versions were ordered by anything but commit order, the revs read in
 * transaction-id order would not be 1, 2, 3...
 */
@Model(Counter.class)
class ConcurrencyTest {

    private static final int COUNTERS = 4;
    private static final int THREADS = 4;
    private static final int TRANSACTIONS_PER_THREAD = 30;

    @DatabaseTest(only = {TestDatabase.POSTGRESQL, TestDatabase.MARIADB})
    void versionsOfEachEntityFollowTheCommitOrder(Db db) throws Exception {
        db.run(em -> {
            for (long id = 1; id <= COUNTERS; id++) {
                em.persist(new Counter(id));
            }
        });
        Map<Long, AtomicInteger> committed = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                    List<Long> ids = new ArrayList<>(List.of(1L, 2L, 3L, 4L));
                    Collections.shuffle(ids, random);
                    List<Long> chosen = ids.subList(0, 2);
                    String writer = "t" + thread + "-" + i;
                    while (true) {
                        try {
                            db.run(em -> {
                                for (Long id : chosen) {
                                    Counter counter = em.find(Counter.class, id, LockModeType.PESSIMISTIC_WRITE);
                                    counter.rev++;
                                    counter.lastWriter = writer;
                                }
                            });
                            break;
                        } catch (RuntimeException e) {
                            if (!isLockConflict(e)) {
                                throw e;
                            }
                            retries.incrementAndGet();
                        }
                    }
                    chosen.forEach(id -> committed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }

        int total = 0;
        for (long id = 1; id <= COUNTERS; id++) {
            List<Map<String, Object>> versions = db.rows("select rev, transaction_id, end_transaction_id, operation_type "
                    + "from counter_version where id = ? order by transaction_id", id);
            int changes = committed.getOrDefault(id, new AtomicInteger()).get();
            total += changes;
            assertThat(versions).as("versions of counter %d", id).hasSize(changes + 1);
            for (int n = 0; n < versions.size(); n++) {
                assertThat(((Number) versions.get(n).get("rev")).intValue())
                        .as("rev of the version at position %d of counter %d", n, id).isEqualTo(n);
                if (n + 1 < versions.size()) {
                    assertThat(versions.get(n).get("end_transaction_id")).isEqualTo(versions.get(n + 1).get("transaction_id"));
                }
            }
            assertThat(versions).filteredOn(v -> v.get("end_transaction_id") == null).hasSize(1);
            assertThat(versions.get(versions.size() - 1).get("end_transaction_id")).isNull();
        }
        assertThat(total).isEqualTo(THREADS * TRANSACTIONS_PER_THREAD * 2);
        assertThat(db.count("transaction")).isEqualTo(1 + THREADS * TRANSACTIONS_PER_THREAD);
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
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
        }
        return false;
    }
}
