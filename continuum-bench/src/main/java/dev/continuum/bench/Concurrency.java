package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of concurrent writers: W3 (load one article by id, change its title and status, commit)
 * run by 1, 4 and 16 threads at once, each thread on articles of its own, so that the only contention
 * is what the variant adds (transaction ids, sequences, its own tables). All variants are open in one
 * JVM and take turns as in {@link Interleaved}: in every round, for each number of threads, each
 * variant in a shuffled order runs for a fixed time, and its transactions per second are compared with
 * plain Hibernate's in the same round.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.Concurrency [h2|postgresql|mariadb]
 * [quick|full] [variants, e.g. P,C,E]}. Quick: 2 warmup and 6 measured rounds of 1 s per turn; full: 3
 * and 15 rounds of 3 s.
 */
public final class Concurrency {

    private static final List<Integer> THREADS = List.of(1, 4, 16);

    private Concurrency() {
    }

    /**
     * Prints the median transactions per second of each variant and number of threads, and the median
     * of the per-round ratios of P's throughput to each variant's (time per transaction relative to P,
     * as in the other tables: above 1 is slower than plain Hibernate).
     *
     * @param args the database (default h2), the mode (default quick) and the variants (default P,C,E)
     */
    public static void main(String[] args) throws Exception {
        String db = "h2";
        boolean full = false;
        List<Variant> variants = List.of(Variant.P, Variant.C, Variant.E);
        for (String arg : args) {
            if (arg.equals("full")) {
                full = true;
            } else if (arg.contains(",")) {
                variants = List.of(arg.split(",")).stream().map(v -> Variant.valueOf(v.trim())).toList();
            } else if (!arg.equals("quick")) {
                db = arg;
            }
        }
        int warmupRounds = full ? 3 : 2;
        int rounds = full ? 15 : 6;
        long turnMillis = full ? 3000 : 1000;
        int maxThreads = Collections.max(THREADS);
        Database database = Database.named(db);
        Map<Variant, BenchUnit> units = new EnumMap<>(Variant.class);
        Map<Variant, List<Long>> pools = new EnumMap<>(Variant.class);
        // Per number of threads, per variant: transactions per second in each measured round.
        Map<Integer, Map<Variant, List<Double>>> rates = new LinkedHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(maxThreads);
        try {
            for (Variant variant : variants) {
                BenchUnit unit = BenchUnit.open(variant, database, false, null, maxThreads + 1);
                units.put(variant, unit);
                pools.put(variant, Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, Workloads.seedTags(unit)));
            }
            THREADS.forEach(n -> rates.put(n, new EnumMap<>(Variant.class)));
            AtomicLong revision = new AtomicLong();
            Random random = new Random(20261127L);
            List<Variant> order = new ArrayList<>(variants);
            for (int round = 0; round < warmupRounds + rounds; round++) {
                for (int n : THREADS) {
                    Collections.shuffle(order, random);
                    for (Variant variant : order) {
                        double rate = turn(threads, units.get(variant), pools.get(variant), n, turnMillis, revision);
                        if (round >= warmupRounds) {
                            rates.get(n).computeIfAbsent(variant, v -> new ArrayList<>()).add(rate);
                        }
                    }
                }
                System.err.printf(Locale.ROOT, "concurrency: round %d of %d%n", round + 1, warmupRounds + rounds);
            }
        } finally {
            threads.shutdownNow();
            units.values().forEach(BenchUnit::close);
        }
        print(db, rounds, turnMillis, variants, rates);
    }

    /** Runs W3 on {@code n} threads for about {@code millis}; returns the transactions per second. */
    private static double turn(ExecutorService threads, BenchUnit unit, List<Long> pool, int n, long millis,
            AtomicLong revision) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        int slice = pool.size() / n;
        List<Future<Long>> done = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < n; t++) {
            List<Long> own = pool.subList(t * slice, t * slice + slice);
            done.add(threads.submit(() -> {
                start.await();
                long deadline = window[0] + millis * 1_000_000L;
                long count = 0;
                while (System.nanoTime() < deadline) {
                    Workloads.updateArticle(unit, own.get((int) (count % own.size())), revision.incrementAndGet());
                    count++;
                }
                return count;
            }));
        }
        window[0] = System.nanoTime();
        start.countDown();
        long transactions = 0;
        for (Future<Long> future : done) {
            transactions += future.get();
        }
        // The last transaction of each thread ends after the deadline: count the time until all ended.
        window[1] = System.nanoTime();
        return transactions / ((window[1] - window[0]) / 1e9);
    }

    private static void print(String db, int rounds, long turnMillis, List<Variant> variants,
            Map<Integer, Map<Variant, List<Double>>> rates) {
        System.out.printf(Locale.ROOT, "%n### Concurrency, %s: W3 transactions per second, median over %d rounds of %d ms"
                + " per turn (min - max)%n%n| threads |", db, rounds, turnMillis);
        variants.forEach(v -> System.out.print(" " + v + " |"));
        System.out.print("\n| ---: |");
        variants.forEach(v -> System.out.print(" ---: |"));
        System.out.println();
        rates.forEach((n, byVariant) -> {
            StringBuilder line = new StringBuilder("| " + n + " |");
            for (Variant variant : variants) {
                List<Double> sorted = byVariant.get(variant).stream().sorted().toList();
                line.append(String.format(Locale.ROOT, " %.0f (%.0f - %.0f) |", median(sorted), sorted.get(0),
                        sorted.get(sorted.size() - 1)));
            }
            System.out.println(line);
        });
        Variant base = variants.get(0);
        System.out.printf(Locale.ROOT, "%n### Concurrency, %s: median of the per-round ratios %s throughput / variant's"
                + " throughput (quartiles); above 1 is slower than %s%n%n| threads |", db, base, base);
        variants.stream().skip(1).forEach(v -> System.out.print(" " + v + "/" + base + " |"));
        System.out.print("\n| ---: |");
        variants.stream().skip(1).forEach(v -> System.out.print(" ---: |"));
        System.out.println();
        rates.forEach((n, byVariant) -> {
            StringBuilder line = new StringBuilder("| " + n + " |");
            for (Variant variant : variants.subList(1, variants.size())) {
                line.append(quartiles(byVariant.get(variant), byVariant.get(base)));
            }
            System.out.println(line);
        });
        System.out.printf(Locale.ROOT, "%n### Concurrency, %s: scaling, median of the per-round ratios of the throughput"
                + " at n threads to that at 1 thread (quartiles)%n%n| threads |", db);
        variants.forEach(v -> System.out.print(" " + v + " |"));
        System.out.print("\n| ---: |");
        variants.forEach(v -> System.out.print(" ---: |"));
        System.out.println();
        int first = THREADS.get(0);
        for (int n : THREADS.subList(1, THREADS.size())) {
            StringBuilder line = new StringBuilder("| " + n + " |");
            for (Variant variant : variants) {
                line.append(quartiles(rates.get(first).get(variant), rates.get(n).get(variant)));
            }
            System.out.println(line);
        }
    }

    /** The median and quartiles of the per-round ratios numerator / denominator. */
    private static String quartiles(List<Double> denominators, List<Double> numerators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < denominators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        Collections.sort(ratios);
        return String.format(Locale.ROOT, " %.2f (%.2f - %.2f) |", median(ratios), quantile(ratios, 0.25),
                quantile(ratios, 0.75));
    }

    private static double median(List<Double> sorted) {
        return quantile(sorted, 0.5);
    }

    private static double quantile(List<Double> sorted, double q) {
        return Interleaved.quantile(sorted, q);
    }
}
