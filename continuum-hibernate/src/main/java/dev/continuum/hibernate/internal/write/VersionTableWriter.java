package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.NullSafeEquality;

import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes the rows of one version table, an entity's (one per inheritance level) or a versioned
 * collection's: its SQL, built once at boot, and the binding of a captured row's slice of columns
 * (from {@code offset} on) to it. A version row is the table's data columns, the transaction id
 * and the operation; a row's key is its leading key columns, by which its open version is closed.
 */
final class VersionTableWriter {

    private final String name;
    private final String sortKey;
    private final List<DataColumn> columns;
    private final JdbcMapping[] mappings;
    /** Per data column: whether it holds the references of compact values. */
    private final boolean[] compact;
    private final int offset;
    private final int keyWidth;
    /** Per key column: how many parameters of the closing update take its value (0 for a constant expression). */
    private final int[] keyParameters;
    private final List<String> liveColumns;
    /** Per data column: whether a null value takes the live row's (a database default a dynamic insert left to it). */
    private final boolean[] liveDefaults;
    private final String liveTable;
    private final ModifiedFlagValues flags;
    private final boolean combinable;
    private final TableNames names;
    private final String insertSql;
    private final String closeSql;
    /** The set-based closing update up to its transaction id, and from there to its key list; null prefix when rows close one by one. */
    private final String closeManyHead;
    private final String closeManyPrefix;
    private final String closeManyOpen;
    /** The closings under flush writes, which pass over this transaction's own rows only (see {@link #closeSqlAtFlush}). */
    private final String closeSqlAtFlush;
    private final String closeManyOpenAtFlush;
    /** {@link #upsertSql}, built at its first use. */
    private String upsertSql;

    private VersionTableWriter(String name, String sortKey, List<DataColumn> columns, int offset, int keyWidth,
            NullSafeEquality nullableKeys, List<String> liveColumns, Set<Integer> liveDefaults, String liveTable,
            ModifiedFlagValues flags,
            boolean combinable, TableNames names) {
        this.name = name;
        this.sortKey = sortKey;
        this.columns = columns;
        this.mappings = columns.stream().map(DataColumn::mapping).toArray(JdbcMapping[]::new);
        this.compact = new boolean[columns.size()];
        for (int i = 0; i < compact.length; i++) {
            compact[i] = columns.get(i).compact();
        }
        this.offset = offset;
        this.keyWidth = keyWidth;
        this.liveColumns = liveColumns;
        this.liveDefaults = new boolean[columns.size()];
        liveDefaults.forEach(position -> this.liveDefaults[position] = true);
        this.liveTable = liveTable;
        this.flags = flags;
        this.combinable = combinable;
        this.names = names;
        this.insertSql = buildInsertSql(1, "?");
        this.keyParameters = new int[keyWidth];
        // a closing passes over versions of this transaction (inserted before it) and newer ones
        String open = names.endTransactionId() + " is null and " + names.transactionId() + " < ";
        StringJoiner where = new StringJoiner(" and ", " where ", " and " + open + "?");
        for (int i = 0; i < keyWidth; i++) {
            DataColumn column = columns.get(i);
            boolean nullSafe = nullableKeys != null && column.nullable();
            where.add(nullSafe ? nullableKeys.match(column.name(), column.writeExpression())
                    : column.name() + " = " + column.writeExpression());
            keyParameters[i] = !column.parameterized() ? 0 : nullSafe ? nullableKeys.occurrences() : 1;
        }
        this.closeSql = "update " + name + " set " + names.endTransactionId() + " = ?" + where;
        this.closeManyHead = "update " + name + " set " + names.endTransactionId() + " = ";
        boolean plainSingleKey = keyWidth == 1 && keyParameters[0] == 1
                && (nullableKeys == null || !columns.get(0).nullable());
        this.closeManyPrefix = plainSingleKey
                ? " and " + columns.get(0).name() + " in (" : null;
        this.closeManyOpen = " where " + open;
        String others = names.endTransactionId() + " is null and " + names.transactionId() + " <> ";
        this.closeSqlAtFlush = closeSql.substring(0, closeSql.length() - open.length() - 1) + others + "?";
        this.closeManyOpenAtFlush = " where " + others;
    }

