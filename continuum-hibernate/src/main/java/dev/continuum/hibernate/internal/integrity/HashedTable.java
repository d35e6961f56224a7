package dev.continuum.hibernate.internal.integrity;

import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.NullSafeEquality;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One version table as tamper evidence sees it: the columns that identify a row (an entity's
 * identifier, a collection row's owner and element or index), and its SQL. Every query selects the
 * key columns first, then every column of the row ({@code v.*}), so that columns added to the table
 * by other features are hashed too.
 */
final class HashedTable {

    private final String name;
    private final String owner;
    private final List<DataColumn> key;
    private final JdbcMapping[] keyMappings;
    /** Positions among {@link #key} of the columns that identify the owning entity. */
    private final int[] ownerKey;
    private final NullSafeEquality nullSafe;
    private final TableNames names;
    private final String rowHash;
    private final Set<String> unhashed;
    private final String keyList;
    private final String readBackSql;
    private final String updateSql;

    private HashedTable(String name, String owner, List<DataColumn> key, int[] ownerKey, NullSafeEquality nullSafe,
            TableNames names, String rowHash) {
        this.name = name;
        this.owner = owner;
        this.key = List.copyOf(key);
        this.keyMappings = key.stream().map(DataColumn::mapping).toArray(JdbcMapping[]::new);
        this.ownerKey = ownerKey;
        this.nullSafe = nullSafe;
        this.names = names;
        this.rowHash = rowHash;
        this.unhashed = Set.of(IntegrityNames.label(names.endTransactionId()), IntegrityNames.label(rowHash));
        StringJoiner keys = new StringJoiner(", ");
        StringJoiner join = new StringJoiner(" and ");
        StringJoiner match = new StringJoiner(" and ", " where ", "");
        for (DataColumn column : key) {
            keys.add("v." + column.name());
            join.add(equal("p." + column.name(), "v." + column.name(), column));
            match.add(equal(column.name(), "?", column));
        }
        this.keyList = keys.toString();
        String tx = names.transactionId();
        this.readBackSql = "select " + keyList + ", v.*, p." + rowHash + " from " + name + " v left join " + name
                + " p on " + join + " and p." + names.endTransactionId() + " = v." + tx + " where v." + tx + " = ?";
        this.updateSql = "update " + name + " set " + rowHash + " = ?" + match + " and " + tx + " = ?";
    }

    static HashedTable of(EntityTable table, TableNames names, String rowHash) {
        List<DataColumn> key = table.columns().subList(0, table.idColumnCount());
        int[] owner = new int[key.size()];
        for (int i = 0; i < owner.length; i++) {
            owner[i] = i;
        }
        return new HashedTable(table.name(), table.persister().getJpaEntityName(), key, owner, null, names, rowHash);
    }

    static HashedTable of(CollectionTable table, TableNames names, String rowHash, NullSafeEquality nullSafe) {
        List<DataColumn> key = table.columns().subList(0, table.identityWidth());
        int[] owner = table.key().stream().mapToInt(Integer::intValue).filter(p -> p >= 0).toArray();
        String role = table.persister().getOwnerEntityPersister().getJpaEntityName() + "."
                + table.persister().getAttributeMapping().getAttributeName();
        return new HashedTable(table.name(), role, key, owner, nullSafe, names, rowHash);
    }

    private String equal(String left, String right, DataColumn column) {
        return nullSafe != null && column.nullable() ? nullSafe.match(left, right) : left + " = " + right;
    }

    String name() {
        return name;
    }

    /** The entity name, or the collection role ({@code Owner.property}), reports name the table's rows by. */
    String owner() {
        return owner;
    }

    int keyWidth() {
        return key.size();
    }

    JdbcMapping[] keyMappings() {
        return keyMappings;
    }

    int[] ownerKey() {
        return ownerKey;
    }

    String rowHash() {
        return rowHash;
    }

    /** The columns of a row of {@link #readBackSql} or {@link #streamSql} that its hash covers. */
    List<Hashes.Column> hashedColumns(ResultSet rs, boolean withPrevious) throws SQLException {
        int count = rs.getMetaData().getColumnCount();
        return Hashes.columns(rs.getMetaData(), key.size() + 1, withPrevious ? count - 1 : count, unhashed);
    }

    /** The label of the transaction column in a result set. */
    String transactionLabel() {
        return IntegrityNames.label(names.transactionId());
    }

    String endTransactionLabel() {
        return IntegrityNames.label(names.endTransactionId());
    }

    /**
     * The rows of the table, key first, in key then transaction order; of one owner (its key
     * columns bound from parameter 1 on) when {@code ofOwner}.
     */
    String streamSql(boolean ofOwner) {
        StringBuilder sql = new StringBuilder("select ").append(keyList).append(", v.* from ").append(name).append(" v");
        if (ofOwner) {
            StringJoiner where = new StringJoiner(" and ", " where ", "");
            for (int position : ownerKey) {
                where.add("v." + key.get(position).name() + " = ?");
            }
            sql.append(where);
        }
        return sql.append(" order by ").append(keyList).append(", v.").append(names.transactionId()).toString();
    }

    /** The key of the current row, read with the key columns' own JDBC types. */
    Object[] key(ResultSet rs, SharedSessionContractImplementor session) throws SQLException {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = keyMappings[i].getJdbcValueExtractor().extract(rs, i + 1, session);
        }
        return values;
    }

    /** Binds the owner part of a key to {@link #streamSql(boolean)} or {@link #recordErasedSql}. */
    void bindOwner(PreparedStatement statement, Object[] ownerValues, SharedSessionContractImplementor session)
            throws SQLException {
        bindOwner(statement, 1, ownerValues, session);
    }

    private void bindOwner(PreparedStatement statement, int first, Object[] ownerValues,
            SharedSessionContractImplementor session) throws SQLException {
        for (int i = 0; i < ownerKey.length; i++) {
            bind(statement, first + i, ownerKey[i], ownerValues[i], session);
        }
    }

    /**
     * Records, before they are removed, the hashes of the rows whose keys and transaction ids are
     * {@code rows} (key values, then the transaction id), in {@code removedTable}; with
     * {@code oneByOne}, statement by statement rather than as a batch.
     */
    void recordRemoved(Connection connection, SharedSessionContractImplementor session, String removedTable,
            List<Object[]> rows, boolean oneByOne) throws SQLException {
        StringJoiner match = new StringJoiner(" and ", " where ", "");
        for (DataColumn column : key) {
            match.add(equal(column.name(), "?", column));
        }
        try (PreparedStatement insert = connection.prepareStatement(recordSql(removedTable, "?") + match + " and "
                + names.transactionId() + " = ?")) {
            int pending = 0;
            for (Object[] row : rows) {
                insert.setString(1, name);
                insert.setString(2, Hashes.key(Arrays.copyOf(row, key.size()), keyMappings));
                int parameter = 3;
                for (int i = 0; i < key.size(); i++) {
                    int times = nullSafe != null && key.get(i).nullable() ? nullSafe.occurrences() : 1;
                    for (int t = 0; t < times; t++) {
                        bind(insert, parameter++, i, row[i], session);
                    }
                }
                insert.setLong(parameter, (Long) row[key.size()]);
                if (oneByOne) {
                    insert.executeUpdate();
                    continue;
                }
                insert.addBatch();
                if (++pending == 500) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /**
     * Records the hashes of the rows of {@code source} (aliased {@code v}, a partition of this
     * table) that meet {@code condition}, in one {@code insert ... select} computing each row's key
     * hash in SQL (PostgreSQL); when a key column has a type whose text form SQL does not write as
     * Java does, the rows are read and recorded as {@link #recordRemoved} does.
     */
    void recordRemovedWhere(Connection connection, SharedSessionContractImplementor session, String removedTable,
            String source, String condition) throws SQLException {
        String keyHash = keyHashSql();
        if (keyHash != null) {
            try (PreparedStatement insert = connection.prepareStatement("insert into " + removedTable
                    + " (table_name, key_hash, transaction_id, end_transaction_id, " + rowHash + ", removed_at) select ?, "
                    + keyHash + ", v." + names.transactionId() + ", v." + names.endTransactionId() + ", v." + rowHash
                    + ", current_timestamp from " + source + " v where " + condition)) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select " + keyList + ", v." + names.transactionId()
                + " from " + source + " v where " + condition);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[key.size() + 1];
                for (int i = 0; i < key.size(); i++) {
                    row[i] = keyMappings[i].getJdbcValueExtractor().extract(rs, i + 1, session);
                }
                row[key.size()] = rs.getLong(key.size() + 1);
                rows.add(row);
            }
        }
        recordRemoved(connection, session, removedTable, rows, false);
    }

    /**
     * {@link Hashes#key} of the row aliased {@code v} as PostgreSQL SQL, or null when a key column's
     * Java type has a text form SQL may write otherwise (only integers, strings and UUIDs qualify).
     */
    private String keyHashSql() {
        StringBuilder bytes = new StringBuilder("'\\x").append(Hashes.hex(Hashes.KEY)).append("'::bytea");
        for (int i = 0; i < key.size(); i++) {
            Class<?> type = keyMappings[i].getJdbcJavaType().getJavaTypeClass();
            if (type != Long.class && type != Integer.class && type != Short.class && type != String.class
                    && type != java.util.UUID.class) {
                return null;
            }
            String text = "convert_to(v." + key.get(i).name() + "::text, 'UTF8')";
            bytes.append(" || case when v.").append(key.get(i).name()).append(" is null then '\\x0000000100'::bytea ")
                    .append("else int4send(length(").append(text).append(")) || ").append(text).append(" end");
        }
        return "encode(sha256(" + bytes + "), 'hex')";
    }

    /** Records, before they are erased, the hashes of every row of one owner (its key values), without their keys. */
    void recordErased(Connection connection, SharedSessionContractImplementor session, String removedTable,
            Object[] ownerValues) throws SQLException {
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (int position : ownerKey) {
            where.add(key.get(position).name() + " = ?");
        }
        try (PreparedStatement insert = connection.prepareStatement(recordSql(removedTable, "null") + where)) {
            insert.setString(1, name);
            bindOwner(insert, 2, ownerValues, session);
            insert.executeUpdate();
        }
    }

    private String recordSql(String removedTable, String keyHash) {
        return "insert into " + removedTable + " (table_name, key_hash, transaction_id, end_transaction_id, " + rowHash
                + ", removed_at) select ?, " + keyHash + ", " + names.transactionId() + ", " + names.endTransactionId()
                + ", " + rowHash + ", current_timestamp from " + name;
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        keyMappings[column].getJdbcValueBinder().bind(statement, value, parameter, session);
    }

    /**
     * Hashes the rows {@code transactionId} wrote into this table, each chained to the row it
     * closed, and stores the hashes; adds them to {@code hashes}.
     */
    void hashRows(Integrity.Statements statements, SharedSessionContractImplementor session, long transactionId,
            List<byte[]> hashes) throws SQLException {
        List<Object[]> keys = new ArrayList<>();
        List<byte[]> written = new ArrayList<>();
        try (PreparedStatement select = statements.prepare(readBackSql)) {
            select.setLong(1, transactionId);
            try (ResultSet rs = select.executeQuery()) {
                List<Hashes.Column> columns = null;
                int previous = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    if (columns == null) {
                        columns = hashedColumns(rs, true);
                    }
                    keys.add(key(rs, session));
                    written.add(Hashes.row(Hashes.content(rs, columns), Hashes.bytes(rs.getString(previous))));
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement update = statements.prepare(updateSql)) {
            for (int row = 0; row < keys.size(); row++) {
                update.setString(1, Hashes.hex(written.get(row)));
                int parameter = 2;
                for (int i = 0; i < key.size(); i++) {
                    int times = nullSafe != null && key.get(i).nullable() ? nullSafe.occurrences() : 1;
                    for (int t = 0; t < times; t++) {
                        bind(update, parameter++, i, keys.get(row)[i], session);
                    }
                }
                update.setLong(parameter, transactionId);
                update.addBatch();
            }
            update.executeBatch();
        }
        hashes.addAll(written);
    }
}
