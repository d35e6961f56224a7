package dev.continuum;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link HistoryAdmin#verify()} found: whether the history is as the library wrote it, and
 * if not, the first broken link. Only available with tamper evidence on
 * ({@link ContinuumSettings#INTEGRITY}{@code =hash-chain}).
 *
 * @param brokenLink the first row found that does not match its hash, or a row found missing;
 *        empty when the history checked is intact
 * @param versions the number of version rows checked
 * @param transactions the number of transactions checked
 * @param removedVersions the number of version rows that retention or erasure removed and whose
 *        hashes the check used in their place
 * @param erasedUsers the number of transactions whose user and address {@link HistoryAdmin#eraseUser}
 *        cleared
 * @param lastSeal the latest seal of the history, when there is one: keep its digest outside the
 *        database, so that a later check can show the history up to it is unchanged
 */
public record IntegrityReport(Optional<BrokenLink> brokenLink, long versions, long transactions,
        long removedVersions, long erasedUsers, Optional<Seal> lastSeal) {

    public IntegrityReport {
        Objects.requireNonNull(brokenLink, "brokenLink");
        Objects.requireNonNull(lastSeal, "lastSeal");
    }

    /** Whether nothing checked was found changed, inserted or missing. */
    public boolean intact() {
        return brokenLink.isEmpty();
    }

    /**
     * A row of the history that is not as the library wrote it.
     *
     * @param entityName the entity (or collection role) whose history holds it; for a transaction
     *        row, the transaction table
     * @param id the entity's identifier (for a collection row, its owner's and element's), as
     *        text; empty for a transaction row
     * @param transactionId the transaction of the row (for a missing row, the transaction that
     *        wrote it)
     * @param problem what is wrong, in words
     */
    public record BrokenLink(String entityName, String id, long transactionId, String problem) {

        @Override
        public String toString() {
            return entityName + (id.isEmpty() ? "" : " " + id) + ", transaction " + transactionId + ": " + problem;
        }
    }

    /**
     * A seal: a digest over the hashes of every transaction up to {@code lastTransactionId},
     * chained to the seal before it.
     *
     * @param lastTransactionId the last transaction it covers
     * @param transactions the number of transactions it covers, since the seal before it
     * @param digest the SHA-256 digest, hexadecimal
     * @param sealedAt when it was written
     */
    public record Seal(long lastTransactionId, long transactions, String digest, Instant sealedAt) {
    }
}
