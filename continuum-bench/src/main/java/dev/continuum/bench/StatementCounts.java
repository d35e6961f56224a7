package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.JdbcCounter;
import dev.continuum.bench.harness.Reads;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs each write workload a fixed number of times per variant, untimed, and prints per operation:
 * the SQL statements prepared (as the benchmarks count them, through the statement inspector), the
 * JDBC executions (round trips) and the rows sent. With {@code --detail}, also which statements,
 * by verb and table.
 *
 * <p>With {@code read}, it counts the read workloads R1 (at 10, 100 and 1000 versions), R2 and R3
 * instead (see {@link Reads}), for the variants that keep history.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.StatementCounts [h2|postgresql|mariadb]
 * [--detail] [write|read]}
 */
public final class StatementCounts {

    private static final int ROUNDS = 10;

    /** What one variant does per operation of one workload, averaged over the measured operations. */
    record Count(double statements, double executions, double rows, Map<String, Double> shapes) {
    }

    /** One workload: its seeding (uncounted) and its operation (counted), over one variant's unit. */
    private interface Workload {
        /** Prepares the unit and returns the operation to count; the operation's argument is its number. */
        Operation prepare(BenchUnit unit);
    }

    private interface Operation {
        /** Runs uncounted set-up for operation {@code n}, then returns the counted work. */
        Runnable next(int n);
    }

    private StatementCounts() {
    }

    /**
     * Prints the statement tables for one database.
     *
     * @param args the database name (default h2), {@code --detail} for the per-statement breakdown, and
     *             the variants to count (e.g. {@code P,F,C}; default all)
     */
    public static void main(String[] args) {
        String db = "h2";
        boolean detail = false;
        boolean read = false;
        List<String> named = null;
        for (String arg : args) {
            if (arg.equals("--detail")) {
                detail = true;
            } else if (arg.contains(",")) {
                named = List.of(arg.split(","));
            } else if (arg.equals("read")) {
                read = true;
            } else if (!arg.equals("write")) {
                db = arg;
            }
        }
        Database database = Database.named(db);
        Map<String, Map<Variant, Count>> counts = new LinkedHashMap<>();
        List<String> chosen = named;
        for (Variant variant : (read ? Reads.variants() : List.of(Variant.values())).stream()
                .filter(v -> chosen == null || chosen.contains(v.name())).toList()) {
            JdbcCounter jdbc = new JdbcCounter();
            try (BenchUnit unit = BenchUnit.open(variant, database, true, jdbc)) {
                (read ? readWorkloads() : workloads()).forEach((name, workload) -> counts.computeIfAbsent(name, n -> new EnumMap<>(Variant.class))
                        .put(variant, count(unit, jdbc, workload, name.startsWith("W3") ? 10 * ROUNDS : ROUNDS)));
            }
        }
        System.out.printf(Locale.ROOT, "%n### Statements per operation, %s%n", db);
        table("SQL statements prepared (statement inspector; a JDBC batch counts once)", counts, Count::statements);
        table("JDBC executions (round trips: execute* and executeBatch calls)", counts, Count::executions);
        table("Rows sent (non-batched executions plus addBatch calls)", counts, Count::rows);
        if (detail) {
            for (var workload : counts.entrySet()) {
                System.out.printf(Locale.ROOT, "%n#### %s: statements per operation by verb and table%n%n", workload.getKey());
                for (var variant : workload.getValue().entrySet()) {
                    StringBuilder line = new StringBuilder("- " + variant.getKey() + ": ");
                    List<String> parts = new ArrayList<>();
                    variant.getValue().shapes().forEach((shape, n) ->
                            parts.add(String.format(Locale.ROOT, "%s %s", number(n), shape)));
                    System.out.println(line.append(String.join(", ", parts)));
                }
            }
        }
    }

