package dev.continuum.bench;

import dev.continuum.bench.harness.BenchUnit;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.Variant;
import dev.continuum.bench.model.BenchModel;

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
 * Measures the heap a large transaction retains: plain Hibernate (P) against Continuum (C), each
 * inserting 100,000 small entities (tags: an id and a name) in one transaction, flushing and
 * clearing the session every 1,000 so that Hibernate itself holds nothing. It reports the heap in
 * use after full collections (several {@code System.gc()} calls) before the transaction, just
 * before its commit (after the last flush and clear) and after the commit, and the instances of
 * Continuum's own classes ({@code dev.continuum.*}) live at each point, from the JVM's class
 * histogram.
 *
 * <p>On H2 (the default) the in-memory database runs in a separate JVM (H2's TCP server, started
 * and stopped by this program), so that its rows are not part of the measured heap. The database
 * can also be {@code postgresql} or {@code mariadb}, found as for the benchmarks.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.continuum.bench.MemoryCheck [h2|postgresql|mariadb] [entities]}
 */
public final class MemoryCheck {

    private static final int FLUSH_EVERY = 1000;

    /** Heap figures of one variant's run. */
    private record Run(Variant variant, long before, long beforeCommit, long afterCommit,
            Map<String, long[]> ownBeforeCommit, Map<String, long[]> ownAfterCommit) {
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
        for (String arg : args) {
            if (arg.chars().allMatch(Character::isDigit)) {
                entities = Integer.parseInt(arg);
            } else {
                db = arg;
            }
        }
        Database database = Database.named(db);
        Process server = database == Database.H2 ? startH2Server() : null;
        try {
            List<Run> runs = new ArrayList<>();
            for (Variant variant : List.of(Variant.P, Variant.C)) {
                runs.add(run(variant, database, entities));
            }
            print(db, entities, runs);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Run run(Variant variant, Database database, int entities) {
        try (BenchUnit unit = BenchUnit.open(variant, database, false, null)) {
            BenchModel model = unit.model();
            // Warm up: load classes, build Hibernate's and Continuum's caches, fill the pool.
            insert(unit, model, 2 * FLUSH_EVERY, null);
            long before = usedAfterGc();
            long[] beforeCommit = new long[1];
            List<Map<String, long[]>> own = new ArrayList<>();
            insert(unit, model, entities, () -> {
                beforeCommit[0] = usedAfterGc();
                own.add(ownClasses());
            });
            long afterCommit = usedAfterGc();
            Map<String, long[]> ownAfter = ownClasses();
            System.err.printf(Locale.ROOT, "%s: before %d, before commit %d, after commit %d bytes%n", variant,
                    before, beforeCommit[0], afterCommit);
            return new Run(variant, before, beforeCommit[0], afterCommit, own.get(0), ownAfter);
        }
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

    private static void print(String db, int entities, List<Run> runs) {
        System.out.printf(Locale.ROOT, "%n### Heap of one transaction inserting %,d entities, %s%n%n", entities, db);
        System.out.println("| variant | before the transaction | just before commit | after commit | held before commit | held after commit |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", run.variant(), mib(run.before()),
                    mib(run.beforeCommit()), mib(run.afterCommit()), signedMib(run.beforeCommit() - run.before()),
                    signedMib(run.afterCommit() - run.before()));
        }
        Run plain = runs.get(0);
        Run continuum = runs.get(1);
        long extra = (continuum.beforeCommit() - continuum.before()) - (plain.beforeCommit() - plain.before());
        System.out.printf(Locale.ROOT, "%nContinuum's bookkeeping before commit (C less P): %s, %.1f bytes per entity%n",
                signedMib(extra), (double) extra / entities);
        long extraAfter = (continuum.afterCommit() - continuum.before()) - (plain.afterCommit() - plain.before());
        System.out.printf(Locale.ROOT, "Held by C after commit, less P: %s%n", signedMib(extraAfter));
        System.out.printf(Locale.ROOT, "%nContinuum's classes live just before commit (instances, bytes):%n");
        top(continuum.ownBeforeCommit());
        System.out.printf(Locale.ROOT, "%nContinuum's classes live after commit (instances, bytes):%n");
        top(continuum.ownAfterCommit());
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
