package dev.continuum.clusters.galera;

import dev.continuum.ChangeContext;
import dev.continuum.VersioningException;
import dev.continuum.clusters.testing.ClusterMode;
import dev.continuum.clusters.testing.GaleraCluster;
import dev.continuum.clusters.testing.Jdbc;
import dev.continuum.clusters.testing.PausingInspector;
import dev.continuum.clusters.testing.Retry;
import dev.continuum.clusters.testing.Units;
import dev.continuum.clusters.testing.ValidityChain;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.RollbackException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application instances, each with its own persistence unit on its own Galera node, writing at
 * the same time: every entity keeps one validity chain in commit order, and a transaction that
 * loses certification leaves no history and succeeds when run again.
 */
class GaleraWritesTest {

    private static final List<Class<?>> MODEL = List.of(Counter.class);
    private static final long[] SHARED = {1, 2};

    @BeforeAll
    static void cluster() {
        GaleraCluster.requireSynced();
    }

    @BeforeEach
    void schema() {
        GaleraCluster.createSchema(MODEL, GaleraCluster.SEQUENCE);
    }

    @Test
    void instancesOnThreeNodesLeaveEveryEntityOneValidityChainInCommitOrder() throws Exception {
        int nodes = GaleraCluster.nodes().size();
        int threadsPerNode = 2;
        int transactionsPerThread = ClusterMode.pick(40, 12);
        List<EntityManagerFactory> instances = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            instances.add(GaleraCluster.open(n, MODEL, Map.of()));
        }
        try {
            Units.run(instances.get(0), em -> {
                for (long id : SHARED) {
                    em.persist(new Counter(id));
                }
                for (int n = 1; n <= nodes; n++) {
                    for (int t = 0; t < threadsPerNode; t++) {
                        em.persist(new Counter(own(n, t)));
                    }
                }
            });
            GaleraCluster.awaitApplied();
            Map<Long, AtomicInteger> committed = new ConcurrentHashMap<>();
            Retry retry = new Retry(50);
            ExecutorService pool = Executors.newFixedThreadPool(nodes * threadsPerNode);
            List<Future<?>> writers = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                EntityManagerFactory instance = instances.get(n - 1);
                for (int t = 0; t < threadsPerNode; t++) {
                    int node = n;
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        Random random = new Random(node * 100L + thread);
                        for (int i = 0; i < transactionsPerThread; i++) {
                            long shared = SHARED[random.nextInt(SHARED.length)];
                            String writer = "node" + node + "-" + thread + "-" + i;
                            retry.run(instance, em -> {
                                // the row lock serializes writers on one node; certification, writers on different nodes
                                em.find(Counter.class, shared, LockModeType.PESSIMISTIC_WRITE).change(writer);
                                em.find(Counter.class, own(node, thread), LockModeType.PESSIMISTIC_WRITE).change(writer);
                            });
                            committed.computeIfAbsent(shared, k -> new AtomicInteger()).incrementAndGet();
                            committed.computeIfAbsent(own(node, thread), k -> new AtomicInteger()).incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            pool.shutdown();
            for (Future<?> writer : writers) {
                writer.get(10, TimeUnit.MINUTES);
            }

            System.out.printf("[clusters] %d transactions on %d nodes, %d certification conflicts retried%n",
                    nodes * threadsPerNode * transactionsPerThread, nodes, retry.conflicts());
            try (Connection c = GaleraCluster.causal(nodes)) {
                for (Map.Entry<Long, AtomicInteger> counter : committed.entrySet()) {
                    List<Map<String, Object>> versions = ValidityChain.versions(c, "counter_version", counter.getKey(),
                            "rev");
                    assertThat(versions).as("versions of counter %d", counter.getKey())
                            .hasSize(counter.getValue().get() + 1);
                    for (int n = 0; n < versions.size(); n++) {
                        assertThat(((Number) versions.get(n).get("rev")).intValue())
                                .as("rev of version %d of counter %d", n, counter.getKey()).isEqualTo(n);
                    }
                }
                assertThat(Jdbc.number(c, "select count(*) from transaction"))
                        .isEqualTo(1 + (long) nodes * threadsPerNode * transactionsPerThread);
            }
        } finally {
            instances.forEach(EntityManagerFactory::close);
        }
    }

    @Test
    void aTransactionThatLosesCertificationLeavesNoHistoryAndCommitsWhenRetried() throws Exception {
        PausingInspector pause = new PausingInspector("insert into counter_version");
        try (EntityManagerFactory one = GaleraCluster.open(1, MODEL,
                Map.of("hibernate.session_factory.statement_inspector", pause));
                EntityManagerFactory two = GaleraCluster.open(2, MODEL, Map.of())) {
            Units.run(one, em -> em.persist(new Counter(1)));
            GaleraCluster.awaitApplied();
            Retry retry = new Retry(5);
            AtomicInteger attempts = new AtomicInteger();

            // node 1 changes the counter and is held while it writes the history; node 2 changes it and commits first
            pause.arm();
            CompletableFuture<Void> loser = CompletableFuture.runAsync(() -> ChangeContext.run("node1", null,
                    () -> retry.run(one, em -> {
                        attempts.incrementAndGet();
                        em.find(Counter.class, 1L).change("node1");
                    })));
            pause.awaitPaused();
            ChangeContext.run("node2", null, () -> Units.run(two, em -> em.find(Counter.class, 1L).change("node2")));
            pause.release();
            loser.get(60, TimeUnit.SECONDS);

            assertThat(retry.conflicts()).as("conflicts retried").isEqualTo(1);
            assertThat(attempts).hasValue(2);
            try (Connection c = GaleraCluster.causal(1)) {
                assertThat(Jdbc.rows(c, "select user_id from transaction where user_id is not null order by id"))
                        .extracting(row -> row.get("user_id")).containsExactly("node2", "node1");
                List<Map<String, Object>> versions = ValidityChain.versions(c, "counter_version", 1L,
                        "rev, last_writer");
                assertThat(versions).extracting(v -> ((Number) v.get("rev")).intValue()).containsExactly(0, 1, 2);
                assertThat(versions).extracting(v -> v.get("last_writer")).containsExactly(null, "node2", "node1");
            }
        }
    }

    @Test
    void theLoserOfCertificationSeesADeadlockItCanRetry() throws Exception {
        PausingInspector pause = new PausingInspector("insert into counter_version");
        try (EntityManagerFactory one = GaleraCluster.open(1, MODEL,
                Map.of("hibernate.session_factory.statement_inspector", pause));
                EntityManagerFactory two = GaleraCluster.open(2, MODEL, Map.of())) {
            Units.run(one, em -> em.persist(new Counter(1)));
            GaleraCluster.awaitApplied();

            pause.arm();
            CompletableFuture<Void> loser = CompletableFuture.runAsync(
                    () -> Units.run(one, em -> em.find(Counter.class, 1L).change("node1")));
            pause.awaitPaused();
            Units.run(two, em -> em.find(Counter.class, 1L).change("node2"));
            pause.release();
            Throwable thrown = null;
            try {
                loser.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                thrown = e.getCause();
            }

            assertThat(thrown).isNotNull();
            System.out.println("[clusters] the loser of certification sees: " + describe(thrown));
            assertThat(Retry.isConflict(thrown)).as("retryable: %s", describe(thrown)).isTrue();
            assertThat(thrown).isInstanceOf(RollbackException.class)
                    .hasRootCauseInstanceOf(SQLTransactionRollbackException.class)
                    .hasMessageContaining("Could not record the versions of this transaction")
                    .hasMessageContaining("Deadlock found when trying to get lock; try restarting transaction")
                    .hasMessageContaining("the transaction is rolled back");
            assertThat(causes(thrown)).hasAtLeastOneElementOfType(VersioningException.class);
        }
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String describe(Throwable thrown) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        return chain.toString();
    }

    /** The counter only the given thread of the given node changes. */
    private static long own(int node, int thread) {
        return 100L * node + thread;
    }
}