    /**
     * The writer of one level of an entity. An identifier is never null, so its columns match with
     * {@code =}; the inserts of small numbers of rows may go into the combined statement.
     */
    static VersionTableWriter of(EntityTable table, TableNames names) {
        return new VersionTableWriter(table.name(), table.persister().getEntityName(), table.columns(), table.offset(),
                table.idColumnCount(), null, table.liveColumns(), table.liveDefaults(), table.liveTable(),
                ModifiedFlagValues.of(table), true, names);
    }

    /**
     * The writer of a collection's table, whose rows are identified by the owner's key and the
     * element or index, nullable parts matched with {@code nullSafe}. Its inserts always go out as
     * a batch of their own.
     */
    static VersionTableWriter of(CollectionTable table, TableNames names, NullSafeEquality nullSafe) {
        return new VersionTableWriter(table.name(), table.role(), table.columns(), 0, table.identityWidth(), nullSafe,
                List.of(), Set.of(), null, ModifiedFlagValues.NONE, false, names);
    }

    /** The positions in a captured row of the columns that hold compact values; empty when there are none. */
    int[] compactPositions() {
        int[] positions = new int[compact.length];
        int count = 0;
        for (int i = 0; i < compact.length; i++) {
            if (compact[i]) {
                positions[count++] = offset + i;
            }
        }
        return java.util.Arrays.copyOf(positions, count);
    }

    /** The rendered name of the version table. */
    String tableName() {
        return name;
    }

    /** A tie-breaker for ordering writers of one table (the entity name, or the collection role). */
    String sortKey() {
        return sortKey;
    }

