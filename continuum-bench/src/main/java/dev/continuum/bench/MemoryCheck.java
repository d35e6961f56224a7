package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.BenchModel;
import dev.continuum.bench.model.Status;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the heap a large transaction retains: plain Hibernate (P) against Continuum (C) and
 * Continuum writing at each flush (CF, {@code continuum.write_at=flush}), each inserting 100,000
 * small entities (tags: an id and a name) in one transaction, or with {@code update} updating the
 * title of as many articles inserted before, flushing and clearing the session every 1,000 so that
 * Hibernate itself holds nothing. It reports the heap in
 * use after full collections (several {@code System.gc()} calls) before the transaction, just
 * before its commit (after the last flush and clear) and after the commit, and the instances of
 * Continuum's own classes ({@code dev.continuum.*}) live at each point, from the JVM's class
 * histogram.
 *
 * <p>On H2 (the default) the in-memory database runs in a separate JVM (H2's TCP server, started
 * and stopped by this program), so that its rows are not part of the measured heap. The database
 * can also be {@code postgresql} or {@code mariadb}, found as for the benchmarks.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.MemoryCheck [h2|postgresql|mariadb] [entities]
 * [insert|update] [variants, e.g. P,C,CF]}; P always runs first.
 */
public final class MemoryCheck {

    private static final int FLUSH_EVERY = 1000;

    /** Heap figures of one variant's run; {@code millis} the time of the measured transaction. */
    private record Run(Variant variant, long before, long beforeCommit, long afterCommit,
            Map<String, long[]> ownBeforeCommit, Map<String, long[]> ownAfterCommit, long millis) {
    }

    private MemoryCheck() {
    }

