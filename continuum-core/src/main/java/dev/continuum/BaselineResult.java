package dev.continuum;

/**
 * What a {@link HistoryAdmin#baseline(Class)} recorded.
 *
 * @param transactionId the id of the baseline's transaction row, or 0 when there was nothing to
 *        record and no row was written
 * @param versions the number of entity versions recorded (one per row that had none open)
 * @param collectionRows the number of version rows recorded for those entities' versioned
 *        collections (many-to-many links, element collection rows)
 * @param batches the number of batches (database transactions) it took
 */
public record BaselineResult(long transactionId, long versions, long collectionRows, int batches) {
}
