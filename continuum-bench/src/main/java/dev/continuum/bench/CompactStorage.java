package dev.continuum.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.continuum.VersionHistory;
import dev.continuum.bench.compact.Documents.CompactDocument;
import dev.continuum.bench.compact.Documents.PlainDocument;
import dev.continuum.bench.harness.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Compact storage against plain Continuum: a document of about 20 KB of prose, edited {@code edits}
 * times with a few words changed each time, once stored plainly (P) and once with {@code @Compact}
 * (K), the two taking turns in rounds in one JVM. Prints the history's bytes by each method the
 * database offers, the write time, and the time to read one version (by transaction) and the
 * whole list of versions, with the median of the per-round ratios K/P.
 *
 * <pre>java -cp continuum-bench/target/benchmarks.jar dev.continuum.bench.CompactStorage &lt;h2|postgresql|mariadb&gt; [edits] [rounds]</pre>
 */
public final class CompactStorage {

    private static final String[] WORDS = ("the of and to in is was for on that with as by at from his her an which "
            + "or be are this had not but have were they their has its one all been new more when who will would there "
            + "about into than can time only other after also many some these two first may then most people could over "
            + "such year years made state world between work during up under national however later while well three "
            + "part where since life city school university government history system through music film both known war "
            + "called being before united including them album became second number team area use four family high each "
            + "great member several series population early public season another").split(" ");