    /**
     * Whether the insert reads columns of the live row with a subquery (the foreign key of a
     * join-column one-to-many child, a database default), which some databases' bulk execution
     * evaluates only once.
     */
    boolean readsLiveRow() {
        if (!liveColumns.isEmpty()) {
            return true;
        }
        for (boolean live : liveDefaults) {
            if (live) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the superseded versions of this table's rows are closed by an update: under the
     * subquery strategy there is no end column, and a write only inserts.
     */
    boolean closesVersions() {
        return names.validity().maintainsEnd();
    }

    /** Whether open versions close with one {@code update ... where key in (...)} for many rows (a single-column key). */
    boolean closesSetBased() {
        return closeManyPrefix != null;
    }

    String insertSql() {
        return insertSql;
    }

    String closeSql() {
        return closeSql;
    }

    /**
     * SQL that inserts {@code rows} version rows in one statement, the transaction id given by the
     * SQL expression {@code transactionId} instead of a parameter; null when this table's rows go
     * out only as a batch of {@link #insertSql()}.
     */
    String combinedInsertSql(int rows, String transactionId) {
        return combinable ? buildInsertSql(rows, transactionId) : null;
    }

    private String buildInsertSql(int rows, String transactionId) {
        List<String> columnNames = new ArrayList<>();
        List<String> values = new ArrayList<>();
        insertColumns(transactionId, columnNames, values);
        StringJoiner all = new StringJoiner(", ", "insert into " + name + " (" + String.join(", ", columnNames)
                + ") values ", "");
        String row = "(" + String.join(", ", values) + ")";
        for (int i = 0; i < rows; i++) {
            all.add(row);
        }
        return all.toString();
    }

    /** Adds the columns an insert writes to {@code columnNames}, and the SQL expression of each value to {@code values}. */
    private void insertColumns(String transactionId, List<String> columnNames, List<String> values) {
        for (int i = 0; i < columns.size(); i++) {
            DataColumn column = columns.get(i);
            columnNames.add(column.name());
            values.add(liveDefaults[i] ? "coalesce(" + column.writeExpression() + ", " + liveValue(column.name()) + ")"
                    : column.writeExpression());
        }
        for (String column : liveColumns) {
            columnNames.add(column);
            values.add(liveValue(column));
        }
        for (String flag : flags.columns()) {
            columnNames.add(flag);
            values.add("?");
        }
        columnNames.add(names.transactionId());
        values.add(transactionId);
        columnNames.add(names.operationType());
        values.add("?");
    }

    /**
     * Under flush writes: SQL with the parameters of {@link #insertSql()} that inserts a version
     * row, or, when an earlier flush of the same transaction wrote one for the key, rewrites that
     * one by the merge rules of {@link StateChange}: its values become the new ones, and its
     * operation stays an insert after an insert (an insert then a delete marks it
     * {@link #CANCELLED}, for {@link #cancelledSql()} to remove), becomes an update when an insert
     * follows a delete, else takes the new operation.
     */
    String upsertSql(FlushWrites.Upsert style) {
        String sql = upsertSql;
        if (sql == null) {
            sql = buildUpsertSql(style);
            upsertSql = sql; // one style per factory: a race builds the same text twice
        }
        return sql;
    }

    private String buildUpsertSql(FlushWrites.Upsert style) {
        List<String> columnNames = new ArrayList<>();
        List<String> values = new ArrayList<>();
        insertColumns("?", columnNames, values);
        String operation = names.operationType();
        StringJoiner key = new StringJoiner(", ");
        for (int i = 0; i < keyWidth; i++) {
            key.add(columns.get(i).name());
        }
        key.add(names.transactionId());
        List<String> rewritten = columnNames.subList(keyWidth, columnNames.size()).stream()
                .filter(column -> !column.equals(names.transactionId()) && !column.equals(operation)).toList();
        return switch (style) {
            case ON_CONFLICT -> {
                StringJoiner set = new StringJoiner(", ", " on conflict (" + key + ") do update set ", "");
                set.add(operation + " = " + mergedOperation("v." + operation, "excluded." + operation));
                rewritten.forEach(column -> set.add(column + " = excluded." + column));
                yield "insert into " + name + " as v (" + String.join(", ", columnNames) + ") values ("
                        + String.join(", ", values) + ")" + set;
            }
            case ON_DUPLICATE_KEY -> {
                // assignments run in order: the operation is computed from the row's earlier operation first
                StringJoiner set = new StringJoiner(", ", " on duplicate key update ", "");
                set.add(operation + " = " + mergedOperation(operation, "values(" + operation + ")"));
                rewritten.forEach(column -> set.add(column + " = values(" + column + ")"));
                yield insertSql + set;
            }
            case MERGE -> {
                StringJoiner on = new StringJoiner(" and ", " on ", "");
                for (String column : key.toString().split(", ")) {
                    on.add("v." + column + " = s." + column);
                }
                StringJoiner set = new StringJoiner(", ", " when matched then update set ", "");
                set.add(operation + " = " + mergedOperation("v." + operation, "s." + operation));
                rewritten.forEach(column -> set.add(column + " = s." + column));
                yield "merge into " + name + " v using (values (" + String.join(", ", values) + ")) s ("
                        + String.join(", ", columnNames) + ")" + on + set + " when not matched then insert ("
                        + String.join(", ", columnNames) + ") values (s." + String.join(", s.", columnNames) + ")";
            }
        };
    }

    /** The operation code a version row keeps when a row of the same key and transaction is written over it. */
    private static String mergedOperation(String earlier, String next) {
        return "case when " + earlier + " = " + Operation.INSERT.code() + " then case when " + next + " = "
                + Operation.DELETE.code() + " then " + CANCELLED + " else " + Operation.INSERT.code() + " end when "
                + next + " = " + Operation.INSERT.code() + " then " + Operation.UPDATE.code() + " else " + next
                + " end";
    }

    /** The operation code of a version row whose insert a later flush's delete cancelled; no row keeps it. */
    static final int CANCELLED = -1;

    /** SQL that removes the version rows of a transaction (its id the parameter) cancelled by {@link #upsertSql}. */
    /** SQL that finds whether a version row of a transaction (the parameter) is in this table. */
    String anyOfTransactionSql() {
        return "select 1 from " + name + " where " + names.transactionId() + " = ?";
    }

    String cancelledSql() {
        return "delete from " + name + " where " + names.transactionId() + " = ? and " + names.operationType() + " = "
                + CANCELLED;
    }

    /**
     * SQL that reopens the versions a transaction (its id each of the three parameters) closed for
     * rows whose insert a later flush cancelled (see {@link #cancelledSql()}): as if the insert had
     * never happened, the version it superseded (a deletion, for an entity re-created under its
     * identifier) is the current one again.
     */
    String reopenSql(FlushWrites.Upsert style) {
        String end = names.endTransactionId();
        String tx = names.transactionId();
        StringJoiner sameKey = new StringJoiner(" and ");
        for (int i = 0; i < keyWidth; i++) {
            sameKey.add("c." + columns.get(i).name() + " = v." + columns.get(i).name());
        }
        String cancelled = "c." + tx + " = ? and c." + names.operationType() + " = " + CANCELLED;
        String closedByIt = "v." + end + " = ? and v." + tx + " <> ?";
        return switch (style) {
            case ON_CONFLICT -> "update " + name + " as v set " + end + " = null from " + name + " as c where "
                    + sameKey + " and " + cancelled + " and " + closedByIt;
            case ON_DUPLICATE_KEY -> "update " + name + " v join " + name + " c on " + sameKey + " set v." + end
                    + " = null where " + cancelled + " and " + closedByIt;
            case MERGE -> "update " + name + " v set " + end + " = null where exists (select 1 from " + name
                    + " c where " + sameKey + " and " + cancelled + ") and " + closedByIt;
        };
    }

    /**
     * The closing of one row's open version under flush writes ({@link #addClose} binds it): it
     * closes any open version but this transaction's own (written at an earlier flush), also one
     * of a transaction with a larger id, which {@link #misorderedSql} then finds.
     */
    String closeSqlAtFlush() {
        return closeSqlAtFlush;
    }

    /** {@link #closeManySql} under flush writes (see {@link #closeSqlAtFlush()}), the transaction id a parameter. */
    String closeManySqlAtFlush(int count) {
        return closeMany(count, "?", closeManyOpenAtFlush);
    }

    /**
     * SQL that counts the versions a transaction (the first two parameters, its id twice) closed
     * although a transaction with a larger id wrote them: among {@code count} keys bound as for
     * {@link #closeManySql} from the third parameter on, or among all its closings when
     * {@code count} is 0.
     */
    String misorderedSql(int count) {
        String sql = "select count(*) from " + name + " where " + names.endTransactionId() + " = ? and "
                + names.transactionId() + " > ?";
        if (count == 0) {
            return sql;
        }
        StringJoiner keys = new StringJoiner(", ", sql + " and " + columns.get(0).name() + " in (", ")");
        for (int i = 0; i < count; i++) {
            keys.add(columns.get(0).writeExpression());
        }
        return keys.toString();
    }

    /** A subquery of {@code column} of the row's live row, whose parameters are the row's key. */
    private String liveValue(String column) {
        StringJoiner key = new StringJoiner(" and ", " where ", ")");
        for (int i = 0; i < keyWidth; i++) {
            key.add(columns.get(i).name() + " = ?");
        }
        return "(select " + column + " from " + liveTable + key;
    }

    /**
     * SQL that closes the open versions of {@code count} rows in one statement, the transaction id
     * given (twice: the end it sets, the bound of the versions it closes) by the SQL expression
     * {@code transactionId}; only when {@link #closesSetBased()}.
     */
    String closeManySql(int count, String transactionId) {
        return closeMany(count, transactionId, closeManyOpen);
    }

    private String closeMany(int count, String transactionId, String openClause) {
        StringJoiner keys = new StringJoiner(", ",
                closeManyHead + transactionId + openClause + transactionId + closeManyPrefix, ")");
        for (int i = 0; i < count; i++) {
            keys.add(columns.get(0).writeExpression());
        }
        return keys.toString();
    }

    /**
     * Whether the delete versions of unchanged rows can be made from the versions their closing
     * ends, inside the database: an entity table closed set-based whose inserts read nothing of
     * the live row (gone by then).
     */
    boolean makesDeletesFromOpenVersions() {
        return combinable && closesSetBased() && !readsLiveRow();
    }

    /**
     * {@link #closeManySql} that hands back the data columns of the versions it closes, for
     * {@link #deletesFromSql}.
     */
    String closeManyReturningSql(int count, String transactionId) {
        StringJoiner returning = new StringJoiner(", ", " returning ", "");
        columns.forEach(column -> returning.add(column.name()));
        return closeManySql(count, transactionId) + returning;
    }

    /**
     * SQL that inserts a delete version of every row of {@code closed} (a relation of this table's
     * data columns, the versions just closed), their flags false (a plain delete changes nothing),
     * returning one row per version.
     */
    String deletesFromSql(String closed, String transactionId) {
        StringJoiner into = new StringJoiner(", ", "insert into " + name + " (", ")");
        StringJoiner select = new StringJoiner(", ", " select ", " from " + closed + " returning 1");
        for (DataColumn column : columns) {
            into.add(column.name());
            select.add(column.name());
        }
        for (String flag : flags.columns()) {
            into.add(flag);
            select.add("false");
        }
        into.add(names.transactionId());
        select.add(transactionId);
        into.add(names.operationType());
        select.add(Integer.toString(Operation.DELETE.code()));
        return into.toString() + select;
    }

    /**
     * SQL that removes the delete versions this transaction made of {@code count} keys, for them
     * to be written again from their values.
     */
    String removeDeletesSql(int count) {
        StringJoiner keys = new StringJoiner(", ", "delete from " + name + " where " + names.transactionId()
                + " = ? and " + names.operationType() + " = " + Operation.DELETE.code() + " and "
                + columns.get(0).name() + " in (", ")");
        for (int i = 0; i < count; i++) {
            keys.add(columns.get(0).writeExpression());
        }
        return keys.toString();
    }

    /** Binds one version row to {@link #insertSql()} and adds it to the batch. */
    void addInsert(PreparedStatement statement, TableRows.Row row, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = flags.bind(statement, bindColumns(statement, 1, row.written(), session), row);
        statement.setLong(parameter, transactionId);
        statement.setShort(parameter + 1, (short) row.operation().code());
        statement.addBatch();
    }

    /**
     * Binds one row of {@link #combinedInsertSql(int, String)} from parameter {@code first} on;
     * returns the next parameter index.
     */
    int bindCombinedInsert(PreparedStatement statement, int first, TableRows.Row row,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = flags.bind(statement, bindColumns(statement, first, row.written(), session), row);
        statement.setShort(parameter, (short) row.operation().code());
        return parameter + 1;
    }

    /** Binds the data columns and the keys of the live-row subqueries of a row from {@code first} on. */
    private int bindColumns(PreparedStatement statement, int first, Object[] values,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = first;
        for (int i = 0; i < mappings.length; i++) {
            if (compact[i]) {
                statement.setBytes(parameter++, (byte[]) values[offset + i]);
            } else if (columns.get(i).parameterized()) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
            if (liveDefaults[i]) {
                parameter = bindKey(statement, parameter, values, session);
            }
        }
        for (int column = 0; column < liveColumns.size(); column++) {
            parameter = bindKey(statement, parameter, values, session);
        }
        return parameter;
    }

    private int bindKey(PreparedStatement statement, int first, Object[] values,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = first;
        for (int i = 0; i < keyWidth; i++) {
            bind(statement, parameter++, i, values[offset + i], session);
        }
        return parameter;
    }

    /**
     * Binds the closing of the row's open version to {@link #closeSql()} (the transaction id, the
     * key, the transaction id again as the bound of the versions it closes) and adds it to the batch.
     */
    void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        int parameter = 2;
        for (int i = 0; i < keyWidth; i++) {
            for (int occurrence = 0; occurrence < keyParameters[i]; occurrence++) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
        }
        statement.setLong(parameter, transactionId);
        statement.addBatch();
    }

    /**
     * Binds the keys of {@code rows} to {@link #closeManySql} from parameter {@code first} on;
     * returns the next parameter index.
     */
    int bindCloseMany(PreparedStatement statement, int first, List<Object[]> rows,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = first;
        for (Object[] values : rows) {
            bind(statement, parameter++, 0, values[offset], session);
        }
        return parameter;
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        mappings[column].getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
