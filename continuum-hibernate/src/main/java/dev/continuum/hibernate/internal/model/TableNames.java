package dev.continuum.hibernate.internal.model;

/**
 * The rendered (qualified, quoted where needed) names of Continuum's own tables, sequence and
 * bookkeeping columns, as they appear in SQL.
 *
 * @param transactionTable the transaction table
 * @param transactionSequence the sequence transaction ids come from
 * @param undoTable the table of undo/redo positions
 * @param transactionId the version tables' transaction column
 * @param endTransactionId the version tables' superseding-transaction column
 * @param operationType the version tables' operation column
 */
public record TableNames(String transactionTable, String transactionSequence, String undoTable,
        String transactionId, String endTransactionId, String operationType) {
}
