package dev.continuum;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who makes the changes of the current thread, and from where: the {@code user_id} and
 * {@code remote_addr} recorded in the transaction row.
 *
 * <p>Values set here apply to transactions that complete on this thread while they are set, and
 * take precedence over a configured {@link dev.continuum.spi.TransactionContextProvider}. Use the
 * returned scope so the values never leak into another request served by the same thread:
 * <pre>{@code
 * ChangeContext.run("alice", "203.0.113.7", () -> {
 *     tx.begin(); ...; tx.commit();   // recorded with user_id 'alice'
 * });
 * }</pre>
 */
public final class ChangeContext {

    private static final ThreadLocal<Values> CURRENT = new ThreadLocal<>();

    private ChangeContext() {
    }

    /**
     * Sets the user and remote address of this thread until the returned scope is closed, which
     * restores the values set before.
     *
     * @param userId the user recorded in {@code transaction.user_id}, or {@code null} for none
     * @param remoteAddress the address recorded in {@code transaction.remote_addr}, or {@code null}
     * @return a scope to close when the work is done
     */
    public static Scope open(String userId, String remoteAddress) {
        Values previous = CURRENT.get();
        CURRENT.set(new Values(userId, remoteAddress));
        return new Scope(previous);
    }

    /**
     * Runs work with the given user and remote address, restoring the previous values afterwards.
     *
     * @param userId the user, or {@code null}
     * @param remoteAddress the remote address, or {@code null}
     * @param work what to run, typically one or more transactions
     */
    public static void run(String userId, String remoteAddress, Runnable work) {
        Scope scope = open(userId, remoteAddress);
        try {
            work.run();
        } finally {
            scope.close();
        }
    }

    /**
     * Calls work with the given user and remote address, restoring the previous values afterwards.
     *
     * @param userId the user, or {@code null}
     * @param remoteAddress the remote address, or {@code null}
     * @param work what to call, typically one or more transactions
     * @param <T> the type of the result
     * @return what {@code work} returned
     */
    public static <T> T call(String userId, String remoteAddress, Supplier<T> work) {
        Scope scope = open(userId, remoteAddress);
        try {
            return work.get();
        } finally {
            scope.close();
        }
    }

    /**
     * The user set on this thread.
     *
     * @return the user, or empty when none is set
     */
    public static Optional<String> userId() {
        Values values = CURRENT.get();
        return values == null ? Optional.empty() : Optional.ofNullable(values.userId);
    }

    /**
     * The remote address set on this thread.
     *
     * @return the address, or empty when none is set
     */
    public static Optional<String> remoteAddress() {
        Values values = CURRENT.get();
        return values == null ? Optional.empty() : Optional.ofNullable(values.remoteAddress);
    }

    /** Restores the previous values of the thread when closed. */
    public static final class Scope implements AutoCloseable {
        private final Values previous;

        private Scope(Values previous) {
            this.previous = previous;
        }

        /** Restores the values that were set before this scope was opened. */
        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    private record Values(String userId, String remoteAddress) {
    }
}
