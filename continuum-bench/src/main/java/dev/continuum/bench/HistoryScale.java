package dev.continuum.bench;

import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.BulkHistory;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.JdbcCounter;
import dev.continuum.bench.harness.Reads;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;
import dev.continuum.bench.model.BenchArticle;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the cost of an operation stays the same when the history grows a thousandfold: seeds
 * variant C's whole history in bulk ({@link BulkHistory}: articles, their comments and tag links,
 * all their version rows and the transaction rows), small ({@code articles / 1000} articles, once to
 * warm the JVM up), then large ({@code articles}), then small again; checks through Continuum's read
 * API that the history read is the one seeded, times R1, R2, R3 and W3 (medians of many single
 * operations, after a warmup, in interleaved passes), and prints each operation's large/small
 * ratio. At the large size it then runs each operation once more through a connection that
 * records the statements Continuum issues, and prints the database's plan of each
 * ({@code explain (analyze, buffers)} on PostgreSQL, {@code analyze} on MariaDB; writes are rolled
 * back), flagging full scans and sorts of more than {@value #LARGE} rows.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.HistoryScale postgresql|mariadb
 * [articles] [rounds]} (default 1,000,000 articles of 8 versions: 8,000,000 article versions plus
 * 2,000,000 comment versions and 2,000,000 tag link versions). Tables are dropped at the end.
 */
public final class HistoryScale {

    /**
     * The operations timed: R1, R2, R3 and W3 on random articles of the whole history, and R1 and R2
     * on the small history's articles only ({@code R1_FEW}, {@code R2_FEW}: at the large size, the same
     * few pages over and over, which stay in the database's cache).
     */
    enum Op { R1, R2, R3, W3, R1_FEW, R2_FEW }

    /** The articles of the small history. */
    private static final long SMALL_ARTICLES = 1000;

    /** Passes before measuring: enough for the JIT to compile the paths of every operation. */
    private static final int WARMUP_PASSES = 10;
    private static final int PASSES = 10;
    /** Operations of each kind per pass (R3, ten times heavier, a quarter as many). */
    private static final int PER_PASS = 40;
    /** Rows beyond which a full scan or a sort in a plan is reported: a page of R3 is 100 rows. */
    private static final long LARGE = 1000;
    private static final Pattern SORT = Pattern.compile("(->\\s*)?(Incremental )?Sort\\s+\\(");
    private static final Pattern ACTUAL_ROWS = Pattern.compile("actual time=\\S+ rows=(\\d+) loops=(\\d+)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    private HistoryScale() {
    }

    /**
     * Runs the small and the large history and prints the ratios and the plans.
     *
     * @param args the database, the number of articles (a multiple of 100 000) and of versions per article
     * @throws SQLException when seeding or explaining fails
     */
    public static void main(String[] args) throws SQLException {
        Database database = Database.named(args.length > 0 ? args[0] : "postgresql");
        long articles = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long few = Math.max(BulkHistory.PER_TRANSACTION, Math.min(SMALL_ARTICLES, articles / 1000));
        // the first run warms the JVM up (its figures are printed, not compared); the small history
        // is then measured after the large one, by a JVM as warm as the one that measured the large
        Map<Op, Quartiles> first = run(database, few, rounds, false);
        Map<Op, Quartiles> large = run(database, articles, rounds, true);
        Map<Op, Quartiles> small = run(database, few, rounds, false);
        System.out.printf(Locale.ROOT, "%n%s: median per operation, small history (first run, JVM warming up; "
                + "second run) / large history, load %.2f%n", database.name().toLowerCase(Locale.ROOT), load());
        for (Op op : Op.values()) {
            System.out.printf(Locale.ROOT, "%s  (%.2f ms)  %s  %s  ratio %.2f%n", op, first.get(op).median(),
                    small.get(op), large.get(op), large.get(op).median() / small.get(op).median());
        }
    }

