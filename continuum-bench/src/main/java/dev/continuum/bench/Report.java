package dev.continuum.bench;

import dev.continuum.bench.harness.Variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns JMH's JSON result files into the Markdown tables of {@code docs/performance.md}: per
 * database, each workload and variant with JMH's score and error, the median and range of the
 * measured iterations, and the ratio of each variant to plain Hibernate measured in the same run
 * (to Envers, E, for the read workloads, which plain Hibernate does not run).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.Report result.json...}
 */
public final class Report {

    private static final Map<String, String> WORKLOADS = Map.of(
            "w1Insert", "W1 insert",
            "w2Update", "W2 update",
            "w3SingleUpdate", "W3 single-row update",
            "w4Delete", "W4 delete",
            "r1History10", "R1 history, 10 versions",
            "r1History100", "R1 history, 100 versions",
            "r1History1000", "R1 history, 1000 versions",
            "r2AsOf", "R2 one article as of, with relations",
            "r3AllAsOf", "R3 100 articles as of");

    /** One benchmark result: a workload, variant and database, and its measured iterations. */
    record Result(String workload, Variant variant, String db, String unit, double score, double error,
            List<Double> iterations) {

        double median() {
            List<Double> sorted = iterations.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return iterations.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return iterations.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private Report() {
    }

    /**
     * Prints the tables of the given JMH JSON result files ({@code -rf json}).
     *
     * @param args the result files
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report <jmh-result.json>...");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (String file : args) {
            results.addAll(read(Path.of(file)));
        }
        for (String db : new TreeSet<>(results.stream().map(Result::db).toList())) {
            print(db, results.stream().filter(r -> r.db().equals(db)).toList());
        }
    }

    static List<Result> read(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        for (Object entry : (List<?>) Json.parse(Files.readString(file))) {
            Map<?, ?> benchmark = (Map<?, ?>) entry;
            String name = (String) benchmark.get("benchmark");
            String method = name.substring(name.lastIndexOf('.') + 1);
            Map<?, ?> params = (Map<?, ?>) benchmark.get("params");
            Map<?, ?> metric = (Map<?, ?>) benchmark.get("primaryMetric");
            List<Double> iterations = new ArrayList<>();
            for (Object fork : (List<?>) metric.get("rawData")) {
                for (Object value : (List<?>) fork) {
                    iterations.add((Double) value);
                }
            }
            results.add(new Result(WORKLOADS.getOrDefault(method, method),
                    Variant.valueOf((String) params.get("variant")), (String) params.get("db"),
                    (String) metric.get("scoreUnit"), (Double) metric.get("score"), (Double) metric.get("scoreError"),
                    iterations));
        }
        return results;
    }

    private static void print(String db, List<Result> results) {
        Variant base = results.stream().anyMatch(r -> r.variant() == Variant.P) ? Variant.P : Variant.E;
        List<String> workloads = results.stream().map(Result::workload).distinct().sorted().toList();
        System.out.printf(Locale.ROOT, "%n### %s%n%n", db);
        System.out.println("| workload | variant | score | error (99.9%) | median | min - max | score / " + base + " |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (String workload : workloads) {
            List<Result> rows = results.stream().filter(r -> r.workload().equals(workload))
                    .sorted(Comparator.comparing(Result::variant)).toList();
            Optional<Result> plain = rows.stream().filter(r -> r.variant() == base).findFirst();
            for (Result r : rows) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s - %s | %s |%n", workload, r.variant(),
                        number(r.score()), r.unit(), number(r.error()), number(r.median()), number(r.min()),
                        number(r.max()), plain.map(p -> ratio(r.score() / p.score())).orElse("-"));
            }
        }
        List<Variant> others = List.of(Variant.values()).stream()
                .filter(v -> v != base && results.stream().anyMatch(r -> r.variant() == v)).toList();
        StringBuilder header = new StringBuilder("| workload (" + db + ") |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Variant variant : others) {
            header.append(' ').append(variant).append('/').append(base).append(" |");
            rule.append(" ---: |");
        }
        System.out.printf(Locale.ROOT, "%n%s%n%s%n", header, rule);
        for (String workload : workloads) {
            StringBuilder line = new StringBuilder("| " + workload + " |");
            Optional<Result> plain = find(results, workload, base);
            for (Variant variant : others) {
                Optional<Result> other = find(results, workload, variant);
                line.append(' ').append(plain.isPresent() && other.isPresent()
                        ? ratio(other.get().score() / plain.get().score()) : "-").append(" |");
            }
            System.out.println(line);
        }
    }

    private static Optional<Result> find(List<Result> results, String workload, Variant variant) {
        return results.stream().filter(r -> r.workload().equals(workload) && r.variant() == variant).findFirst();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : value >= 1 ? "%.2f" : "%.3f",
                value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
