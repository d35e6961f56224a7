package dev.continuum;

import java.time.Instant;
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
 * @param metadata additional key/value metadata; empty until transaction metadata is recorded
 */
public record Transaction(long id, Instant issuedAt, Optional<String> userId, Optional<String> remoteAddress,
        Map<String, String> metadata) {

    /**
     * Creates a transaction, copying the metadata.
     *
     * @throws NullPointerException if any component is null
     */
    public Transaction {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        metadata = Map.copyOf(metadata);
    }
}
