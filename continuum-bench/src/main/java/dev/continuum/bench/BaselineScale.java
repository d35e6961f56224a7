package dev.continuum.bench;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Measures {@link HistoryAdmin#baseline(Class)} on a large table: seeds the live table of variant
 * C's articles with rows written behind Continuum's back (as before versioning was turned on),
 * then records their baseline versions, and runs it a second time (which finds nothing to do).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.BaselineScale [h2|postgresql|mariadb]
 * [rows] [batch size]}
 */
public final class BaselineScale {

    private BaselineScale() {
    }

    /**
     * Runs the measurement and prints one line per step.
     *
     * @param args the database (default postgresql), the number of rows (default 1,000,000) and the
     *        batch size (default {@link HistoryAdmin#DEFAULT_BATCH_SIZE})
     * @throws SQLException when the table cannot be seeded
     */
    public static void main(String[] args) throws SQLException {
        Database database = Database.named(args.length > 0 ? args[0] : "postgresql");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : HistoryAdmin.DEFAULT_BATCH_SIZE;
        try (BenchUnit unit = BenchUnit.open(Variant.C, database, false, null)) {
            long seeding = System.nanoTime();
            seed(database, rows);
            System.out.printf(Locale.ROOT, "seeded %,d live rows in %.1f s%n", rows, seconds(seeding));
            HistoryAdmin admin = HistoryAdmin.of(unit.factory());
            Class<?> article = unit.model().articleType();
            long start = System.nanoTime();
            BaselineResult result = admin.baseline(article, batch);
            double took = seconds(start);
            System.out.printf(Locale.ROOT, "baseline: %,d versions in %d batches of %,d in %.1f s (%,.0f rows/s)%n",
                    result.versions(), result.batches(), batch, took, result.versions() / took);
            long again = System.nanoTime();
            BaselineResult second = admin.baseline(article, batch);
            System.out.printf(Locale.ROOT, "second run: %,d versions in %.1f s%n", second.versions(), seconds(again));
        }
    }

    private static void seed(Database database, int rows) throws SQLException {
        String select = switch (database) {
            case POSTGRESQL -> "select n, 'Title ' || n, 'Body of article ' || n, 'PUBLISHED', current_timestamp "
                    + "from generate_series(1, " + rows + ") n";
            case MARIADB -> "select seq, concat('Title ', seq), concat('Body of article ', seq), 'PUBLISHED', "
                    + "current_timestamp from seq_1_to_" + rows;
            case H2 -> "select x, 'Title ' || x, 'Body of article ' || x, 'PUBLISHED', current_timestamp "
                    + "from system_range(1, " + rows + ")";
        };
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into c_article (id, title, body, status, updatedAt) " + select);
            try (ResultSet rs = statement.executeQuery("select count(*) from c_article")) {
                rs.next();
                if (rs.getLong(1) != rows) {
                    throw new IllegalStateException("seeded " + rs.getLong(1) + " rows, wanted " + rows);
                }
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
