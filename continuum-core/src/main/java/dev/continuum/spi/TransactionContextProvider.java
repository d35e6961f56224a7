package dev.continuum.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Supplies who made the changes of a transaction and from where, recorded in the
 * {@code user_id} and {@code remote_addr} columns of the transaction row.
 *
 * <p>Called once per versioned transaction, on the thread that completes it, just before the
 * transaction row is written. Implementations must be thread-safe and cheap; they typically read
 * a security context or the current request. Register one with the
 * {@link dev.continuum.ContinuumSettings#CONTEXT_PROVIDER} property or through
 * {@link java.util.ServiceLoader}. Values set with {@link dev.continuum.ChangeContext} win over
 * the provider's.
 */
public interface TransactionContextProvider {

    /**
     * The user making the current change.
     *
     * @return the user id, or empty when unknown
     */
    Optional<String> userId();

    /**
     * The network address the current change comes from.
     *
     * @return the address, or empty when unknown (the default)
     */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }

    /**
     * Key/value metadata of the current transaction (a request id, the name of a job), recorded
     * in the transaction metadata table. Pairs set with {@link dev.continuum.ChangeContext#meta}
     * win over these for the same key. Keys and values longer than
     * {@link dev.continuum.ChangeContext#MAX_META_KEY_LENGTH} and
     * {@link dev.continuum.ChangeContext#MAX_META_VALUE_LENGTH} roll the transaction back.
     *
     * @return the metadata, empty (the default) when there is none
     */
    default Map<String, String> metadata() {
        return Map.of();
    }
}
