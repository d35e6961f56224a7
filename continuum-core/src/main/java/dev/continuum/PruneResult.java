package dev.continuum;

/**
 * What a {@link HistoryAdmin#prune()} removed.
 *
 * @param versions the entity versions removed
 * @param collectionRows the version rows of collections removed with them
 * @param transactions the transaction rows removed because no version refers to them any more
 * @param undoPositions the undo/redo positions (of entities and of scopes) reset because they referred to removed versions
 * @param batches the number of batches (database transactions) it took
 */
public record PruneResult(long versions, long collectionRows, long transactions, long undoPositions, int batches) {
}
