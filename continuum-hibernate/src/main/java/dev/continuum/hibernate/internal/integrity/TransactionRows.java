package dev.continuum.hibernate.internal.integrity;

import dev.continuum.hibernate.internal.model.TableNames;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hashing of transaction rows: every column of the row ({@code select *}, so that columns other
 * features add are covered), its who and where ({@code user_id}, {@code remote_addr}) hashed apart
 * so that {@code eraseUser} can clear them and leave the row checkable, and the digest of the
 * version rows the transaction wrote.
 */
final class TransactionRows {

    private final TableNames names;
    private final Set<String> identity;
    private final String idLabel;

    TransactionRows(TableNames names) {
        this.names = names;
        this.identity = Set.of(IntegrityNames.label(names.transactionColumns().userId()),
                IntegrityNames.label(names.transactionColumns().remoteAddr()));
        this.idLabel = IntegrityNames.label(names.transactionColumns().id());
    }

    /**
     * The hash rows after parameter 1 (or of the ids listed in {@code in}), each with its
     * transaction row, in id order: the hash table's five columns, then the transaction row's.
     */
    String withHashesSql(IntegrityNames integrity, String in) {
        return "select h.transaction_id, h.version_digest, h." + integrity.rowHash() + ", h.identity_hash, h.removed_at,"
                + " t.* from " + integrity.hashTable() + " h left join " + names.transactionTable() + " t on t."
                + names.transactionColumns().id() + " = h.transaction_id where h.transaction_id "
                + (in == null ? "> ?" : "in (" + in + ")") + " order by h.transaction_id";
    }

    /** The first transaction row without a hash row. */
    String unhashedSql(IntegrityNames integrity) {
        String id = names.transactionColumns().id();
        return "select t." + id + " from " + names.transactionTable() + " t where not exists (select 1 from "
                + integrity.hashTable() + " h where h.transaction_id = t." + id + ") order by t." + id;
    }

    String byIdSql() {
        return "select * from " + names.transactionTable() + " where " + names.transactionColumns().id() + " = ?";
    }

    /** The hash parts of the current row of a {@code select *} of the transaction table. */
    Row read(ResultSet rs) throws SQLException {
        return read(rs, 1);
    }

    /** The hash parts of the transaction row whose columns start at {@code first} in the current row. */
    Row read(ResultSet rs, int first) throws SQLException {
        List<Hashes.Column> all = Hashes.columns(rs.getMetaData(), first, rs.getMetaData().getColumnCount(), Set.of());
        List<Hashes.Column> who = new ArrayList<>();
        List<Hashes.Column> other = new ArrayList<>();
        long id = 0;
        boolean anonymous = true;
        for (Hashes.Column column : all) {
            if (identity.contains(column.label())) {
                who.add(column);
                anonymous &= Hashes.text(rs, column) == null;
            } else {
                other.add(column);
            }
            if (column.label().equals(idLabel)) {
                id = rs.getLong(column.index());
            }
        }
        return new Row(id, Hashes.content(rs, other), Hashes.identity(rs, who), anonymous);
    }

    /**
     * The hash parts of one transaction row.
     *
     * @param id the transaction id
     * @param content the hash of its columns but who and where
     * @param identity the hash of who and where
     * @param anonymous whether who and where are both null
     */
    record Row(long id, byte[] content, byte[] identity, boolean anonymous) {
    }
}
