package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Reads;
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
import java.util.function.Function;

/**
 * Runs the write workloads with all variants open in one JVM, taking turns: in every round each
 * variant, in a shuffled order, runs the same fixed number of operations, and the time per
 * operation of each variant is compared with plain Hibernate's in the same round. JMH measures one
 * variant after the other, so on a machine whose load changes (other builds, other databases) a
 * ratio of two JMH scores also measures the change of load; the paired ratios here do not.
 *
 * <p>With {@code read}, it runs the read workloads R1 (at 10, 100 and 1000 versions), R2 and R3
 * instead (see {@link Reads}), over the variants that keep history, and compares each with Envers
 * (E) in the same round: a ratio C/E of 0.5 means Continuum reads at twice Envers' throughput.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.Interleaved [h2|postgresql|mariadb]
 * [quick|full] [write|read] [variants, e.g. P,F,C,E] [warmup=N] [rounds=N]}. Quick: 3 warmup and 10
 * measured rounds; full: 5 and 30; all variants unless named (the base, P or E, always runs). Naming N,
 * native versioning, adds W5, a bulk update of 100,000 articles
 * ({@code -Dcontinuum.bench.bulk_rows=N} for another number).
 */
public final class Interleaved {

    /** One workload as the interleaved run drives it over one variant's unit. */
    private interface Driver {
        /** Untimed work before operation {@code n} (seeding what it deletes). */
        default void before(int n) {
        }

        /** The timed operation {@code n} (0, 1, 2... per variant). */
        void operation(int n);
    }

    /** A workload: its name, operations per variant per round, and how to prepare a unit for it. */
    private record Workload(String name, int operationsPerRound, Function<BenchUnit, Driver> prepare) {
    }

    private Interleaved() {
    }

    /**
     * Prints, per workload, each variant's median time per operation and its median ratio to plain
     * Hibernate over the measured rounds.
     *
     * @param args the database (default h2), the mode (default quick) and the workloads (default write)
     */
    public static void main(String[] args) {
        String db = "h2";
        boolean full = false;
        boolean read = false;
        List<Variant> chosen = null;
        Integer warmupChosen = null;
        Integer roundsChosen = null;
        for (String arg : args) {
            if (arg.equals("full")) {
                full = true;
            } else if (arg.equals("read")) {
                read = true;
            } else if (arg.startsWith("rounds=")) {
                roundsChosen = Integer.valueOf(arg.substring("rounds=".length()));
            } else if (arg.startsWith("warmup=")) {
                warmupChosen = Integer.valueOf(arg.substring("warmup=".length()));
            } else if (arg.contains(",")) {
                chosen = List.of(arg.split(",")).stream().map(v -> Variant.valueOf(v.trim())).toList();
            } else if (!arg.equals("quick") && !arg.equals("write")) {
                db = arg;
            }
        }
        Database database = Database.named(db);
        List<Variant> all = read ? Reads.variants() : List.of(Variant.values());
        Variant base = read ? Variant.E : Variant.P;
        // The base variant always runs, first: every ratio is to it.
        List<Variant> named = chosen;
        List<Variant> variants = named == null ? all
                : all.stream().filter(v -> v == base || named.contains(v)).toList();
        int warmupRounds = warmupChosen != null ? warmupChosen : full ? 5 : 3;
        int rounds = roundsChosen != null ? roundsChosen : full ? 30 : 10;
        Map<String, Map<Variant, List<Double>>> times = new LinkedHashMap<>();
        for (Workload workload : read ? readWorkloads() : workloads(named != null && named.contains(Variant.N) && variants.contains(Variant.N))) {
            times.put(workload.name(), run(workload, variants, database, warmupRounds, rounds));
        }
        print(db, rounds, times, variants, base);
    }

    /** Rows of the bulk update workload, W5: one {@code update Article set ...} over all of them. */
    private static final int BULK_ROWS = Integer.getInteger("continuum.bench.bulk_rows", 100_000);

