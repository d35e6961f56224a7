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
final class EntityVersionWriter {

    private final EntityPersister persister;
    private final String tableName;
    private final String insertSql;
    private final String closeSql;
    private final int idColumnCount;
    private final JdbcMapping[] jdbcMappings;
    private final MutabilityPlan<?>[] mutabilityPlans;
    private final AttributeMapping[] attributes;
    private final int[] statePositions;
    private final int[][] columnPositions;
    private final boolean[] versionedState;
    private final int discriminatorPosition;
    private final Object discriminatorValue;
    private final boolean generatedId;
    private final List<String> columnNames;
    private final boolean[] parameterized;

    EntityVersionWriter(EntityPersister persister, String tableName, Set<String> versionedProperties,
            String transactionIdColumn, String endTransactionIdColumn, String operationTypeColumn) {
        this.persister = persister;
        this.tableName = tableName;
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<JdbcMapping> mappings = new ArrayList<>();
        List<String> writeExpressions = new ArrayList<>();

        persister.getIdentifierMapping().forEachSelectable((index, selectable) ->
                addColumn(selectable, selectable.getJdbcMapping(), dialect, positions, mappings, writeExpressions));
        this.idColumnCount = mappings.size();

        EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        if (discriminator != null && discriminator.hasPhysicalColumn()
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

        StringJoiner columns = new StringJoiner(", ", "insert into " + tableName + " (", "");
        StringJoiner values = new StringJoiner(", ", ") values (", ")");
        for (int i = 0; i < columnNames.size(); i++) {
            columns.add(columnNames.get(i));
            values.add(writeExpressions.get(i));
        }
        columns.add(transactionIdColumn);
        values.add("?");
        columns.add(operationTypeColumn);
        values.add("?");
        this.insertSql = columns + values.toString();

        StringJoiner where = new StringJoiner(" and ", " where ", " and " + endTransactionIdColumn + " is null");
        for (int i = 0; i < idColumnCount; i++) {
            where.add(columnNames.get(i) + " = " + writeExpressions.get(i));
        }
        this.closeSql = "update " + tableName + " set " + endTransactionIdColumn + " = ?" + where;
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

    String tableName() {
        return tableName;
    }

    String insertSql() {
        return insertSql;
    }

    String closeSql() {
        return closeSql;
    }

    /**
     * Whether an inserted row of this type can take the id of a row deleted earlier. Ids produced
     * by a generator cannot, so their inserts need no closing update of an earlier version.
     */
    boolean idsCanBeReused() {
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

    /** The JDBC values of a version row: id, discriminator, then every versioned column. */
    Object[] capture(Object id, Object entity, Object[] state, SharedSessionContractImplementor session) {
        Object[] values = new Object[jdbcMappings.length];
        persister.getIdentifierMapping().breakDownJdbcValues(id, 0, values, null,
                (index, target, unused, value, selectable) -> target[index] = value, session);
        if (discriminatorPosition >= 0) {
            values[discriminatorPosition] = discriminatorValue;
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
                            target[positions[index]] = jdbcValue;
                        }
                    }, session);
        }
        copyMutableValues(values);
        return values;
    }

    @SuppressWarnings("unchecked")
    private void copyMutableValues(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (mutabilityPlans[i] != null && values[i] != null) {
                values[i] = ((MutabilityPlan<Object>) mutabilityPlans[i]).deepCopy(values[i]);
            }
        }
    }

    /** Whether two captured rows hold equal values in every column. */
    @SuppressWarnings("unchecked")
    boolean sameValues(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && (a[i] == null || b[i] == null
                    || !((JavaType<Object>) jdbcMappings[i].getJdbcJavaType()).areEqual(a[i], b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Binds one version row to the insert statement and adds it to the batch. */
    void addInsert(PreparedStatement statement, Object[] values, long transactionId, Operation operation,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = 1;
        for (int i = 0; i < values.length; i++) {
            if (parameterized[i]) {
                bind(statement, parameter++, i, values[i], session);
            }
        }
        statement.setLong(parameter, transactionId);
        statement.setShort(parameter + 1, (short) operation.code());
        statement.addBatch();
    }

    /** Binds the closing of the entity's open version to the update statement and adds it to the batch. */
    void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        int parameter = 2;
        for (int i = 0; i < idColumnCount; i++) {
            if (parameterized[i]) {
                bind(statement, parameter++, i, values[i], session);
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
