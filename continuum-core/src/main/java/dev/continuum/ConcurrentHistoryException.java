package dev.continuum;

/**
 * The history of this transaction could not be written in commit order because a concurrent
 * transaction changed the same entity and committed first, after this one had taken its
 * transaction id (which happens at its first flush under {@code continuum.write_at=flush}). Nothing
 * misordered is written: the transaction is marked for rollback. Retrying the whole transaction
 * succeeds, as for a serialization failure of the database.
 */
public class ConcurrentHistoryException extends VersioningException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message the entity table and transactions involved, and what to do
     */
    public ConcurrentHistoryException(String message) {
        super(message, null);
    }
}
