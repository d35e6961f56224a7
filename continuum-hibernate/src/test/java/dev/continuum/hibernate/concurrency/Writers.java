package dev.continuum.hibernate.concurrency;

import dev.continuum.hibernate.testing.Db;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Threads that run transactions at once over persistence units of their own, each under a given
 * isolation level, counting the transactions that lost a lock conflict (a deadlock or a
 * serialization failure) and were tried again. On MariaDB the InnoDB status of the first deadlock
 * is kept, so that a failure shows which locks met.
 */
final class Writers implements AutoCloseable {

    /** The JDBC isolation levels the tests run under, as Hibernate's {@code hibernate.connection.isolation} takes them. */
    enum Isolation {
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ);

        final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    /** The work of one transaction: the writer's number, the transaction's number within it, and its entity manager. */
    @FunctionalInterface
    interface Work {
        void run(int writer, int transaction, EntityManager em);
    }

    private final Db db;
    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger deadlocks = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> diagnostics = new ConcurrentLinkedQueue<>();

    /** {@code units} persistence units of the test's entities on {@code db}, under {@code isolation}. */
    Writers(Db db, int units, Isolation isolation) {
        this.db = db;
        for (int i = 0; i < units; i++) {
            factories.add(db.build(Map.of("hibernate.hbm2ddl.auto", "none",
                    "hibernate.connection.isolation", String.valueOf(isolation.level))));
        }
    }

    /**
     * Runs {@code transactions} transactions on each of {@code threads} threads at once, thread
     * {@code t} on persistence unit {@code t % units}; {@code committed} is told of each
     * transaction that committed. A transaction that loses a lock conflict is tried again when
     * {@code retry}, else the run fails with it.
     */
    void run(int threads, int transactions, boolean retry, Work work, Consumer<int[]> committed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            EntityManagerFactory factory = factories.get(t % factories.size());
            running.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < transactions; i++) {
                    int transaction = i;
                    while (true) {
                        try {
                            Db.inTransaction(factory, em -> {
                                work.run(writer, transaction, em);
                                return null;
                            });
                            break;
                        } catch (RuntimeException e) {
                            if (!isLockConflict(e)) {
                                throw e;
                            }
                            conflicts.incrementAndGet();
                            if (isDeadlock(e)) {
                                deadlocks.incrementAndGet();
                                keepDiagnostics();
                            }
                            if (!retry) {
                                throw e;
                            }
                        }
                    }
                    committed.accept(new int[] {writer, transaction});
                }
                return null;
            }));
        }
        pool.shutdown();
        start.countDown();
        try {
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The transactions that lost a lock conflict (deadlocks included) and were tried again or failed. */
    int conflicts() {
        return conflicts.get();
    }

    /** The transactions among {@link #conflicts()} that the database chose as a deadlock victim. */
    int deadlocks() {
        return deadlocks.get();
    }

    /** The InnoDB status after the first deadlocks, or nothing. */
    List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    private void keepDiagnostics() {
        if (diagnostics.size() >= 1 || !"MARIADB".equals(db.database().name())) {
            return;
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show engine innodb status")) {
            if (rs.next()) {
                String status = rs.getString("Status");
                int from = status.indexOf("LATEST DETECTED DEADLOCK");
                int to = status.indexOf("TRANSACTIONS", from + 30);
                diagnostics.add(from < 0 ? status : status.substring(from, to < 0 ? status.length() : to));
            }
        } catch (SQLException e) {
            diagnostics.add("no InnoDB status: " + e.getMessage());
        }
    }

    /** A deadlock, a serialization failure or a lock wait timeout somewhere in the causes. */
    static boolean isLockConflict(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("40001".equals(state) || "40P01".equals(state) || code == 1213 || code == 1205
                        || code == 40001 || code == 90131) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDeadlock(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 40001)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        factories.forEach(EntityManagerFactory::close);
    }
}
