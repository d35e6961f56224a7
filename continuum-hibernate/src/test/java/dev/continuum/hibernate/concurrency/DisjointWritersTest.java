package dev.continuum.hibernate.concurrency;

import dev.continuum.hibernate.concurrency.ConcurrencyModel.Ledger;
import dev.continuum.hibernate.concurrency.Writers.Isolation;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers of disjoint entities (adjacent identifiers, so that their version rows are neighbours in
 * every index of the version table) never wait for each other into a deadlock because of the
 * history: every transaction commits at its first attempt, and each entity's history is one
 * intact chain with a version per committed update.
 */
@Model(Ledger.class)
class DisjointWritersTest {

    private static final Logger LOG = LoggerFactory.getLogger(DisjointWritersTest.class);
    private static final int THREADS = 8;
    private static final int TRANSACTIONS = 200;
    private static final long FIRST_ID = 500;

    @DatabaseTest
    void readCommitted(Db db) throws Exception {
        writeDisjoint(db, Isolation.READ_COMMITTED);
    }

    @DatabaseTest
    void repeatableRead(Db db) throws Exception {
        writeDisjoint(db, Isolation.REPEATABLE_READ);
    }

    private static void writeDisjoint(Db db, Isolation isolation) throws Exception {
        AtomicIntegerArray committed = new AtomicIntegerArray(THREADS);
        long started = System.nanoTime();
        try (Writers writers = new Writers(db, 2, isolation)) {
            try {
                writers.run(THREADS, TRANSACTIONS, false, (writer, transaction, em) -> {
                    if (transaction == 0) {
                        em.persist(new Ledger(FIRST_ID + writer));
                        return;
                    }
                    Ledger ledger = em.find(Ledger.class, FIRST_ID + writer);
                    ledger.balance++;
                    ledger.writer = "w" + writer + "-" + transaction;
                }, done -> committed.incrementAndGet(done[0]));
            } finally {
                LOG.info("{} {}: {} threads x {} transactions of disjoint entities in {} ms, {} deadlocks, {} other lock "
                        + "conflicts", db.database().displayName(), isolation, THREADS, TRANSACTIONS,
                        (System.nanoTime() - started) / 1_000_000, writers.deadlocks(),
                        writers.conflicts() - writers.deadlocks());
                writers.diagnostics().forEach(status -> LOG.warn("InnoDB status after a deadlock:\n{}", status));
            }
            assertThat(writers.conflicts()).as("transactions that lost a lock conflict").isZero();
        }

        Chains chains = new Chains(db, "cc_ledger_version", "id");
        assertThat(chains.breaks()).isEmpty();
        assertThat(chains.severalOpen()).isEmpty();
        for (int t = 0; t < THREADS; t++) {
            assertThat(committed.get(t)).isEqualTo(TRANSACTIONS);
            assertThat(chains.versions(FIRST_ID + t)).as("versions of ledger %d", FIRST_ID + t)
                    .hasSize(TRANSACTIONS);
        }
    }
}
