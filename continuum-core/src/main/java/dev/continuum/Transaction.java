package dev.continuum;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the transaction table: a committed database transaction that changed versioned
 * entities, with who made it and from where.
 *
 * @param id the transaction id; versions of one entity ordered by it are in commit order
 * @param issuedAt when the transaction was recorded (UTC), just before it committed
 * @param userId the user recorded for it, empty when none was known
 * @param remoteAddress the network address recorded for it, empty when none was known
 * @param metadata the key/value metadata recorded for it (see {@link ChangeContext#meta}), empty when
 *        none was; read on first use, for every transaction of the same read at once
 */
public record Transaction(long id, Instant issuedAt, Optional<String> userId, Optional<String> remoteAddress,
        Map<String, String> metadata) {

    /**
     * Creates a transaction, copying the metadata (unless it is {@link ReadOnDemand}).
     *
     * @throws NullPointerException if any component is null
     */
    public Transaction {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        metadata = metadata instanceof ReadOnDemand ? metadata : Map.copyOf(metadata);
    }

    /**
     * Two transactions are equal when they are the same row: the same id, time, user and address.
     * The metadata belongs to that row and is not compared, so that comparing (or hashing)
     * transactions never reads it, also after the EntityManager that read them has closed.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that && id == that.id && issuedAt.equals(that.issuedAt)
                && userId.equals(that.userId) && remoteAddress.equals(that.remoteAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, issuedAt, userId, remoteAddress);
    }

    /** The components; metadata not read yet is shown as such instead of being read. */
    @Override
    public String toString() {
        String pairs = metadata instanceof ReadOnDemand onDemand && !onDemand.isRead() ? "(not read yet)"
                : metadata.toString();
        return "Transaction[id=" + id + ", issuedAt=" + issuedAt + ", userId=" + userId + ", remoteAddress="
                + remoteAddress + ", metadata=" + pairs + "]";
    }

    /**
     * Metadata that an integration reads on first use, so that reading versions with their
     * transactions costs no statement for metadata nobody looks at. Unmodifiable; kept as it is
     * by {@link Transaction}'s constructor.
     */
    public abstract static class ReadOnDemand extends AbstractMap<String, String> {

        /** For subclasses. */
        protected ReadOnDemand() {
        }

        /**
         * Whether the metadata has been read, so that using it costs no statement and works
         * without the EntityManager that read the transaction.
         *
         * @return true once read
         */
        public abstract boolean isRead();
    }
}