    /**
     * Runs the check and prints its table.
     *
     * @param args the database (default h2) and the number of entities (default 100000)
     * @throws Exception when the H2 server cannot be started or the heap cannot be inspected
     */
    public static void main(String[] args) throws Exception {
        String db = "h2";
        int entities = 100_000;
        boolean update = false;
        List<Variant> variants = new ArrayList<>(List.of(Variant.P, Variant.C, Variant.CF));
        for (String arg : args) {
            if (arg.chars().allMatch(Character::isDigit)) {
                entities = Integer.parseInt(arg);
            } else if (arg.equals("update") || arg.equals("insert")) {
                update = arg.equals("update");
            } else if (Character.isUpperCase(arg.charAt(0))) {
                variants = new ArrayList<>(List.of(Variant.P));
                for (String name : arg.split(",")) {
                    Variant variant = Variant.valueOf(name.trim());
                    if (variant != Variant.P) {
                        variants.add(variant);
                    }
                }
            } else {
                db = arg;
            }
        }
        Database database = Database.named(db);
        Process server = database == Database.H2 ? startH2Server() : null;
        try {
            List<Run> runs = new ArrayList<>();
            for (Variant variant : variants) {
                runs.add(run(variant, database, entities, update));
            }
            print(db, entities, update, runs);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Run run(Variant variant, Database database, int entities, boolean update) {
        try (BenchUnit unit = BenchUnit.open(variant, database, false, null)) {
            BenchModel model = unit.model();
            // Warm up: load classes, build Hibernate's and Continuum's caches, fill the pool.
            insert(unit, model, 2 * FLUSH_EVERY, null);
            if (update) {
                updateArticles(unit, model, seedArticles(unit, model, 2 * FLUSH_EVERY), null);
            }
            long[] seeded = update ? seedArticles(unit, model, entities) : null;
            long before = usedAfterGc();
            long[] beforeCommit = new long[1];
            List<Map<String, long[]>> own = new ArrayList<>();
            Runnable measure = () -> {
                beforeCommit[0] = usedAfterGc();
                own.add(ownClasses());
            };
            long start = System.nanoTime();
            if (update) {
                updateArticles(unit, model, seeded, measure);
            } else {
                insert(unit, model, entities, measure);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long afterCommit = usedAfterGc();
            Map<String, long[]> ownAfter = ownClasses();
            System.err.printf(Locale.ROOT, "%s: before %d, before commit %d, after commit %d bytes%n", variant,
                    before, beforeCommit[0], afterCommit);
            return new Run(variant, before, beforeCommit[0], afterCommit, own.get(0), ownAfter, millis);
        }
    }

    /** Inserts {@code count} articles in one transaction, flushing and clearing every 1,000; returns the first and last id. */
    private static long[] seedArticles(BenchUnit unit, BenchModel model, int count) {
        long[] ids = {Long.MAX_VALUE, Long.MIN_VALUE};
        unit.inTransaction(em -> {
            for (int i = 0; i < count; i++) {
                BenchArticle article = model.newArticle("article-" + i, "body", Status.DRAFT);
                em.persist(article);
                ids[0] = Math.min(ids[0], article.getId());
                ids[1] = Math.max(ids[1], article.getId());
                if ((i + 1) % FLUSH_EVERY == 0) {
                    em.flush();
                    em.clear();
                }
            }
        });
        return ids;
    }

    /**
     * Updates the title of the articles with ids in {@code ids} (first, last) in one transaction,
     * loading, flushing and clearing 1,000 at a time; runs {@code beforeCommit} last.
     */
    private static void updateArticles(BenchUnit unit, BenchModel model, long[] ids, Runnable beforeCommit) {
        unit.inTransaction(em -> {
            for (long from = ids[0]; from <= ids[1]; from += FLUSH_EVERY) {
                List<? extends BenchArticle> articles = em.createQuery("select a from "
                        + model.articleType().getName() + " a where a.id >= :from and a.id < :to",
                        model.articleType()).setParameter("from", from).setParameter("to", from + FLUSH_EVERY)
                        .getResultList();
                for (BenchArticle article : articles) {
                    article.setTitle(article.getTitle() + " (edited)");
                }
                em.flush();
                em.clear();
            }
            if (beforeCommit != null) {
                beforeCommit.run();
            }
        });
    }

    /** Inserts {@code count} tags in one transaction, flushing and clearing every 1,000; runs {@code beforeCommit} last. */
    private static void insert(BenchUnit unit, BenchModel model, int count, Runnable beforeCommit) {
        unit.inTransaction(em -> {
            for (int i = 0; i < count; i++) {
                em.persist(model.newTag("tag-" + i));
                if ((i + 1) % FLUSH_EVERY == 0) {
                    em.flush();
                    em.clear();
                }
            }
            em.flush();
            em.clear();
            if (beforeCommit != null) {
                beforeCommit.run();
            }
        });
    }

    /** The heap in use after full collections, in bytes. */
    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Live instances and bytes of Continuum's own classes, from the class histogram (which collects first). */
    private static Map<String, long[]> ownClasses() {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("Cannot read the class histogram", e);
        }
        Map<String, long[]> own = new LinkedHashMap<>();
        for (String line : histogram.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && fields[3].startsWith("dev.continuum.")
                    && !fields[3].startsWith("dev.continuum.bench.")) {
                own.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return own;
    }

    private static void print(String db, int entities, boolean update, List<Run> runs) {
        System.out.printf(Locale.ROOT, "%n### Heap of one transaction %s %,d entities, %s%n%n",
                update ? "updating" : "inserting", entities, db);
        System.out.println("| variant | before the transaction | just before commit | after commit | held before commit | held after commit | time of the transaction |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d ms |%n", run.variant(),
                    mib(run.before()), mib(run.beforeCommit()), mib(run.afterCommit()),
                    signedMib(run.beforeCommit() - run.before()), signedMib(run.afterCommit() - run.before()),
                    run.millis());
        }
        Run plain = runs.get(0);
        for (Run continuum : runs.subList(1, runs.size())) {
            Variant variant = continuum.variant();
            long extra = (continuum.beforeCommit() - continuum.before()) - (plain.beforeCommit() - plain.before());
            System.out.printf(Locale.ROOT, "%n%s's bookkeeping before commit (%s less P): %s, %.1f bytes per entity%n",
                    variant, variant, signedMib(extra), (double) extra / entities);
            long extraAfter = (continuum.afterCommit() - continuum.before()) - (plain.afterCommit() - plain.before());
            System.out.printf(Locale.ROOT, "Held by %s after commit, less P: %s%n", variant, signedMib(extraAfter));
            System.out.printf(Locale.ROOT, "%n%s: Continuum's classes live just before commit (instances, bytes):%n",
                    variant);
            top(continuum.ownBeforeCommit());
            System.out.printf(Locale.ROOT, "%n%s: Continuum's classes live after commit (instances, bytes):%n", variant);
            top(continuum.ownAfterCommit());
        }
    }

    private static void top(Map<String, long[]> own) {
        long instances = own.values().stream().mapToLong(v -> v[0]).sum();
        long bytes = own.values().stream().mapToLong(v -> v[1]).sum();
        System.out.printf(Locale.ROOT, "- all dev.continuum classes: %,d instances, %,d bytes%n", instances, bytes);
        own.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(5)
                .forEach(e -> System.out.printf(Locale.ROOT, "- %s: %,d instances, %,d bytes%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1]));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String signedMib(long bytes) {
        return String.format(Locale.ROOT, "%+.1f MiB", bytes / 1048576.0);
    }

    /** Starts H2's TCP server in a JVM of its own and points the H2 database at an in-memory database in it. */
    private static Process startH2Server() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.h2.tools.Server", "-tcp", "-tcpPort", Integer.toString(port), "-ifNotExists")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    server.destroy();
                    throw new UncheckedIOException("H2 server did not start on port " + port, notYet);
                }
                Thread.sleep(100);
            }
        }
        System.setProperty("CONTINUUM_TEST_H2_URL",
                "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:memcheck;DB_CLOSE_DELAY=-1");
        return server;
    }
}
