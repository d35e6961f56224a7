package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.Transaction;

/**
 * One row of a version table as read: the JDBC values of its data columns (in the order of
 * {@link TableReader#columns()}), its bookkeeping columns and its transaction.
 *
 * @param values the JDBC values of the data columns
 * @param transactionId the recording transaction
 * @param endTransactionId the superseding transaction, or null while current
 * @param operation the operation
 * @param transaction the recording transaction's row
 */
record VersionRow(Object[] values, long transactionId, Long endTransactionId, Operation operation,
        Transaction transaction) {
}
