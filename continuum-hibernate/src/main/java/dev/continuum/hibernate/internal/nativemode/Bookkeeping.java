package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.mapping.Table;

import java.io.Serializable;

/**
 * The rendered names of what every trigger shares: the transaction table, its columns and sequence,
 * the bookkeeping columns of version tables, and the function that allocates a transaction row.
 *
 * @param transactionTable the transaction table (a table of Hibernate's model, which names it)
 * @param sequence the sequence of transaction ids
 * @param id the transaction table's id column
 * @param issuedAt its issue time column
 * @param issuedAtWithZone whether that column is a timestamp with time zone
 * @param userId its user column
 * @param userIdLength the length of the user column
 * @param remoteAddr its address column
 * @param remoteAddrLength the length of the address column
 * @param transactionId the version tables' transaction column
 * @param endTransactionId the version tables' superseding-transaction column
 * @param operationType the version tables' operation column
 * @param allocator the name, before quoting, of the function that allocates the transaction row
 *        (in the transaction table's schema); quoted when the transaction table's name is
 */
public record Bookkeeping(Table transactionTable, QualifiedSequenceName sequence, String id, String issuedAt,
        boolean issuedAtWithZone, String userId, int userIdLength, String remoteAddr, int remoteAddrLength,
        String transactionId, String endTransactionId, String operationType, String allocator)
        implements Serializable {
}