    private static Map<String, Workload> workloads() {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        workloads.put("W1 insert", unit -> {
            List<Long> tags = Workloads.seedTags(unit);
            return n -> () -> Workloads.insertArticles(unit, tags, n);
        });
        workloads.put("W2 update", unit -> {
            List<Long> pool = pool(unit);
            int size = Workloads.ARTICLES_PER_TRANSACTION;
            return n -> () -> Workloads.updateArticles(unit,
                    pool.subList(n * size % pool.size(), n * size % pool.size() + size), 1 + n * size / pool.size());
        });
        workloads.put("W3 single-row update", unit -> {
            List<Long> pool = pool(unit);
            return n -> () -> Workloads.updateArticle(unit, pool.get(n % pool.size()), 1 + n / pool.size());
        });
        workloads.put("W4 delete", unit -> {
            List<Long> tags = Workloads.seedTags(unit);
            return n -> {
                List<Long> doomed = Workloads.seedArticles(unit, Workloads.ARTICLES_PER_TRANSACTION, tags);
                return () -> Workloads.deleteArticles(unit, doomed);
            };
        });
        return workloads;
    }

    private static Map<String, Workload> readWorkloads() {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (int size : Reads.HISTORY_SIZES) {
            workloads.put("R1 history, " + size + " versions", unit -> {
                Long id = Reads.seed(unit, List.of(size)).history(size);
                return n -> () -> Reads.history(unit, id);
            });
        }
        workloads.put("R2 one article as of, with relations", unit -> {
            Reads.Fixture fixture = Reads.seed(unit, List.of());
            List<Long> articles = fixture.articles();
            return n -> () -> Reads.asOf(unit, fixture, articles.get(n % articles.size()));
        });
        workloads.put("R3 100 articles as of", unit -> {
            Reads.Fixture fixture = Reads.seed(unit, List.of());
            return n -> () -> Reads.allAsOf(unit, fixture);
        });
        return workloads;
    }

    /** Seeds the update pool and updates every article once, so measured updates close an update version. */
    private static List<Long> pool(BenchUnit unit) {
        List<Long> pool = Workloads.seedArticles(unit, Workloads.ARTICLE_POOL, Workloads.seedTags(unit));
        for (int from = 0; from < pool.size(); from += Workloads.ARTICLES_PER_TRANSACTION) {
            Workloads.updateArticles(unit, pool.subList(from, from + Workloads.ARTICLES_PER_TRANSACTION), 0);
        }
        return pool;
    }

    private static Count count(BenchUnit unit, JdbcCounter jdbc, Workload workload, int operations) {
        unit.truncate();
        Operation operation = workload.prepare(unit);
        // The first operation fills Hibernate's caches and id pools; it is not counted.
        operation.next(0).run();
        long statements = 0;
        long executions = 0;
        long rows = 0;
        Map<String, Long> shapes = new TreeMap<>();
        for (int n = 1; n <= operations; n++) {
            Runnable work = operation.next(n);
            unit.statements().reset();
            jdbc.reset();
            work.run();
            statements += unit.statements().count();
            executions += jdbc.executions();
            rows += jdbc.rows();
            unit.statements().byShape().forEach((shape, k) -> shapes.merge(shape, k, Long::sum));
        }
        Map<String, Double> perOperation = new TreeMap<>();
        shapes.forEach((shape, k) -> perOperation.put(shape, (double) k / operations));
        return new Count((double) statements / operations, (double) executions / operations,
                (double) rows / operations, perOperation);
    }

    private static void table(String title, Map<String, Map<Variant, Count>> counts, Function<Count, Double> value) {
        StringBuilder header = new StringBuilder("| workload |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Variant variant : Variant.values()) {
            header.append(' ').append(variant).append(" |");
            rule.append(" ---: |");
        }
        System.out.printf(Locale.ROOT, "%n%s:%n%n%s%n%s%n", title, header, rule);
        counts.forEach((workload, byVariant) -> {
            StringBuilder line = new StringBuilder("| " + workload + " |");
            for (Variant variant : Variant.values()) {
                Count count = byVariant.get(variant);
                line.append(' ').append(count == null ? "-" : number(value.apply(count))).append(" |");
            }
            System.out.println(line);
        });
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
