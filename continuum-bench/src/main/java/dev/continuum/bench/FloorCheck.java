package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that the floor (F) writes exactly the rows Continuum (C) writes: runs the same sequence of
 * write workloads through both (seeding the tags, W1, W2, W3, W4, each once, on fresh schemas, so both
 * get the same ids from their sequences) and compares the transaction tables and the four version
 * tables row by row. Transaction ids are compared by their rank (the n-th transaction of C against
 * the n-th of F), and the columns that hold a time of day ({@code issued_at}, the article's
 * {@code updatedAt}, set by {@code Instant.now()}) by whether they are null, since the two runs
 * happen at different instants. Comments are compared without their ids, which depend on the order
 * in which the persist cascades over a hash set.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.FloorCheck [h2|postgresql|mariadb]};
 * exits with status 1 and prints the first difference when the rows differ.
 */
public final class FloorCheck {

    private static final List<String> TABLES =
            List.of("transaction", "tag_version", "article_version", "comment_version", "article_tag_version");

    private FloorCheck() {
    }

    /** @param args the database (default h2) */
    public static void main(String[] args) throws SQLException {
        Database database = Database.named(args.length > 0 ? args[0] : "h2");
        List<String> differences = check(database);
        if (differences.isEmpty()) {
            System.out.println("F writes the same rows as C on " + database.name().toLowerCase(Locale.ROOT));
        } else {
            differences.forEach(System.out::println);
            System.exit(1);
        }
    }

    /** Runs the workloads through C and F on the database; returns the differences found (none: same rows). */
    public static List<String> check(Database database) throws SQLException {
        Map<Variant, Map<String, List<String>>> rows = new HashMap<>();
        for (Variant variant : List.of(Variant.C, Variant.F)) {
            try (BenchUnit unit = BenchUnit.open(variant, database, false, null)) {
                List<Long> tags = Workloads.seedTags(unit);
                List<Long> articles = Workloads.insertArticles(unit, tags, 0);
                Workloads.updateArticles(unit, articles, 1);
                Workloads.updateArticle(unit, articles.get(0), 2);
                Workloads.deleteArticles(unit, articles);
                rows.put(variant, read(database, variant.tablePrefix()));
            }
        }
        List<String> differences = new ArrayList<>();
        for (String table : TABLES) {
            List<String> c = rows.get(Variant.C).get(table);
            List<String> f = rows.get(Variant.F).get(table);
            if (c.isEmpty()) {
                differences.add("C wrote no rows into " + table + ": nothing to compare");
            } else if (!c.equals(f)) {
                differences.add(table + ": C wrote " + c.size() + " rows, F " + f.size());
                for (int i = 0; i < Math.max(c.size(), f.size()); i++) {
                    String expected = i < c.size() ? c.get(i) : "(none)";
                    String actual = i < f.size() ? f.get(i) : "(none)";
                    if (!expected.equals(actual)) {
                        differences.add("  first difference, row " + i + ": C " + expected + ", F " + actual);
                        break;
                    }
                }
            }
        }
        return differences;
    }

    /** Every row of the variant's history tables, as text, in a stable order. */
    private static Map<String, List<String>> read(Database database, String prefix) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            Map<Long, Integer> rank = new HashMap<>();
            try (ResultSet rs = statement.executeQuery("select id from " + prefix + "transaction order by id")) {
                while (rs.next()) {
                    rank.put(rs.getLong(1), rank.size() + 1);
                }
            }
            for (String table : TABLES) {
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select * from " + prefix + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                            Object value = rs.getObject(i);
                            if (value != null && (column.equals("transaction_id") || column.equals("end_transaction_id")
                                    || column.equals("id") && table.equals("transaction"))) {
                                value = "tx#" + rank.get(((Number) value).longValue());
                            } else if (value != null && (column.equals("issued_at") || column.equals("updatedat"))) {
                                value = "(a time)";
                            } else if (column.equals("id") && table.equals("comment_version")) {
                                // Cascading the persist walks a hash set: the two comments of an article
                                // get their ids in either order. Article and text identify a comment here.
                                continue;
                            }
                            line.append(column).append('=').append(value).append(' ');
                        }
                        lines.add(line.toString().trim());
                    }
                }
                lines.sort(null);
                rows.put(table, lines);
            }
        }
        return rows;
    }
}