    private static Map<Op, Quartiles> run(Database database, long articles, int rounds, boolean plans)
            throws SQLException {
        BulkHistory history = new BulkHistory(database, articles, rounds);
        try (BenchUnit unit = BenchUnit.open(Variant.C, database, Map.of())) {
            unit.factory();
            long start = System.nanoTime();
            history.transactions();
            history.articles();
            history.relations();
            history.analyze();
            System.out.printf(Locale.ROOT, "%s: seeded %,d articles of %d versions, %,d version rows, in %.1f s "
                    + "(load %.2f); %s%n", database.name().toLowerCase(Locale.ROOT), articles, rounds,
                    history.versionRows(), (System.nanoTime() - start) / 1e9, load(), sizes(database));
            long point = pastPoint(history, rounds);
            check(unit, history, articles, rounds, point);
            Map<Op, Quartiles> medians = measure(unit, articles, rounds, point);
            medians.forEach((op, ms) -> System.out.printf(Locale.ROOT, "  %s %s%n", op, ms));
            System.out.printf(Locale.ROOT, "  load after measuring %.2f%n", load());
            if (plans) {
                explain(database, articles, rounds, point);
            }
            return medians;
        }
    }

    /** The size of the version tables (rows and indexes) and the database's own page cache. */
    private static String sizes(Database database) throws SQLException {
        String sql = database == Database.POSTGRESQL
                ? "select pg_size_pretty(sum(pg_total_relation_size(c.oid))), current_setting('shared_buffers') "
                        + "from pg_class c where c.relkind = 'r' and c.relname like 'c\\_%version'"
                : "select concat(round(sum(data_length + index_length) / 1048576), ' MB'), "
                        + "concat(@@innodb_buffer_pool_size div 1048576, ' MB') from information_schema.tables "
                        + "where table_schema = database() and table_name like 'c\\_%version'";
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return "version tables " + rs.getString(1) + " (rows and indexes), page cache of the database "
                    + rs.getString(2);
        }
    }

    /** The past point R2 and R3 read at: the middle of round {@code rounds / 2}. */
    private static long pastPoint(BulkHistory history, int rounds) {
        return history.firstTransaction(rounds / 2) + history.perRound() / 2;
    }

    /** Checks, through Continuum's read API and a count, that the history read is the one seeded. */
    private static void check(BenchUnit unit, BulkHistory history, long articles, int rounds, long point)
            throws SQLException {
        Class<? extends BenchArticle> type = unit.model().articleType();
        Reads.Fixture fixture = new Reads.Fixture(Map.of(), List.of(), point);
        for (long id : new long[] {1, articles / 2 + 1, articles}) {
            List<? extends Version<? extends BenchArticle>> versions =
                    unit.fromTransaction(em -> VersionHistory.of(em).versions(type, id));
            require(versions.size() == rounds, "article " + id + " has " + versions.size() + " versions");
            for (int j = 0; j < rounds; j++) {
                Version<? extends BenchArticle> version = versions.get(j);
                long expected = history.firstTransaction(j) + (id - 1) / BulkHistory.PER_TRANSACTION;
                OptionalLong end = version.endTransactionId();
                require(version.transactionId() == expected
                        && version.operation() == (j == 0 ? Operation.INSERT : Operation.UPDATE)
                        && (j == rounds - 1 ? end.isEmpty()
                                : end.isPresent() && end.getAsLong() == versions.get(j + 1).transactionId())
                        && version.entity().getTitle().equals("Article " + id + ", revision " + j),
                        "version " + j + " of article " + id + " is " + version.transactionId() + ".." + end);
            }
            // the article, its two comments and its two tags, as of the past point
            int read = Reads.asOf(unit, fixture, id);
            require(read == 5, "article " + id + " as of " + point + " read " + read + " of 5 rows");
        }
        int page = Reads.allAsOf(unit, fixture);
        require(page == Reads.PAGE, "the page as of " + point + " has " + page + " articles");
        int changed = unit.fromTransaction(em -> VersionHistory.of(em).changedIn(1).size());
        require(changed >= BulkHistory.PER_TRANSACTION * 3 + BulkHistory.TAGS,
                "transaction 1 changed " + changed + " entities");
        try (Connection connection = connect(unit.database());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*), count(end_transaction_id) "
                        + "from c_article_version")) {
            rs.next();
            require(rs.getLong(1) == articles * rounds && rs.getLong(2) == articles * (rounds - 1),
                    "c_article_version holds " + rs.getLong(1) + " rows, " + rs.getLong(2) + " closed");
        }
        System.out.printf(Locale.ROOT, "  checked: versions, chains, as-of reads and counts as seeded "
                + "(transaction 1 changed %d entities)%n", changed);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("The seeded history is not as expected: " + problem);
        }
    }

    /** Median milliseconds per operation over interleaved passes, each operation on a random article. */
    private static Map<Op, Quartiles> measure(BenchUnit unit, long articles, int rounds, long point) {
        Reads.Fixture fixture = new Reads.Fixture(Map.of(), List.of(), point);
        Random random = new Random(42);
        Map<Op, List<Double>> samples = new EnumMap<>(Op.class);
        long[] round = {rounds};
        for (int pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
            boolean kept = pass >= WARMUP_PASSES;
            time(samples, Op.R1, kept, PER_PASS, () -> Reads.history(unit, id(random, articles)));
            time(samples, Op.R2, kept, PER_PASS, () -> Reads.asOf(unit, fixture, id(random, articles)));
            time(samples, Op.R3, kept, PER_PASS / 4, () -> Reads.allAsOf(unit, fixture));
            time(samples, Op.W3, kept, PER_PASS, () -> Workloads.updateArticle(unit, id(random, articles), round[0]++));
            long few = Math.min(articles, SMALL_ARTICLES);
            time(samples, Op.R1_FEW, kept, PER_PASS, () -> Reads.history(unit, id(random, few)));
            time(samples, Op.R2_FEW, kept, PER_PASS, () -> Reads.asOf(unit, fixture, id(random, few)));
        }
        Map<Op, Quartiles> medians = new EnumMap<>(Op.class);
        samples.forEach((op, times) -> medians.put(op, Quartiles.of(times)));
        return medians;
    }

    private static Long id(Random random, long articles) {
        return 1 + (long) (random.nextDouble() * articles);
    }

    private static void time(Map<Op, List<Double>> samples, Op op, boolean kept, int times, Runnable work) {
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.run();
            if (kept) {
                samples.computeIfAbsent(op, o -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
            }
        }
    }

    /** Milliseconds per operation: the median and the quartiles around it. */
    record Quartiles(double lower, double median, double upper) {

        static Quartiles of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Quartiles(at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75));
        }

        private static double at(double[] sorted, double quantile) {
            double position = quantile * (sorted.length - 1);
            int below = (int) position;
            int above = Math.min(below + 1, sorted.length - 1);
            return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f ms/op (quartiles %.2f-%.2f)", median, lower, upper);
        }
    }

    /**
     * Runs each operation once through a second unit over the same tables whose connections record
     * the statements, then asks the database for the plan of each distinct statement.
     */
    private static void explain(Database database, long articles, int rounds, long point) throws SQLException {
        JdbcCounter jdbc = new JdbcCounter();
        Reads.Fixture fixture = new Reads.Fixture(Map.of(), List.of(), point);
        Map<Op, LongConsumer> ops = new EnumMap<>(Op.class);
        try (BenchUnit unit = BenchUnit.open(Variant.C, database, Map.of("hibernate.hbm2ddl.auto", "none"), jdbc)) {
            ops.put(Op.R1, id -> Reads.history(unit, id));
            ops.put(Op.R2, id -> Reads.asOf(unit, fixture, id));
            ops.put(Op.R3, id -> Reads.allAsOf(unit, fixture));
            ops.put(Op.W3, id -> Workloads.updateArticle(unit, id, rounds + 100_000L));
            Set<String> seen = new LinkedHashSet<>();
            try (Connection connection = connect(database)) {
                connection.setAutoCommit(false);
                for (Map.Entry<Op, LongConsumer> op : ops.entrySet()) {
                    long id = articles / 3 + 7;
                    op.getValue().accept(id);  // warm, unrecorded
                    jdbc.reset();
                    jdbc.record(true);
                    op.getValue().accept(id + 1);
                    jdbc.record(false);
                    System.out.printf(Locale.ROOT, "%n=== %s: %d statements%n", op.getKey(), jdbc.recorded().size());
                    for (JdbcCounter.Executed executed : jdbc.recorded()) {
                        String sql = literal(executed);
                        if (!seen.add(executed.sql())) {
                            System.out.println("--- (plan above) " + abbreviate(sql));
                            continue;
                        }
                        System.out.println("--- " + sql);
                        plan(database, connection, sql);
                    }
                }
            }
        }
    }

    private static void plan(Database database, Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            plan(statement, (database == Database.POSTGRESQL ? "explain (analyze, buffers) " : "analyze ") + sql, lines);
        } catch (SQLException e) {
            // a write the operation already made (the same key again): its plan without running it
            connection.rollback();
            lines.clear();
            try (Statement statement = connection.createStatement()) {
                plan(statement, "explain " + sql, lines);
                lines.add("(estimated: running it again failed with " + e.getMessage().lines().findFirst().orElse("")
                        + ")");
            } catch (SQLException again) {
                System.out.println("    (no plan: " + again.getMessage() + ")");
                return;
            }
        } finally {
            connection.rollback();
        }
        lines.forEach(line -> System.out.println("    " + line));
        List<String> problems = database == Database.POSTGRESQL ? scans(lines) : mariaDbScans(lines);
        System.out.println(problems.isEmpty() ? "    => index-bound (no full scan or sort of more than "
                + LARGE + " rows)" : "    => NOT index-bound: " + problems);
    }

    /** PostgreSQL plan nodes that scan (sequentially) or sort more than {@link #LARGE} rows. */
    private static List<String> scans(List<String> lines) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String node = lines.get(i).strip();
            boolean scan = node.contains("Seq Scan");
            if (!scan && !SORT.matcher(node).lookingAt()) {
                continue;
            }
            Matcher actual = ACTUAL_ROWS.matcher(node);
            boolean measured = actual.find();
            long loops = measured ? Long.parseLong(actual.group(2)) : 1;
            long rows = measured ? Long.parseLong(actual.group(1)) * loops : 0;
            for (int j = i + 1; scan && j < lines.size() && !lines.get(j).strip().startsWith("->"); j++) {
                Matcher removed = REMOVED.matcher(lines.get(j));
                if (removed.find()) {
                    rows += Long.parseLong(removed.group(1)) * loops;
                }
            }
            if (rows > LARGE) {
                problems.add(node + " [" + rows + " rows]");
            }
        }
        return problems;
    }

    /** MariaDB {@code analyze} rows that read the whole table or sort a file, over more than {@link #LARGE} rows. */
    private static List<String> mariaDbScans(List<String> lines) {
        List<String> problems = new ArrayList<>();
        List<String> header = List.of(lines.get(0).split(" \\| "));
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = List.of(line.split(" \\| ", -1));
            double rows = Math.max(number(column(header, row, "rows")), number(column(header, row, "r_rows")));
            if (rows > LARGE && ("ALL".equals(column(header, row, "type"))
                    || column(header, row, "Extra").contains("filesort"))) {
                problems.add(line);
            }
        }
        return problems;
    }

    private static String column(List<String> header, List<String> row, String name) {
        int index = header.indexOf(name);
        return index < 0 || index >= row.size() ? "" : row.get(index);
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs an explaining statement and adds its rows, one line each (columns joined by " | " with a header). */
    private static void plan(Statement statement, String explain, List<String> lines) throws SQLException {
        try (ResultSet rs = statement.executeQuery(explain)) {
            int columns = rs.getMetaData().getColumnCount();
            if (columns > 1) {
                StringBuilder header = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    header.append(c > 1 ? " | " : "").append(rs.getMetaData().getColumnLabel(c));
                }
                lines.add(header.toString());
            }
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? " | " : "").append(rs.getString(c));
                }
                lines.add(row.toString());
            }
        }
    }

    /** The statement with its parameters as literals, for the database to plan. */
    static String literal(JdbcCounter.Executed executed) {
        StringBuilder sql = new StringBuilder();
        int parameter = 0;
        boolean quoted = false;
        for (char c : executed.sql().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                sql.append(value(executed.parameters().get(++parameter)));
            } else {
                sql.append(c);
            }
        }
        return sql.toString().replaceAll("\\s+", " ").strip();
    }

    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Object[] array) {
            return Arrays.toString(array);
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 160 ? sql : sql.substring(0, 157) + "...";
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
