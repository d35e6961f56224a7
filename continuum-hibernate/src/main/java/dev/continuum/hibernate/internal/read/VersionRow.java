package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.Transaction;

/**
 * One row of a version table (or of a collection's version table) as read: the JDBC values of its
 * data columns (in the order of the reader's {@link SelectedColumns}), its bookkeeping columns and
 * its transaction.
 *
 * @param values the JDBC values of the data columns
 * @param transactionId the recording transaction
 * @param endTransactionId the superseding transaction, or null while current
 * @param operation the operation
 * @param transaction the recording transaction's row, or null for a collection row
 */
record VersionRow(Object[] values, long transactionId, Long endTransactionId, Operation operation,
        Transaction transaction) {

    /** Whether the row holds its key's state right after transaction {@code at}: valid then, and not a delete. */
    boolean validAt(long at) {
        return transactionId <= at && (endTransactionId == null || endTransactionId > at)
                && operation != Operation.DELETE;
    }
}
