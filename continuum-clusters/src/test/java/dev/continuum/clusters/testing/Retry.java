package dev.continuum.clusters.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.LockAcquisitionException;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a transaction again when it lost a conflict with another transaction: on Galera, a
 * transaction that loses certification (another node committed a change of the same row first)
 * is rolled back, its history with it, and reported like a deadlock (MariaDB error 1213, SQLState
 * 40001). Nothing of it was written, so the whole unit of work, reads included, simply runs
 * again in a new transaction.
 */
public final class Retry {

    private final int attempts;
    private final AtomicInteger conflicts = new AtomicInteger();

    /** Retries up to {@code attempts - 1} times. */
    public Retry(int attempts) {
        this.attempts = attempts;
    }

    /** Runs {@code work} in a transaction of its own entity manager, again after each conflict. */
    public <T> T call(EntityManagerFactory emf, Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Units.call(emf, work);
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt == attempts) {
                    throw e;
                }
                conflicts.incrementAndGet();
                backOff(attempt);
            }
        }
    }

    /** Like {@link #call}, without a result. */
    public void run(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
        call(emf, em -> {
            work.accept(em);
            return null;
        });
    }

    /** How many conflicts were retried so far. */
    public int conflicts() {
        return conflicts.get();
    }

    /**
     * Whether a failure is a conflict that a new attempt may not have: a Galera certification
     * failure or brute-force abort, a deadlock, a serialization failure or a lock timeout.
     */
    public static boolean isConflict(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("40001".equals(state) || "40P01".equals(state) || code == 1213 || code == 1205) {
                    return true;
                }
            }
            if (t instanceof LockAcquisitionException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
