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
     * Metadata that an integration reads on first use, so that reading versions with their
     * transactions costs no statement for metadata nobody looks at. Unmodifiable; kept as it is
     * by {@link Transaction}'s constructor.
     */
    public abstract static class ReadOnDemand extends AbstractMap<String, String> {

        /** For subclasses. */
        protected ReadOnDemand() {
        }
    }
}
