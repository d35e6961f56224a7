package dev.continuum.hibernate.internal.nativemode;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What every trigger shares: the transaction table and its columns, the sequence of transaction
 * ids, the bookkeeping columns of version tables, and the function that allocates a transaction row.
 *
 * @param transactionTable the transaction table of the mapping, looked up when SQL is written (its
 *        name is final only once the mapping is complete: a physical naming strategy may change it)
 * @param sequence the sequence of transaction ids
 * @param userIdLength the length of the user column
 * @param remoteAddrLength the length of the address column
 * @param transactionId the version tables' rendered transaction column
 * @param endTransactionId the version tables' rendered superseding-transaction column
 * @param operationType the version tables' rendered operation column
 * @param allocator the name, before quoting, of the function that allocates the transaction row
 *        (in the transaction table's schema); quoted when the transaction table's name is
 */
public record Bookkeeping(Supplier<Table> transactionTable, QualifiedSequenceName sequence, int userIdLength,
        int remoteAddrLength, String transactionId, String endTransactionId, String operationType, String allocator)
        implements Serializable {

    /** The rendered name of the transaction table's column {@code logical} (as {@link TableNames.TransactionColumns#NAMES} names it). */
    String column(String logical, Dialect dialect) {
        for (Column column : transactionTable.get().getColumns()) {
            if (column.getName().equalsIgnoreCase(logical)) {
                return column.getQuotedName(dialect);
            }
        }
        for (Column column : transactionTable.get().getColumns()) {
            // a naming strategy that decorates names: the column whose name ends with the logical one
            if (column.getName().toLowerCase(Locale.ROOT).endsWith(logical)) {
                return column.getQuotedName(dialect);
            }
        }
        return logical;
    }
}
