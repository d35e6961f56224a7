package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes the version rows of one version table of an entity (one inheritance level): the SQL,
 * prepared once, and the binding of a captured row's slice of columns.
 */
final class EntityVersionWriter implements VersionWriter {

    private final EntityTable table;
    private final EntityModel entity;
    private final TableNames names;
    private final List<DataColumn> columns;
    private final String insertSql;
    private final String closeSql;
    /** The set-based closing update up to its transaction id, and from there to its key list; null prefix for composite keys. */
    private final String closeManyHead;
    private final String closeManyPrefix;

    EntityVersionWriter(EntityTable table, EntityModel entity, TableNames names) {
        this.table = table;
        this.entity = entity;
        this.names = names;
        this.columns = table.columns();
        this.insertSql = insertSql(1, "?");
        StringJoiner where = new StringJoiner(" and ", " where ", " and " + names.endTransactionId() + " is null");
        for (int i = 0; i < table.idColumnCount(); i++) {
            where.add(columns.get(i).name() + " = " + columns.get(i).writeExpression());
        }
        this.closeSql = "update " + table.name() + " set " + names.endTransactionId() + " = ?" + where;
        this.closeManyHead = "update " + table.name() + " set " + names.endTransactionId() + " = ";
        this.closeManyPrefix = table.idColumnCount() == 1 && columns.get(0).parameterized()
                ? " where " + names.endTransactionId() + " is null and " + columns.get(0).name() + " in ("
                : null;
    }

    @Override
    public String insertSql(int rows, String transactionId) {
        StringJoiner names = new StringJoiner(", ", "insert into " + table.name() + " (", ") values ");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (DataColumn column : columns) {
            names.add(column.name());
            values.add(column.writeExpression());
        }
        for (String column : table.liveColumns()) {
            StringJoiner key = new StringJoiner(" and ", " where ", ")");
            for (int i = 0; i < table.idColumnCount(); i++) {
                key.add(columns.get(i).name() + " = ?");
            }
            names.add(column);
            values.add("(select " + column + " from " + table.liveTable() + key);
        }
        names.add(this.names.transactionId());
        values.add(transactionId);
        names.add(this.names.operationType());
        values.add("?");
        StringJoiner all = new StringJoiner(", ", names.toString(), "");
        for (int i = 0; i < rows; i++) {
            all.add(values.toString());
        }
        return all.toString();
    }

    @Override
    public String sortKey() {
        return table.persister().getEntityName();
    }

    @Override
    public String tableName() {
        return table.name();
    }

    @Override
    public String insertSql() {
        return insertSql;
    }

    @Override
    public String closeSql() {
        return closeSql;
    }

    @Override
    public boolean idsCanBeReused() {
        return entity.idsCanBeReused();
    }

    @Override
    public boolean readsLiveRow() {
        return !table.liveColumns().isEmpty();
    }

    @Override
    public void addInsert(PreparedStatement statement, Object[] values, long transactionId, Operation operation,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = bindColumns(statement, 1, values, session);
        statement.setLong(parameter, transactionId);
        statement.setShort(parameter + 1, (short) operation.code());
        statement.addBatch();
    }

    @Override
    public int bindInsert(PreparedStatement statement, int first, Object[] values, Operation operation,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = bindColumns(statement, first, values, session);
        statement.setShort(parameter, (short) operation.code());
        return parameter + 1;
    }

    /** Binds the data columns and the keys of the live-row subqueries of a row from {@code first} on. */
    private int bindColumns(PreparedStatement statement, int first, Object[] values,
            SharedSessionContractImplementor session) throws SQLException {
        int offset = table.offset();
        int parameter = first;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).parameterized()) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
        }
        for (int column = 0; column < table.liveColumns().size(); column++) {
            for (int i = 0; i < table.idColumnCount(); i++) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
        }
        return parameter;
    }

    @Override
    public String closeManySql(int count, String transactionId) {
        if (closeManyPrefix == null) {
            return null;
        }
        StringJoiner keys = new StringJoiner(", ", closeManyHead + transactionId + closeManyPrefix, ")");
        for (int i = 0; i < count; i++) {
            keys.add(columns.get(0).writeExpression());
        }
        return keys.toString();
    }

    @Override
    public int bindCloseMany(PreparedStatement statement, int first, List<Object[]> rows,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = first;
        for (Object[] values : rows) {
            bind(statement, parameter++, 0, values[table.offset()], session);
        }
        return parameter;
    }

    @Override
    public void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        int parameter = 2;
        for (int i = 0; i < table.idColumnCount(); i++) {
            if (columns.get(i).parameterized()) {
                bind(statement, parameter++, i, values[table.offset() + i], session);
            }
        }
        statement.addBatch();
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        columns.get(column).mapping().getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
