package dev.continuum.hibernate.internal.integrity;

import dev.continuum.IntegrityReport;
import dev.continuum.IntegrityReport.BrokenLink;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The check of a history against its hashes, in one read-only transaction: each version table
 * streamed in key order (each row against its hash and the hash of the version before it, which
 * retention may have replaced by a record of what it removed), then the transactions a page at a
 * time (each against its hash and the digest of its version rows), with the seals. Memory is
 * bounded by a page of transactions and their version rows, whatever the size of the history.
 * Stops at the first broken link.
 */
final class Verifier {

    /** Transactions checked per page. */
    static final int PAGE = 500;
    private static final int FETCH = 1000;

    private final Integrity integrity;
    private final SharedSessionContractImplementor session;
    private final Connection connection;
    /** A second connection for the look-ups made while a version table streams (some drivers stream one result at a time). */
    private final Connection lookups;
    private final String transactionTable;

    private long versions;
    private long transactions;
    private long removed;
    private long erased;
    private long lastChecked;
    private BrokenLink broken;
    private IntegrityReport.Seal lastSeal;

    Verifier(Integrity integrity, SharedSessionContractImplementor session, Connection connection, Connection lookups) {
        this.integrity = integrity;
        this.session = session;
        this.connection = connection;
        this.lookups = lookups;
        this.transactionTable = integrity.model().names().transactionTable();
    }

    /** The greatest transaction id checked. */
    long lastChecked() {
        return lastChecked;
    }

    IntegrityReport report() {
        return new IntegrityReport(Optional.ofNullable(broken), versions, transactions, removed, erased,
                Optional.ofNullable(lastSeal));
    }