    /**
     * The write workloads; the bulk update (W5), which only native versioning records, when N is named
     * among the variants (it seeds 100,000 articles per variant).
     */
    private static List<Workload> workloads(boolean bulk) {
        int batch = Workloads.ARTICLES_PER_TRANSACTION;
        List<Workload> workloads = new ArrayList<>(List.of(
                new Workload("W1 insert", 5, unit -> {
                    List<Long> tags = Workloads.seedTags(unit);
                    return n -> Workloads.insertArticles(unit, tags, n);
                }),
                new Workload("W2 update", Workloads.ARTICLE_POOL / batch, unit -> {
                    List<Long> pool = Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, Workloads.seedTags(unit));
                    int slices = pool.size() / batch;
                    return n -> Workloads.updateArticles(unit,
                            pool.subList(n % slices * batch, n % slices * batch + batch), 1 + n / slices);
                }),
                new Workload("W3 single-row update", 100, unit -> {
                    List<Long> pool = Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, Workloads.seedTags(unit));
                    return n -> Workloads.updateArticle(unit, pool.get(n % pool.size()), 1 + n / pool.size());
                }),
                new Workload("W4 delete", 3, unit -> {
                    List<Long> tags = Workloads.seedTags(unit);
                    return new Driver() {
                        private List<Long> doomed;

                        @Override
                        public void before(int n) {
                            doomed = Workloads.seedArticles(unit, batch, tags);
                        }

                        @Override
                        public void operation(int n) {
                            Workloads.deleteArticles(unit, doomed);
                        }
                    };
                })));
        if (bulk) {
            workloads.add(new Workload("W5 bulk update of " + BULK_ROWS + " rows", 1, unit -> {
                List<Long> tags = Workloads.seedTags(unit);
                Workloads.seedArticles(unit, BULK_ROWS, tags);
                return n -> Workloads.bulkUpdate(unit, n + 1);
            }));
        }
        return workloads;
    }

    private static List<Workload> readWorkloads() {
        List<Workload> workloads = new ArrayList<>();
        for (int size : Reads.HISTORY_SIZES) {
            workloads.add(new Workload("R1 history, " + size + " versions", size >= 1000 ? 5 : size >= 100 ? 20 : 50,
                    unit -> {
                        Long id = Reads.seed(unit, List.of(size)).history(size);
                        return n -> Reads.history(unit, id);
                    }));
        }
        workloads.add(new Workload("R2 one article as of, with relations", 50, unit -> {
            Reads.Fixture fixture = Reads.seed(unit, List.of());
            List<Long> articles = fixture.articles();
            return n -> Reads.asOf(unit, fixture, articles.get(n % articles.size()));
        }));
        workloads.add(new Workload("R3 100 articles as of", 10, unit -> {
            Reads.Fixture fixture = Reads.seed(unit, List.of());
            return n -> Reads.allAsOf(unit, fixture);
        }));
        return workloads;
    }

    private static Map<Variant, List<Double>> run(Workload workload, List<Variant> variants, Database database,
            int warmupRounds, int rounds) {
        Map<Variant, BenchUnit> units = new EnumMap<>(Variant.class);
        Map<Variant, Driver> drivers = new EnumMap<>(Variant.class);
        Map<Variant, Integer> done = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> times = new EnumMap<>(Variant.class);
        try {
            for (Variant variant : variants) {
                BenchUnit unit = BenchUnit.open(variant, database, false, null);
                units.put(variant, unit);
                drivers.put(variant, workload.prepare().apply(unit));
                done.put(variant, 0);
                times.put(variant, new ArrayList<>());
            }
            // A fixed seed: the same order of turns on every run, different in every round.
            Random random = new Random(20261124L);
            List<Variant> order = new ArrayList<>(variants);
            for (int round = 0; round < warmupRounds + rounds; round++) {
                Collections.shuffle(order, random);
                for (Variant variant : order) {
                    Driver driver = drivers.get(variant);
                    long elapsed = 0;
                    int first = done.get(variant);
                    for (int i = 0; i < workload.operationsPerRound(); i++) {
                        driver.before(first + i);
                        long start = System.nanoTime();
                        driver.operation(first + i);
                        elapsed += System.nanoTime() - start;
                    }
                    done.put(variant, first + workload.operationsPerRound());
                    if (round >= warmupRounds) {
                        times.get(variant).add(elapsed / 1e6 / workload.operationsPerRound());
                    }
                }
                System.err.printf(Locale.ROOT, "%s: round %d of %d%n", workload.name(), round + 1,
                        warmupRounds + rounds);
            }
            return times;
        } finally {
            units.values().forEach(BenchUnit::close);
        }
    }

    private static void print(String db, int rounds, Map<String, Map<Variant, List<Double>>> times,
            List<Variant> variants, Variant base) {
        StringBuilder header = new StringBuilder("| workload |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Variant variant : variants) {
            header.append(' ').append(variant).append(" |");
            rule.append(" ---: |");
        }
        System.out.printf(Locale.ROOT, "%n### Interleaved, %s: median ms per operation over %d rounds (min - max)%n%n%s%n%s%n",
                db, rounds, header, rule);
        times.forEach((workload, byVariant) -> {
            StringBuilder line = new StringBuilder("| " + workload + " |");
            for (Variant variant : variants) {
                List<Double> sorted = byVariant.get(variant).stream().sorted().toList();
                line.append(String.format(Locale.ROOT, " %s (%s - %s) |", number(quantile(sorted, 0.5)),
                        number(sorted.get(0)), number(sorted.get(sorted.size() - 1))));
            }
            System.out.println(line);
        });
        printRatios(db, times, variants, base);
        if (base == Variant.P && variants.contains(Variant.F)) {
            // The floor: what any history that writes Continuum's rows costs at least on this database.
            printRatios(db, times, variants.stream().filter(v -> v != Variant.P).toList(), Variant.F);
        }
    }

    private static void printRatios(String db, Map<String, Map<Variant, List<Double>>> times, List<Variant> variants,
            Variant base) {
        StringBuilder ratioHeader = new StringBuilder("| workload |");
        StringBuilder ratioRule = new StringBuilder("| --- |");
        for (Variant variant : variants) {
            if (variant != base) {
                ratioHeader.append(' ').append(variant).append('/').append(base).append(" |");
                ratioRule.append(" ---: |");
            }
        }
        System.out.printf(Locale.ROOT, "%n### Interleaved, %s: median of the per-round ratios to %s (quartiles)%n%n%s%n%s%n",
                db, base, ratioHeader, ratioRule);
        times.forEach((workload, byVariant) -> {
            StringBuilder line = new StringBuilder("| " + workload + " |");
            List<Double> plain = byVariant.get(base);
            for (Variant variant : variants) {
                if (variant == base) {
                    continue;
                }
                List<Double> other = byVariant.get(variant);
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < plain.size(); i++) {
                    ratios.add(other.get(i) / plain.get(i));
                }
                Collections.sort(ratios);
                line.append(String.format(Locale.ROOT, " %.2f (%.2f - %.2f) |", quantile(ratios, 0.5),
                        quantile(ratios, 0.25), quantile(ratios, 0.75)));
            }
            System.out.println(line);
        });
    }

    /** The q-quantile of sorted values, interpolated linearly. */
    static double quantile(List<Double> sorted, double q) {
        double position = q * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : value >= 1 ? "%.2f" : "%.3f",
                value);
    }
}
