package dev.continuum.hibernate.internal;

import dev.continuum.Operation;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.Assigned;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.EntityDiscriminatorMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes the version rows of one entity type. Everything that does not depend on the row (SQL,
 * the column position of each attribute's JDBC values, binders, mutability) is worked out once
 * when the session factory starts; per change, only the entity's JDBC values are captured.
 */
final class EntityVersionWriter implements VersionWriter {

    private final EntityPersister persister;
    private final String tableName;
    private String insertSql;
    private final List<String> writeExpressions;
    private final String transactionIdColumn;
    private final String operationTypeColumn;
    /** Columns read from the live row when the version row is written (a join-column one-to-many's foreign key). */
    private List<String> liveColumns = List.of();
    private String liveTable;
    private final String closeSql;
    /** The set-based closing update up to its key list, for a single-column key; else null. */
    private final String closeManyHead;
    private final String closeManyPrefix;
    private final int idColumnCount;
    private final JdbcMapping[] jdbcMappings;
    /** The mutability plan of each column of a whole captured row, null where values are immutable. */
    private MutabilityPlan<?>[] mutabilityPlans;
    private final AttributeMapping[] attributes;
    private final int[] statePositions;
    private final int[][] columnPositions;
    private final boolean[] versionedState;
    private final int discriminatorPosition;
    private final Object discriminatorValue;
    private final boolean generatedId;
    private final List<String> columnNames;
    private final boolean[] parameterized;
    /** Where this table's columns start in a captured row (0 but for a JOINED subclass level). */
    private int offset;
    /** The table writers of a change: this one, then the JOINED subclass levels. */
    private List<EntityVersionWriter> tables = List.of(this);
    /** The JDBC mappings of a whole captured row, all levels included. */
    private JdbcMapping[] rowMappings;

    EntityVersionWriter(EntityPersister persister, String tableName, Set<String> versionedProperties,
            String transactionIdColumn, String endTransactionIdColumn, String operationTypeColumn) {
        this(persister, tableName, versionedProperties, null, true, transactionIdColumn, endTransactionIdColumn,
                operationTypeColumn);
    }

    /**
     * A writer of one version table of the entity.
     *
     * @param keyColumnNames rendered names of this table's key columns (a JOINED subclass table's
     *        primary key join columns), or null for the identifier's own columns
     * @param withDiscriminator whether this table holds the discriminator column
     */
    EntityVersionWriter(EntityPersister persister, String tableName, Set<String> versionedProperties,
            List<String> keyColumnNames, boolean withDiscriminator, String transactionIdColumn,
            String endTransactionIdColumn, String operationTypeColumn) {
        this.persister = persister;
        this.tableName = tableName;
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<JdbcMapping> mappings = new ArrayList<>();
        List<String> writeExpressions = new ArrayList<>();

        persister.getIdentifierMapping().forEachSelectable((index, selectable) -> {
            addColumn(selectable, selectable.getJdbcMapping(), dialect, positions, mappings, writeExpressions);
            if (keyColumnNames != null) {
                positions.remove(selectable.getSelectionExpression());
                positions.put(keyColumnNames.get(index), mappings.size() - 1);
            }
        });
        this.idColumnCount = mappings.size();

        EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        if (withDiscriminator && discriminator != null && discriminator.hasPhysicalColumn()
                && !positions.containsKey(discriminator.getSelectionExpression())) {
            this.discriminatorPosition = mappings.size();
            addColumn(discriminator, discriminator.getUnderlyingJdbcMapping(), dialect, positions, mappings,
                    writeExpressions);
            DiscriminatorValue value = persister.getDiscriminatorValue();
            this.discriminatorValue = value instanceof DiscriminatorValue.Literal literal ? literal.value() : null;
        } else {
            this.discriminatorPosition = -1;
            this.discriminatorValue = null;
        }

        List<AttributeMapping> versioned = new ArrayList<>();
        List<int[]> attributeColumns = new ArrayList<>();
        this.versionedState = new boolean[persister.getNumberOfAttributeMappings()];
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (!versionedProperties.contains(attribute.getAttributeName())) {
                continue;
            }
            int[] columns = new int[attribute.getJdbcTypeCount()];
            attribute.forEachSelectable((index, selectable) -> {
                if (selectable.isFormula() || positions.containsKey(selectable.getSelectionExpression())) {
                    columns[index] = -1;
                } else {
                    columns[index] = mappings.size();
                    addColumn(selectable, selectable.getJdbcMapping(), dialect, positions, mappings, writeExpressions);
                }
            });
            versioned.add(attribute);
            attributeColumns.add(columns);
            versionedState[attribute.getStateArrayPosition()] = true;
        }
        this.attributes = versioned.toArray(AttributeMapping[]::new);
        this.statePositions = versioned.stream().mapToInt(AttributeMapping::getStateArrayPosition).toArray();
        this.columnPositions = attributeColumns.toArray(int[][]::new);
        this.jdbcMappings = mappings.toArray(JdbcMapping[]::new);
        this.parameterized = new boolean[jdbcMappings.length];
        this.mutabilityPlans = new MutabilityPlan<?>[jdbcMappings.length];
        for (int i = 0; i < jdbcMappings.length; i++) {
            parameterized[i] = writeExpressions.get(i).contains("?");
            MutabilityPlan<?> plan = jdbcMappings[i].getJdbcJavaType().getMutabilityPlan();
            mutabilityPlans[i] = plan.isMutable() ? plan : null;
        }
        this.columnNames = List.copyOf(positions.keySet());
        this.rowMappings = jdbcMappings;

        this.writeExpressions = List.copyOf(writeExpressions);
        this.transactionIdColumn = transactionIdColumn;
        this.operationTypeColumn = operationTypeColumn;
        this.insertSql = buildInsertSql();

        StringJoiner where = new StringJoiner(" and ", " where ", " and " + endTransactionIdColumn + " is null");
        for (int i = 0; i < idColumnCount; i++) {
            where.add(columnNames.get(i) + " = " + writeExpressions.get(i));
        }
        this.closeSql = "update " + tableName + " set " + endTransactionIdColumn + " = ?" + where;
        this.closeManyHead = "update " + tableName + " set " + endTransactionIdColumn + " = ";
        this.closeManyPrefix = idColumnCount == 1 && parameterized[0]
                ? " where " + endTransactionIdColumn + " is null and " + columnNames.get(0) + " in ("
                : null;
        this.generatedId = persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping
                && persister.getGenerator() != null && !(persister.getGenerator() instanceof Assigned);
    }

    /**
     * Adds a data column with the SQL Hibernate itself writes it with: a custom write expression
     * ({@code @ColumnTransformer}) and the JDBC type's wrapping (JSON, XML, arrays on some dialects).
     */
    private static void addColumn(SelectableMapping selectable, JdbcMapping mapping, Dialect dialect,
            Map<String, Integer> positions, List<JdbcMapping> mappings, List<String> writeExpressions) {
        positions.put(selectable.getSelectionExpression(), mappings.size());
        mappings.add(mapping);
        String custom = selectable.getWriteExpression();
        Size size = new Size(selectable.getPrecision(), selectable.getScale(), selectable.getLength());
        writeExpressions.add(mapping.getJdbcType().wrapWriteExpression(custom == null ? "?" : custom, size, dialect));
    }

    private String buildInsertSql() {
        return insertSql(1, "?");
    }

    @Override
    public String insertSql(int rows, String transactionId) {
        StringJoiner columns = new StringJoiner(", ", "insert into " + tableName + " (", ") values ");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < columnNames.size(); i++) {
            columns.add(columnNames.get(i));
            values.add(writeExpressions.get(i));
        }
        for (String column : liveColumns) {
            StringJoiner key = new StringJoiner(" and ", " where ", ")");
            for (int i = 0; i < idColumnCount; i++) {
                key.add(columnNames.get(i) + " = ?");
            }
            columns.add(column);
            values.add("(select " + column + " from " + liveTable + key);
        }
        columns.add(transactionIdColumn);
        values.add(transactionId);
        columns.add(operationTypeColumn);
        values.add("?");
        StringJoiner all = new StringJoiner(", ", columns.toString(), "");
        for (int i = 0; i < rows; i++) {
            all.add(values.toString());
        }
        return all.toString();
    }

    /**
     * Adds columns whose value a version row takes from the live row when it is written: the
     * foreign key of a join-column one-to-many, which Hibernate writes from the parent's collection
     * and which is therefore not in the child's state. A delete version finds no live row and
     * records null.
     *
     * @param columns rendered names of the columns, in both the live and the version table
     * @param table rendered name of the live table
     */
    void addLiveColumns(List<String> columns, String table) {
        List<String> all = new ArrayList<>(liveColumns);
        for (String column : columns) {
            if (!all.contains(column) && !columnNames.contains(column)) {
                all.add(column);
            }
        }
        this.liveColumns = List.copyOf(all);
        this.liveTable = table;
        this.insertSql = buildInsertSql();
    }

    /**
     * Makes {@code levels} (the version tables of a JOINED entity's subclass levels) part of every
     * change this writer captures: their columns follow this table's in the captured row.
     */
    void addLevels(List<EntityVersionWriter> levels) {
        List<EntityVersionWriter> all = new ArrayList<>();
        all.add(this);
        List<JdbcMapping> mappings = new ArrayList<>(List.of(jdbcMappings));
        for (EntityVersionWriter level : levels) {
            for (int i = 0; i < versionedState.length; i++) {
                versionedState[i] |= level.versionedState[i];
            }
            level.offset = mappings.size();
            mappings.addAll(List.of(level.jdbcMappings));
            all.add(level);
        }
        this.tables = List.copyOf(all);
        this.rowMappings = mappings.toArray(JdbcMapping[]::new);
        List<MutabilityPlan<?>> plans = new ArrayList<>();
        for (EntityVersionWriter table : all) {
            plans.addAll(java.util.Arrays.asList(table.mutabilityPlans));
        }
        this.mutabilityPlans = plans.toArray(MutabilityPlan<?>[]::new);
    }

    @Override
    public List<EntityVersionWriter> tables() {
        return tables;
    }

    @Override
    public String sortKey() {
        return persister.getEntityName();
    }

    EntityPersister persister() {
        return persister;
    }

    /** The data columns of a version row in the order of {@link #capture}: id, discriminator, attributes. */
    List<String> columnNames() {
        return columnNames;
    }

    /** The JDBC mapping of each data column, in the order of {@link #columnNames()}. */
    JdbcMapping jdbcMapping(int column) {
        return jdbcMappings[column];
    }

    int idColumnCount() {
        return idColumnCount;
    }

    /**
     * Rendered names of the columns a version row takes from the live row when it is written (the
     * foreign key of a join-column one-to-many), which follow the data columns in the version table.
     */
    @Override
    public boolean readsLiveRow() {
        return !liveColumns.isEmpty();
    }

    List<String> liveColumns() {
        return liveColumns;
    }

    /** Position of the discriminator among the data columns, or -1. */
    int discriminatorPosition() {
        return discriminatorPosition;
    }

    /** The versioned attributes, in the order of {@link #attributeColumns(int)}. */
    List<AttributeMapping> attributes() {
        return List.of(attributes);
    }

    /**
     * Positions among the data columns of the JDBC values of the versioned attribute at {@code index}
     * (in its selectable order); -1 for a value that shares a column already listed.
     */
    int[] attributeColumns(int index) {
        return columnPositions[index].clone();
    }

    @Override
    public String tableName() {
        return tableName;
    }

    @Override
    public String insertSql() {
        return insertSql;
    }

    @Override
    public String closeSql() {
        return closeSql;
    }

    /**
     * Whether an inserted row of this type can take the id of a row deleted earlier. Ids produced
     * by a generator cannot, so their inserts need no closing update of an earlier version.
     */
    @Override
    public boolean idsCanBeReused() {
        return !generatedId;
    }

    /** Whether any of the given state positions (dirty properties) is versioned. */
    boolean touchesVersionedState(int[] dirtyPositions) {
        for (int position : dirtyPositions) {
            if (position < versionedState.length && versionedState[position]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDBC values of a version row: id, discriminator, then every versioned column; for a
     * JOINED entity, followed by the columns of each subclass level.
     */
    Object[] capture(Object id, Object entity, Object[] state, SharedSessionContractImplementor session) {
        Object[] values = new Object[rowMappings.length];
        for (EntityVersionWriter table : tables) {
            table.captureInto(values, id, entity, state, session);
        }
        copyMutableValues(values);
        return values;
    }

    private void captureInto(Object[] values, Object id, Object entity, Object[] state,
            SharedSessionContractImplementor session) {
        int base = offset;
        persister.getIdentifierMapping().breakDownJdbcValues(id, 0, values, null,
                (index, target, unused, value, selectable) -> target[base + index] = value, session);
        if (discriminatorPosition >= 0) {
            values[base + discriminatorPosition] = discriminatorValue;
        }
        for (int i = 0; i < attributes.length; i++) {
            Object value = state[statePositions[i]];
            if (value == LazyPropertyInitializer.UNFETCHED_PROPERTY && entity != null) {
                value = persister.getPropertyValue(entity, attributes[i].getAttributeName());
            }
            int[] columns = columnPositions[i];
            attributes[i].breakDownJdbcValues(value, 0, values, columns,
                    (index, target, positions, jdbcValue, selectable) -> {
                        if (positions[index] >= 0) {
                            target[base + positions[index]] = jdbcValue;
                        }
                    }, session);
        }
    }

    private void copyMutableValues(Object[] values) {
        JdbcValues.copyMutable(values, mutabilityPlans);
    }

    @Override
    public boolean sameValues(Object[] a, Object[] b) {
        return JdbcValues.same(a, b, rowMappings);
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
        int parameter = first;
        for (int i = 0; i < jdbcMappings.length; i++) {
            if (parameterized[i]) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
        }
        for (int column = 0; column < liveColumns.size(); column++) {
            for (int i = 0; i < idColumnCount; i++) {
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
            keys.add(writeExpressions.get(0));
        }
        return keys.toString();
    }

    @Override
    public int bindCloseMany(PreparedStatement statement, int first, List<Object[]> rows,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = first;
        for (Object[] values : rows) {
            bind(statement, parameter++, 0, values[offset], session);
        }
        return parameter;
    }

    @Override
    public void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        int parameter = 2;
        for (int i = 0; i < idColumnCount; i++) {
            if (parameterized[i]) {
                bind(statement, parameter++, i, values[offset + i], session);
            }
        }
        statement.addBatch();
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        jdbcMappings[column].getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
