package dev.continuum.hibernate.nativemode;

import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Under concurrent writers of overlapping rows, through bulk HQL, native SQL and entity writes
 * alike, each ticket's versions in transaction-id order follow the commit order, and form one
 * unbroken chain. The commit order is recorded independently: each change increments the
 * ticket's priority under the row lock, so the n-th committed change carries priority n. On
 * MariaDB, whose triggers take the transaction id at the first write, a writer that would close
 * the version of a transaction that began writing after it gets a serialization failure and is
 * retried; the history after the retries is exact all the same.
 */
@Model(Ticket.class)
class NativeConcurrencyTest {

    private static final int TICKETS = 4;
    private static final int THREADS = 4;
    private static final int TRANSACTIONS_PER_THREAD = 25;

    private final AtomicInteger retries = new AtomicInteger();

    @DatabaseTest
    void versionsFollowTheCommitOrderAndTheirChainsHoldUnderConcurrentWriters(Db db) throws Exception {
        db.run(em -> {
            for (long id = 1; id <= TICKETS; id++) {
                em.persist(new Ticket(id, "t" + id, 0));
            }
        });
        Map<Long, AtomicInteger> committed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                    List<Long> ids = new ArrayList<>(List.of(1L, 2L, 3L, 4L));
                    Collections.shuffle(ids, random);
                    // rows locked in one order by every writer: no deadlock to retry
                    List<Long> chosen = new ArrayList<>(ids.subList(0, 2));
                    Collections.sort(chosen);
                    int path = i % 3;
                    retried(db, () -> db.run(em -> {
                        for (Long id : chosen) {
                            switch (path) {
                                case 0 -> em.createQuery("update Ticket t set t.priority = t.priority + 1 where t.id = :id")
                                        .setParameter("id", id).executeUpdate();
                                case 1 -> em.createNativeQuery("update ticket set priority = priority + 1 where id = ?")
                                        .setParameter(1, id).executeUpdate();
                                default -> {
                                    Ticket ticket = em.find(Ticket.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                                    ticket.setPriority(ticket.getPriority() + 1);
                                    em.flush();
                                }
                            }
                        }
                    }));
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
        for (long id = 1; id <= TICKETS; id++) {
            List<TicketRows.Row> versions = TicketRows.of(db, id);
            int changes = committed.getOrDefault(id, new AtomicInteger()).get();
            total += changes;
            assertThat(versions).as("versions of ticket %d", id).hasSize(changes + 1);
            for (int n = 0; n < versions.size(); n++) {
                assertThat(versions.get(n).priority()).as("the version at position %d of ticket %d", n, id).isEqualTo(n);
            }
        }
        TicketRows.assertChains(db);
        assertThat(total).isEqualTo(THREADS * TRANSACTIONS_PER_THREAD * 2);
        assertThat(db.count("transaction")).isEqualTo(1 + THREADS * TRANSACTIONS_PER_THREAD);
        if (db.database() == TestDatabase.POSTGRESQL) {
            assertThat(retries.get()).as("retries on PostgreSQL").isZero();
        }
    }

    @DatabaseTest(only = {TestDatabase.MARIADB, TestDatabase.H2})
    void aTransactionThatWouldCloseTheVersionOfALaterStartedOneMustBeRetried(Db db) throws Exception {
        db.run(em -> {
            em.persist(new Ticket(1L, "one", 0));
            em.persist(new Ticket(9L, "nine", 0));
        });
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            update(first, 1L);
            update(second, 9L);
            update(second, 11L);
            second.commit();

            assertThatThrownBy(() -> update(first, 11L)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("40001");
                assertThat(e.getMessage()).contains("this Ticket row (table ticket)").contains("retry the transaction");
            });
            first.rollback();
            update(first, 1L);
            update(first, 11L);
            first.commit();
        }

        assertThat(TicketRows.operations(db, 11L)).containsExactly(0, 1);
        assertThat(TicketRows.of(db, 11L)).extracting(TicketRows.Row::priority).containsExactly(1, 2);
        assertThat(TicketRows.of(db, 1L)).extracting(TicketRows.Row::priority).containsExactly(0, 1);
        assertThat(TicketRows.of(db, 11L).get(0).transactionId()).isLessThan(TicketRows.of(db, 11L).get(1)
                .transactionId());
        TicketRows.assertChains(db);
    }

    /** Increments the priority of ticket {@code id}; ticket 11 is inserted by its first change. */
    private static void update(Connection connection, long id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(connection.getMetaData().getDatabaseProductName().equals("H2")
                    ? "merge into ticket t using (values (cast(" + id + " as bigint))) s(id) on t.id = s.id "
                            + "when matched then update set priority = t.priority + 1 "
                            + "when not matched then insert (id, title, priority) values (s.id, 't', 1)"
                    : "insert into ticket (id, title, priority) values (" + id + ", 't', 1) "
                            + "on duplicate key update priority = priority + 1");
        }
    }

    /**
     * Runs {@code transaction} until it commits, again after each serialization failure (SQL state
     * 40001: a deadlock, or on MariaDB a trigger that refused to misorder a chain); any other
     * failure fails the test.
     */
    private void retried(Db db, Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (RuntimeException e) {
                if (!serializationFailure(e) || attempt == 50) {
                    throw e;
                }
                retries.incrementAndGet();
            }
        }
    }

    private static boolean serializationFailure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && "40001".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
