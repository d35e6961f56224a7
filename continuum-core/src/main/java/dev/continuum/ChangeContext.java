package dev.continuum;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>{@link #meta(String, String)} adds key/value metadata (a ticket number, a reason, the name of
 * a job) that the transactions completing in its scope record in the transaction metadata table,
 * read back by {@link Transaction#metadata()}.
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
        CURRENT.set(new Values(userId, remoteAddress, previous == null ? Map.of() : previous.metadata));
        return new Scope(previous);
    }

    /** The longest metadata key, in characters (the width of the metadata table's key column). */
    public static final int MAX_META_KEY_LENGTH = 100;
    /** The longest metadata value, in characters (the width of the metadata table's value column). */
    public static final int MAX_META_VALUE_LENGTH = 255;

    /**
     * Adds one key/value pair to the metadata that transactions completing on this thread record,
     * until the returned scope is closed (which restores the metadata set before); the user and
     * address stay as they are. A key set again in an inner scope takes the inner value.
     * <pre>{@code
     * try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
     *     tx.begin(); ...; tx.commit();   // its transaction row has the metadata reason=import
     * }
     * }</pre>
     *
     * @param key the key, at most {@link #MAX_META_KEY_LENGTH} characters
     * @param value the value, at most {@link #MAX_META_VALUE_LENGTH} characters
     * @return a scope to close when the work is done
     * @throws IllegalArgumentException if the key is blank or a part is too long
     * @throws NullPointerException if the key or the value is null
     */
    public static Scope meta(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank() || key.length() > MAX_META_KEY_LENGTH) {
            throw new IllegalArgumentException("Transaction metadata key '" + key + "' must be 1 to "
                    + MAX_META_KEY_LENGTH + " characters");
        }
        if (value.length() > MAX_META_VALUE_LENGTH) {
            throw new IllegalArgumentException("Transaction metadata value of '" + key + "' has " + value.length()
                    + " characters, more than the " + MAX_META_VALUE_LENGTH + " its column holds; shorten it");
        }
        Values previous = CURRENT.get();
        Map<String, String> metadata = new LinkedHashMap<>(previous == null ? Map.of() : previous.metadata);
        metadata.put(key, value);
        CURRENT.set(new Values(previous == null ? null : previous.userId,
                previous == null ? null : previous.remoteAddress, Map.copyOf(metadata)));
        return new Scope(previous);
    }

    /**
     * The metadata set on this thread with {@link #meta(String, String)}.
     *
     * @return the key/value pairs, empty when none is set
     */
    public static Map<String, String> metadata() {
        Values values = CURRENT.get();
        return values == null ? Map.of() : values.metadata;
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

    private record Values(String userId, String remoteAddress, Map<String, String> metadata) {
    }
}
