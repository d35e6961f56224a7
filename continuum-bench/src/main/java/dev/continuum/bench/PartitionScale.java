package dev.continuum.bench;

import dev.continuum.ContinuumSettings;
import dev.continuum.HistoryAdmin;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.VersionHistory;
import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.BulkHistory;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.harness.Workloads;
import dev.continuum.bench.model.BenchArticle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures pruning and reading a large history in plain and in partitioned version tables
 * ({@value ContinuumSettings#PARTITION_SPAN}, PostgreSQL), one layout after the other on the same
 * data: seeds variant C's article version table in bulk with {@link BulkHistory} ({@code articles}
 * articles of {@code rounds} versions each, every round of versions written by its own transactions,
 * each transaction a day younger than the round before), times R1 (one article's history), R3 (100
 * articles as of a past transaction) and W3 (one update), then prunes the oldest half of the history
 * with {@code keepNewerThan} (not keeping first versions) and reports the time, the rows per second,
 * the table's size and the WAL written.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.PartitionScale postgresql [articles] [rounds]}
 * (default 1,000,000 articles of 10 versions: 10 million version rows).
 */
public final class PartitionScale {

    private static final int READS = 200;

    private PartitionScale() {
    }

    /**
     * Runs both layouts and prints one line per measurement.
     *
     * @param args the database (postgresql), the number of articles and of versions per article
     * @throws SQLException when seeding fails
     */
    public static void main(String[] args) throws SQLException {
        Database database = Database.named(args.length > 0 ? args[0] : "postgresql");
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long perRound = articles / BulkHistory.PER_TRANSACTION;
        for (boolean partitioned : new boolean[] {false, true}) {
            String layout = partitioned ? "partitioned" : "plain";
            Map<String, Object> settings = partitioned
                    ? Map.of(ContinuumSettings.PARTITION_SPAN, Long.toString(perRound)) : Map.of();
            try (BenchUnit unit = BenchUnit.open(Variant.C, database, settings)) {
                long start = System.nanoTime();
                BulkHistory history = new BulkHistory(database, articles, rounds);
                history.transactions();
                if (partitioned) {
                    // the partitions of the seeded transactions, before their versions are written
                    HistoryAdmin.of(unit.factory()).ensurePartitions();
                }
                history.articles();
                history.analyze();
                System.out.printf(Locale.ROOT, "%s: seeded %,d version rows in %.1f s; table %s%n", layout,
                        (long) articles * rounds, seconds(start), size(database));
                reads(unit, layout, articles, rounds, perRound);
                long wal = wal(database);
                start = System.nanoTime();
                // versions that ended more than rounds/2 days ago: rounds 0 .. rounds/2 - 1
                PruneResult result = HistoryAdmin.of(unit.factory()).prune(unit.model().articleType(),
                        RetentionPolicy.keepNewerThan(Duration.ofDays(rounds - rounds / 2).minusHours(12))
                                .pruningFirst());
                double took = seconds(start);
                System.out.printf(Locale.ROOT, "%s: prune removed %,d versions and %,d transactions in %.1f s "
                        + "(%,.0f versions/s), WAL %,d MB; table now %s%n", layout, result.versions(),
                        result.transactions(), took, result.versions() / took, (wal(database) - wal) >> 20,
                        size(database));
                reads(unit, layout + " after prune", articles, rounds, perRound);
            }
        }
    }

    private static void reads(BenchUnit unit, String layout, int articles, int rounds, long perRound) {
        Random random = new Random(42);
        Class<? extends BenchArticle> type = unit.model().articleType();
        for (int warm = 0; warm < 2; warm++) {
            long start = System.nanoTime();
            int read = 0;
            for (int i = 0; i < READS; i++) {
                long id = 1 + random.nextInt(articles);
                read += unit.fromTransaction(em -> VersionHistory.of(em).versions(type, id).size());
            }
            double r1 = micros(start) / READS;
            start = System.nanoTime();
            long point = perRound * (rounds - 1) - 1;
            for (int i = 0; i < READS / 10; i++) {
                read += unit.fromTransaction(em -> VersionHistory.of(em).allAsOf(type, point, 0, 100).size());
            }
            double r3 = micros(start) / (READS / 10);
            start = System.nanoTime();
            for (int i = 0; i < READS; i++) {
                Workloads.updateArticle(unit, 1L + random.nextInt(articles), rounds + i);
            }
            double w3 = micros(start) / READS;
            if (warm == 1) {
                System.out.printf(Locale.ROOT, "%s: R1 %.0f us/op, R3 %.0f us/op, W3 %.0f us/op (%d rows read)%n",
                        layout, r1, r3, w3, read);
            }
        }
    }

    private static String size(Database database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*), pg_size_pretty(sum(pg_total_relation_size("
                        + "c.oid))) from pg_class c where c.relname like 'c_article_version%' and c.relkind = 'r'")) {
            rs.next();
            return rs.getString(2) + " in " + rs.getLong(1) + " table(s)";
        }
    }

    private static long wal(Database database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double micros(long since) {
        return (System.nanoTime() - since) / 1e3;
    }
}