    private CompactStorage() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.named(args.length > 0 ? args[0] : "h2");
        int edits = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("compact-storage")
                    .property("hibernate.connection.datasource", pool)
                    .property("hibernate.hbm2ddl.auto", "create-drop")
                    .property("continuum.transaction_table", "cs_transaction")
                    .property("continuum.transaction_sequence", "cs_transaction_id_seq")
                    .property("continuum.undo_table", "cs_undo")
                    .property("hibernate.integration.envers.enabled", "false")
                    .managedClass(PlainDocument.class)
                    .managedClass(CompactDocument.class);
            try (EntityManagerFactory factory = configuration.createEntityManagerFactory()) {
                run(database, factory, pool, edits, rounds);
            }
        }
    }

    private static void run(Database database, EntityManagerFactory factory, HikariDataSource pool, int edits,
            int rounds) throws Exception {
        String text = document(20_000);
        inTransaction(factory, em -> {
            PlainDocument plain = new PlainDocument();
            plain.id = 1L;
            plain.body = text;
            em.persist(plain);
            CompactDocument compact = new CompactDocument();
            compact.id = 1L;
            compact.body = text;
            em.persist(compact);
        });
        Random random = new Random(7);
        String[] current = {text};
        long plainWrite = 0;
        long compactWrite = 0;
        int perRound = Math.max(1, edits / rounds);
        double[] writeRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            String[] bodies = new String[perRound];
            for (int i = 0; i < perRound; i++) {
                current[0] = edit(current[0], random);
                bodies[i] = current[0];
            }
            long p = time(() -> Arrays.stream(bodies).forEach(body -> inTransaction(factory,
                    em -> em.find(PlainDocument.class, 1L).body = body)));
            long k = time(() -> Arrays.stream(bodies).forEach(body -> inTransaction(factory,
                    em -> em.find(CompactDocument.class, 1L).body = body)));
            plainWrite += p;
            compactWrite += k;
            writeRatios[round] = (double) k / p;
        }
        int versions = perRound * rounds + 1;
        System.out.printf(Locale.ROOT, "%s: a %d-character document, %d versions each%n",
                database.name().toLowerCase(Locale.ROOT), text.length(), versions);
        System.out.printf(Locale.ROOT, "write: P %.2f ms, K %.2f ms per edit; median K/P %.2f%n",
                plainWrite / 1e6 / (versions - 1), compactWrite / 1e6 / (versions - 1), median(writeRatios));

        double[] listRatios = new double[rounds];
        double[] oneRatios = new double[rounds];
        long[] sums = new long[4];
        List<Long> plainTx = transactions(factory, PlainDocument.class);
        List<Long> compactTx = transactions(factory, CompactDocument.class);
        readAll(factory, PlainDocument.class);
        readAll(factory, CompactDocument.class);
        for (int round = 0; round < rounds; round++) {
            long p = time(() -> readAll(factory, PlainDocument.class));
            long k = time(() -> readAll(factory, CompactDocument.class));
            listRatios[round] = (double) k / p;
            sums[0] += p;
            sums[1] += k;
            int pick = random.nextInt(plainTx.size());
            long p1 = time(() -> readOne(factory, PlainDocument.class, plainTx.get(pick)));
            long k1 = time(() -> readOne(factory, CompactDocument.class, compactTx.get(pick)));
            oneRatios[round] = (double) k1 / p1;
            sums[2] += p1;
            sums[3] += k1;
        }
        System.out.printf(Locale.ROOT, "read versions(): P %.1f ms, K %.1f ms; median K/P %.2f%n",
                sums[0] / 1e6 / rounds, sums[1] / 1e6 / rounds, median(listRatios));
        System.out.printf(Locale.ROOT, "read one version: P %.2f ms, K %.2f ms; median K/P %.2f%n",
                sums[2] / 1e6 / rounds, sums[3] / 1e6 / rounds, median(oneRatios));
        storage(database, pool);
    }

    private static void storage(Database database, HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            long plainValues = number(statement, "select sum(octet_length(body)) from plain_document_version");
            long plainRows = number(statement, "select count(*) from plain_document_version");
            long compactRefs = number(statement, "select sum(octet_length(body)) from compact_document_version");
            long compactRows = number(statement, "select count(*) from compact_document_version");
            long stored = number(statement, "select sum(octet_length(value_bytes)) from cs_transaction_value");
            long valueRows = number(statement, "select count(*) from cs_transaction_value");
            long deltaRows = number(statement, "select count(*) from cs_transaction_value where base_hash is not null");
            // a value row's own columns besides its bytes: reference and keyframe reference (32 each), position,
            // length, and for a delta its base reference (32)
            long compactValues = compactRefs + stored + valueRows * (32 + 32 + 4 + 4) + deltaRows * 32;
            System.out.printf(Locale.ROOT, "values (octet_length): P %d bytes in %d rows; K %d bytes (%d rows, %d "
                    + "value rows, %d bytes deflated); P/K %.1f%n", plainValues, plainRows, compactValues, compactRows,
                    valueRows, stored, (double) plainValues / compactValues);
            System.out.printf(Locale.ROOT, "  value rows: %d keyframes of %d bytes, %d deltas of %d bytes, longest "
                    + "chain %d rows%n", valueRows - deltaRows,
                    number(statement, "select coalesce(sum(octet_length(value_bytes)), 0) from cs_transaction_value "
                            + "where base_hash is null"), deltaRows,
                    number(statement, "select coalesce(sum(octet_length(value_bytes)), 0) from cs_transaction_value "
                            + "where base_hash is not null"),
                    number(statement, "select coalesce(max(position), 0) + 1 from cs_transaction_value"));
            String size = switch (database) {
                case POSTGRESQL -> "select pg_total_relation_size('%s')";
                case MARIADB -> "select data_length + index_length from information_schema.tables "
                        + "where table_schema = database() and table_name = '%s'";
                default -> null;
            };
            if (size != null) {
                if (database == Database.MARIADB) {
                    for (String table : List.of("plain_document_version", "compact_document_version",
                            "cs_transaction_value")) {
                        // the sizes below are the statistics this refreshes
                        statement.execute("analyze table " + table);
                    }
                } else {
                    statement.execute("vacuum analyze");
                }
                if (database == Database.POSTGRESQL) {
                    for (String table : List.of("plain_document_version", "compact_document_version",
                            "cs_transaction_value")) {
                        relations(statement, table);
                    }
                }
                long plain = number(statement, String.format(size, "plain_document_version"));
                long compact = number(statement, String.format(size, "compact_document_version"))
                        + number(statement, String.format(size, "cs_transaction_value"));
                System.out.printf(Locale.ROOT, "tables (%s): P %d bytes, K %d bytes; P/K %.1f%n",
                        database == Database.POSTGRESQL ? "pg_total_relation_size"
                                : "data_length + index_length after analyze", plain, compact, (double) plain / compact);
            }
        }
    }

    /** Where a table's bytes go on PostgreSQL: its heap, free space and visibility maps, TOAST, and each index. */
    private static void relations(Statement statement, String table) throws Exception {
        String relation = "'" + table + "'::regclass";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "  %s: heap %d (%d tuples), fsm+vm %d, toast %d", table,
                number(statement, "select pg_relation_size(" + relation + ")"),
                number(statement, "select reltuples::bigint from pg_class where oid = " + relation),
                number(statement, "select pg_relation_size(" + relation + ", 'fsm') + pg_relation_size(" + relation
                        + ", 'vm')"),
                number(statement, "select coalesce(pg_total_relation_size(nullif(reltoastrelid, 0)), 0) from pg_class "
                        + "where oid = " + relation)));
        try (ResultSet rs = statement.getConnection().createStatement().executeQuery("select c.relname, "
                + "pg_relation_size(c.oid) from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = "
                + relation + " order by c.relname")) {
            while (rs.next()) {
                line.append(String.format(Locale.ROOT, ", %s %d", rs.getString(1), rs.getLong(2)));
            }
        }
        System.out.println(line + " bytes");
    }

    private static long number(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> void readAll(EntityManagerFactory factory, Class<T> type) {
        inTransaction(factory, em -> VersionHistory.of(em).versions(type, 1L).forEach(version -> version.entity()));
    }

    private static <T> void readOne(EntityManagerFactory factory, Class<T> type, long transactionId) {
        inTransaction(factory, em -> VersionHistory.of(em).asOf(type, 1L, transactionId).orElseThrow().entity());
    }

    private static <T> List<Long> transactions(EntityManagerFactory factory, Class<T> type) {
        EntityManager em = factory.createEntityManager();
        try {
            return VersionHistory.of(em).versions(type, 1L).stream().map(version -> version.transaction().id())
                    .toList();
        } finally {
            em.close();
        }
    }

    private static void inTransaction(EntityManagerFactory factory, java.util.function.Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** About {@code length} characters of paragraphs of prose from a fixed vocabulary. */
    static String document(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int words = 5 + random.nextInt(15);
            for (int i = 0; i < words; i++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(i == words - 1 ? ". " : " ");
            }
            if (random.nextInt(6) == 0) {
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    /** {@code text} with three words replaced at random places. */
    static String edit(String text, Random random) {
        StringBuilder edited = new StringBuilder(text);
        for (int k = 0; k < 3; k++) {
            int start = edited.indexOf(" ", random.nextInt(edited.length() - 40)) + 1;
            int end = edited.indexOf(" ", start);
            edited.replace(start, end, WORDS[random.nextInt(WORDS.length)]);
        }
        return edited.toString();
    }

}
