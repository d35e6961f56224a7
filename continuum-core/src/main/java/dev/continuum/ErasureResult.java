package dev.continuum;

/**
 * What a {@link HistoryAdmin#erase(Class, Object)} or {@link HistoryAdmin#eraseUser(String)}
 * removed or anonymised.
 *
 * @param versions the entity versions removed
 * @param collectionRows the version rows of collections removed
 * @param transactions the transaction rows removed (no version referred to them any more) or
 *        anonymised (their user and address cleared)
 */
public record ErasureResult(long versions, long collectionRows, long transactions) {
}