    /** Checks every version table, every transaction and the seals. */
    IntegrityReport all() throws SQLException {
        for (HashedTable table : integrity.tables()) {
            if (broken == null) {
                table(table, null, null);
            }
        }
        if (broken == null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    integrity.transactionRows().unhashedSql(integrity.names()))) {
                statement.setMaxRows(1);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        broken(transactionTable, "", rs.getLong(1), "the transaction row has no hash: it was inserted "
                                + "outside the library");
                    }
                }
            }
        }
        if (broken == null) {
            transactionsAndSeals();
        }
        return report();
    }

    /** Checks the rows of one owner (its key values) in {@code tables}, and the transactions that wrote them. */
    IntegrityReport owner(List<HashedTable> tables, Object[] owner) throws SQLException {
        Set<Long> written = new TreeSet<>();
        for (HashedTable table : tables) {
            if (broken == null) {
                table(table, owner, written);
            }
        }
        List<Long> ids = new ArrayList<>(written);
        for (int from = 0; from < ids.size() && broken == null; from += PAGE) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            StringJoiner in = new StringJoiner(", ");
            page.forEach(id -> in.add(Long.toString(id)));
            Set<Long> found = new TreeSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    integrity.transactionRows().withHashesSql(integrity.names(), in.toString()))) {
                page(statement, in.toString(), null, found);
            }
            for (long id : page) {
                if (broken == null && !found.contains(id)) {
                    broken(transactionTable, "", id, "the transaction row has no hash: it was inserted outside the "
                            + "library");
                }
            }
        }
        return report();
    }

    // ---- version tables

    private void table(HashedTable table, Object[] owner, Set<Long> written) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.streamSql(owner != null))) {
            statement.setFetchSize(FETCH);
            if (owner != null) {
                table.bindOwner(statement, owner, session);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Hashes.Column> columns = null;
                int tx = 0;
                int end = 0;
                int hash = 0;
                Previous previous = null;
                while (rs.next()) {
                    if (columns == null) {
                        columns = table.hashedColumns(rs, false);
                        tx = index(rs, table.keyWidth(), table.transactionLabel());
                        end = index(rs, table.keyWidth(), table.endTransactionLabel());
                        hash = index(rs, table.keyWidth(), IntegrityNames.label(table.rowHash()));
                    }
                    versions++;
                    Object[] key = table.key(rs, session);
                    Previous current = new Previous(key, Hashes.key(key, table.keyMappings()), rs.getLong(tx),
                            endOf(rs, end), Hashes.bytes(rs.getString(hash)));
                    if (written != null) {
                        written.add(current.transactionId);
                    }
                    row(table, previous, current, Hashes.content(rs, columns));
                    if (broken != null) {
                        return;
                    }
                    previous = current;
                }
                if (previous != null && previous.end != null) {
                    missing(table, previous);
                }
            }
        }
    }

    /** One version row, with the row before it in key order (null for the first). */
    private void row(HashedTable table, Previous previous, Previous current, byte[] content) throws SQLException {
        boolean sameKey = previous != null && previous.keyHash.equals(current.keyHash);
        if (previous != null && !sameKey && previous.end != null) {
            missing(table, previous);
            return;
        }
        byte[] before = null;
        if (sameKey) {
            if (previous.end == null) {
                broken(table, current, "a version follows the current version (of transaction "
                        + previous.transactionId + "): it was inserted outside the library");
                return;
            }
            if (previous.end == current.transactionId) {
                before = previous.hash;
            } else {
                before = acrossGap(table, previous, current);
                if (broken != null) {
                    return;
                }
            }
        }
        if (current.hash == null) {
            broken(table, current, "the version row has no hash: it was inserted outside the library (or before "
                    + "tamper evidence was on)");
            return;
        }
        byte[] computed = Hashes.row(content, before);
        if (!sameKey && !Arrays.equals(computed, current.hash)) {
            byte[] pruned = removedBefore(table, current);
            if (pruned != null) {
                computed = Hashes.row(content, pruned);
            }
        }
        if (!Arrays.equals(computed, current.hash)) {
            broken(table, current, sameKey
                    ? "the version row does not match its hash: a column of it, or of the version before it, was changed"
                    : "the version row does not match its hash: a column of it was changed, or it was inserted "
                            + "outside the library");
        }
    }

    /**
     * The hash of the version before {@code current} when retention removed the versions between
     * {@code previous} and it: the records of the removed versions must link the two.
     */
    private byte[] acrossGap(HashedTable table, Previous previous, Previous current) throws SQLException {
        List<long[]> links = new ArrayList<>();
        byte[] last = null;
        try (PreparedStatement statement = lookups.prepareStatement("select transaction_id, end_transaction_id, "
                + integrity.names().rowHash() + " from " + integrity.names().removedTable() + " where table_name = ?"
                + " and key_hash = ? and transaction_id > ? and transaction_id < ? order by transaction_id")) {
            statement.setString(1, table.name());
            statement.setString(2, current.keyHash);
            statement.setLong(3, previous.transactionId);
            statement.setLong(4, current.transactionId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    links.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    last = Hashes.bytes(rs.getString(3));
                }
            }
        }
        long expected = previous.end;
        for (long[] link : links) {
            if (link[0] != expected) {
                break;
            }
            expected = link[1];
        }
        if (links.isEmpty() || expected != current.transactionId) {
            broken(table, previous.key, expected, "the version written by transaction " + expected
                    + " is missing: it was deleted outside the library (retention records what it removes)");
            return null;
        }
        return last;
    }

    /** The hash of the removed version that {@code current} (the first remaining of its key) closed, or null. */
    private byte[] removedBefore(HashedTable table, Previous current) throws SQLException {
        try (PreparedStatement statement = lookups.prepareStatement("select " + integrity.names().rowHash() + " from "
                + integrity.names().removedTable() + " where table_name = ? and key_hash = ? and end_transaction_id = ?")) {
            statement.setString(1, table.name());
            statement.setString(2, current.keyHash);
            statement.setLong(3, current.transactionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Hashes.bytes(rs.getString(1)) : null;
            }
        }
    }

    private void missing(HashedTable table, Previous previous) {
        broken(table, previous.key, previous.end, "the version written by transaction " + previous.end + ", which "
                + "closed the version of transaction " + previous.transactionId + ", is missing: it was deleted outside "
                + "the library");
    }

    // ---- transactions and seals

    private void transactionsAndSeals() throws SQLException {
        SealCheck check = new SealCheck(seals());
        long after = 0;
        while (broken == null) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    integrity.transactionRows().withHashesSql(integrity.names(), null))) {
                statement.setMaxRows(PAGE);
                statement.setLong(1, after);
                page(statement, null, check, ids);
            }
            if (ids.isEmpty()) {
                break;
            }
            after = ids.get(ids.size() - 1);
            if (ids.size() < PAGE) {
                break;
            }
        }
        if (broken == null) {
            check.finish(Long.MAX_VALUE);
        }
    }

    /** One transaction as its hash row and transaction row give it. */
    private record Entry(long id, byte[] versionDigest, byte[] hash, byte[] identity, boolean removed,
            TransactionRows.Row row) {
    }

    /**
     * Checks a page of transactions, selected by {@code statement} (of
     * {@link TransactionRows#withHashesSql}); their version rows are read by id ({@code in}, a
     * list) or by the range of the page (when null). Adds the ids to {@code ids}.
     */
    private void page(PreparedStatement statement, String in, SealCheck seals, Collection<Long> ids)
            throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                rs.getObject(6);
                boolean hasRow = !rs.wasNull();
                entries.add(new Entry(id, Hashes.bytes(rs.getString(2)), Hashes.bytes(rs.getString(3)),
                        Hashes.bytes(rs.getString(4)), rs.getObject(5) != null,
                        hasRow ? integrity.transactionRows().read(rs, 6) : null));
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        Map<Long, List<byte[]>> written = new HashMap<>();
        entries.forEach(entry -> written.put(entry.id, new ArrayList<>()));
        String where = in != null ? " in (" + in + ")" : " between " + entries.get(0).id + " and "
                + entries.get(entries.size() - 1).id;
        for (HashedTable table : integrity.tables()) {
            hashes("select " + integrity.model().names().transactionId() + ", " + table.rowHash() + " from "
                    + table.name() + " where " + integrity.model().names().transactionId() + where, written, false);
        }
        hashes("select transaction_id, " + integrity.names().rowHash() + " from " + integrity.names().removedTable()
                + " where transaction_id" + where, written, true);
        for (Entry entry : entries) {
            ids.add(entry.id);
            if (seals != null) {
                seals.add(entry);
            }
            transaction(entry, written.get(entry.id));
            if (broken != null) {
                return;
            }
        }
    }

    private void hashes(String sql, Map<Long, List<byte[]>> written, boolean removals) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<byte[]> hashes = written.get(rs.getLong(1));
                    byte[] hash = Hashes.bytes(rs.getString(2));
                    if (hashes != null && hash != null) {
                        hashes.add(hash);
                        if (removals) {
                            removed++;
                        }
                    }
                }
            }
        }
    }

    private void transaction(Entry entry, List<byte[]> written) {
        transactions++;
        lastChecked = Math.max(lastChecked, entry.id);
        byte[] digest = Hashes.versions(written);
        if (entry.versionDigest == null || entry.hash == null) {
            broken(transactionTable, "", entry.id, "the hash row of the transaction is damaged");
        } else if (!Arrays.equals(digest, entry.versionDigest)) {
            broken(transactionTable, "", entry.id, "the version rows of the transaction are not those it wrote: one "
                    + "was deleted, inserted or moved to it outside the library");
        } else if (entry.row == null) {
            if (!entry.removed) {
                broken(transactionTable, "", entry.id, "the transaction row was deleted outside the library");
            }
        } else {
            byte[] identity = entry.row.identity();
            if (entry.identity != null) {
                erased++;
                if (!entry.row.anonymous()) {
                    broken(transactionTable, "", entry.id, "the user of the transaction was erased, but the row names "
                            + "one: it was changed outside the library");
                    return;
                }
                identity = entry.identity;
            }
            if (!Arrays.equals(Hashes.transaction(entry.row.content(), identity, digest), entry.hash)) {
                broken(transactionTable, "", entry.id, "the transaction row does not match its hash: a column of it "
                        + "was changed outside the library");
            }
        }
    }

    /** A seal as stored. */
    private record Seal(long after, long last, long transactions, byte[] digest, IntegrityReport.Seal value) {
    }

    private List<Seal> seals() throws SQLException {
        List<Seal> seals = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select after_transaction_id, "
                + "last_transaction_id, transactions, digest, sealed_at from " + integrity.names().sealTable()
                + " order by after_transaction_id")) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp at = rs.getTimestamp(5);
                    seals.add(new Seal(rs.getLong(1), rs.getLong(2), rs.getLong(3), Hashes.bytes(rs.getString(4)),
                            new IntegrityReport.Seal(rs.getLong(2), rs.getLong(3), rs.getString(4),
                                    at == null ? null : at.toInstant())));
                }
            }
        }
        if (!seals.isEmpty()) {
            lastSeal = seals.get(seals.size() - 1).value;
        }
        return seals;
    }

    /** The running digests of the seals, fed the transactions in id order. */
    private final class SealCheck {
        private final List<Seal> seals;
        private int next;
        private MessageDigest digest;
        private long count;
        private long after;

        SealCheck(List<Seal> seals) {
            this.seals = seals;
            start(null);
        }

        private void start(byte[] previous) {
            digest = Hashes.seal(previous);
            count = 0;
        }

        void add(Entry entry) {
            finish(entry.id);
            if (broken == null && next < seals.size()) {
                Hashes.sealEntry(digest, entry.id, entry.hash == null ? new byte[32] : entry.hash);
                count++;
            }
        }

        /** Closes the seals that end before {@code id}. */
        void finish(long id) {
            while (broken == null && next < seals.size() && seals.get(next).last < id) {
                Seal seal = seals.get(next);
                if (seal.after != after) {
                    broken(integrity.names().sealTable(), "", seal.last, "the seal does not follow the seal before it "
                            + "(it starts after transaction " + seal.after + ", the one before ends at " + after
                            + "): a seal was deleted or inserted");
                } else if (count != seal.transactions || !Arrays.equals(digest.digest(), seal.digest)) {
                    broken(integrity.names().sealTable(), "", seal.last, "the transactions up to this seal are not "
                            + "those it sealed (" + seal.transactions + " sealed, " + count + " found): a transaction "
                            + "after " + seal.after + " was deleted, inserted or changed outside the library");
                }
                after = seal.last;
                start(seal.digest);
                next++;
            }
        }
    }

    // ---- shared

    private record Previous(Object[] key, String keyHash, long transactionId, Long end, byte[] hash) {
    }

    private static Long endOf(ResultSet rs, int column) throws SQLException {
        long end = rs.getLong(column);
        return rs.wasNull() ? null : end;
    }

    private static int index(ResultSet rs, int keyWidth, String label) throws SQLException {
        for (int i = keyWidth + 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new SQLException("No column " + label + " in the version table");
    }

    private void broken(HashedTable table, Previous row, String problem) {
        broken(table, row.key, row.transactionId, problem);
    }

    private void broken(HashedTable table, Object[] key, long transactionId, String problem) {
        StringJoiner id = new StringJoiner(", ");
        for (Object value : key) {
            id.add(String.valueOf(value));
        }
        broken(table.owner(), id.toString(), transactionId, problem);
    }

    private void broken(String entityName, String id, long transactionId, String problem) {
        if (broken == null) {
            broken = new BrokenLink(entityName, id, transactionId, problem);
        }
    }
}
