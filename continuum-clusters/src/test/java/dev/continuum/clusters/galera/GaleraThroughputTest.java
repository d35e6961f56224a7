package dev.continuum.clusters.galera;

import dev.continuum.clusters.testing.ClusterMode;
import dev.continuum.clusters.testing.GaleraCluster;
import dev.continuum.clusters.testing.Jdbc;
import dev.continuum.clusters.testing.Retry;
import dev.continuum.clusters.testing.Units;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write throughput on Galera, plain Hibernate against Continuum, through one node and through all
 * three, measured side by side: in every round each variant, in a shuffled order, runs the same
 * single-row updates (load a document by id, change its title and status: the W3 workload of
 * {@code docs/performance.md}) with {@value #THREADS} threads, and is compared with the others of
 * the same round. Each thread updates rows of its own, so the variants measure writing, not
 * conflicts (a rare deadlock between InnoDB's gap locks, or a brute-force abort by a replicated
 * transaction, is retried and counted). The figures are printed; the history they leave behind is
 * checked.
 */
class GaleraThroughputTest {

    private static final int THREADS = 3;
    private static final int ROWS_PER_THREAD = 50;

    /** Who writes, and through which nodes. */
    private enum Variant {
        PLAIN_ONE_NODE, CONTINUUM_ONE_NODE, PLAIN_THREE_NODES, CONTINUUM_THREE_NODES;

        boolean versioned() {
            return this == CONTINUUM_ONE_NODE || this == CONTINUUM_THREE_NODES;
        }

        boolean threeNodes() {
            return this == PLAIN_THREE_NODES || this == CONTINUUM_THREE_NODES;
        }
    }

    private static final List<EntityManagerFactory> PLAIN = new ArrayList<>();
    private static final List<EntityManagerFactory> VERSIONED = new ArrayList<>();

    @BeforeAll
    static void cluster() {
        GaleraCluster.requireSynced();
        GaleraCluster.createSchema(List.of(Document.class, PlainDocument.class), GaleraCluster.SEQUENCE);
        for (int n = 1; n <= GaleraCluster.nodes().size(); n++) {
            PLAIN.add(GaleraCluster.open(n, List.of(PlainDocument.class), Map.of()));
            VERSIONED.add(GaleraCluster.open(n, List.of(Document.class), Map.of()));
        }
        Units.run(PLAIN.get(0), em -> {
            for (long id = 1; id <= THREADS * ROWS_PER_THREAD; id++) {
                em.persist(new PlainDocument(id, "title", "DRAFT"));
            }
        });
        Units.run(VERSIONED.get(0), em -> {
            for (long id = 1; id <= THREADS * ROWS_PER_THREAD; id++) {
                em.persist(new Document(id, "title", "DRAFT"));
            }
        });
        GaleraCluster.awaitApplied();
    }

    @AfterAll
    static void close() {
        PLAIN.forEach(EntityManagerFactory::close);
        VERSIONED.forEach(EntityManagerFactory::close);
    }

    @Test
    void continuumWritesThroughOneAndThroughThreeNodesSideBySideWithPlainHibernate() throws Exception {
        int warmup = ClusterMode.pick(3, 1);
        int rounds = ClusterMode.pick(10, 3);
        int operations = ClusterMode.pick(100, 30);
        Map<Variant, List<Double>> millisPerOperation = new EnumMap<>(Variant.class);
        AtomicLongArray updates = new AtomicLongArray(THREADS * ROWS_PER_THREAD + 1);
        Map<Variant, Retry> retries = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            retries.put(variant, new Retry(20));
        }
        Random order = new Random(42);
        for (int round = 0; round < warmup + rounds; round++) {
            List<Variant> variants = new ArrayList<>(List.of(Variant.values()));
            Collections.shuffle(variants, order);
            for (Variant variant : variants) {
                double millis = run(variant, operations, round, updates, retries.get(variant));
                // untimed: the next variant may write the same rows through another node
                GaleraCluster.awaitApplied();
                if (round >= warmup) {
                    millisPerOperation.computeIfAbsent(variant, v -> new ArrayList<>()).add(millis);
                }
            }
        }

        report(millisPerOperation, rounds, operations);
        for (Variant variant : Variant.values()) {
            System.out.printf("[clusters] %-22s %d conflicts retried%n", variant, retries.get(variant).conflicts());
        }
        try (Connection c = GaleraCluster.causal(1)) {
            for (Map<String, Object> row : Jdbc.rows(c, "select id, count(*) as versions, "
                    + "sum(case when end_transaction_id is null then 1 else 0 end) as open from document_version "
                    + "group by id order by id")) {
                int id = ((Number) row.get("id")).intValue();
                assertThat(((Number) row.get("versions")).longValue()).as("versions of document %d", id)
                        .isEqualTo(1 + updates.get(id));
                assertThat(((Number) row.get("open")).longValue()).as("open versions of document %d", id).isEqualTo(1);
            }
            assertThat(Jdbc.number(c, "select count(*) from document_version v where v.end_transaction_id is not null "
                    + "and not exists (select 1 from document_version w where w.id = v.id "
                    + "and w.transaction_id = v.end_transaction_id and w.transaction_id > v.transaction_id)"))
                    .as("versions whose end_transaction_id is not the next version's transaction").isZero();
        }
    }

    /** One round of a variant; returns its wall time per operation in milliseconds. */
    private static double run(Variant variant, int operations, int round, AtomicLongArray updates, Retry retry)
            throws Exception {
        List<EntityManagerFactory> units = variant.versioned() ? VERSIONED : PLAIN;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            EntityManagerFactory unit = units.get(variant.threeNodes() ? thread % units.size() : 0);
            threads.add(pool.submit(() -> {
                for (int i = 0; i < operations; i++) {
                    long id = 1 + thread * ROWS_PER_THREAD + (long) (round * operations + i) % ROWS_PER_THREAD;
                    String title = variant + " " + round + "/" + i;
                    String status = i % 2 == 0 ? "PUBLISHED" : "DRAFT";
                    if (variant.versioned()) {
                        retry.run(unit, em -> em.find(Document.class, id).edit(title, status));
                        updates.incrementAndGet((int) id);
                    } else {
                        retry.run(unit, em -> em.find(PlainDocument.class, id).edit(title, status));
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> thread : threads) {
            thread.get(10, TimeUnit.MINUTES);
        }
        return (System.nanoTime() - start) / 1e6 / (THREADS * operations);
    }

    private static void report(Map<Variant, List<Double>> millis, int rounds, int operations) {
        System.out.printf("[clusters] Galera W3 single-row updates, %d threads, %d rounds of %d operations per thread%n",
                THREADS, rounds, operations);
        for (Variant variant : Variant.values()) {
            System.out.printf("[clusters] %-22s %s ms per operation (wall time / operations), %s operations/s%n",
                    variant, quartiles(millis.get(variant), 1), quartiles(invert(millis.get(variant)), 1000));
        }
        ratio(millis, "C/P, one node", Variant.CONTINUUM_ONE_NODE, Variant.PLAIN_ONE_NODE);
        ratio(millis, "C/P, three nodes", Variant.CONTINUUM_THREE_NODES, Variant.PLAIN_THREE_NODES);
        ratio(millis, "P three nodes / P one node", Variant.PLAIN_THREE_NODES, Variant.PLAIN_ONE_NODE);
        ratio(millis, "C three nodes / C one node", Variant.CONTINUUM_THREE_NODES, Variant.CONTINUUM_ONE_NODE);
    }

    /** Prints the median and quartiles of the per-round ratios of the times of two variants. */
    private static void ratio(Map<Variant, List<Double>> millis, String name, Variant over, Variant under) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < millis.get(over).size(); round++) {
            ratios.add(millis.get(over).get(round) / millis.get(under).get(round));
        }
        System.out.printf("[clusters] time ratio %-28s %s%n", name, quartiles(ratios, 1));
    }

    private static List<Double> invert(List<Double> values) {
        return values.stream().map(v -> 1 / v).toList();
    }

    /** "median (first quartile - third quartile)" of the values times {@code scale}. */
    private static String quartiles(List<Double> values, double scale) {
        double[] sorted = values.stream().mapToDouble(v -> v * scale).sorted().toArray();
        return String.format("%.2f (%.2f - %.2f)", at(sorted, 0.5), at(sorted, 0.25), at(sorted, 0.75));
    }

    private static double at(double[] sorted, double quantile) {
        double position = quantile * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

}
