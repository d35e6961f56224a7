package dev.continuum.hibernate.internal;

import dev.continuum.Operation;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.Assigned;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.EntityDiscriminatorMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
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

    EntityVersionWriter(EntityPersister persister, String tableName, Set<String> versionedProperties,
            String transactionIdColumn, String endTransactionIdColumn, String operationTypeColumn) {
        this.persister = persister;
        this.tableName = tableName;
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<JdbcMapping> mappings = new ArrayList<>();

        persister.getIdentifierMapping().forEachSelectable((index, selectable) -> {
            positions.put(selectable.getSelectionExpression(), mappings.size());
            mappings.add(selectable.getJdbcMapping());
        });
        this.idColumnCount = mappings.size();

        EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        if (discriminator != null && discriminator.hasPhysicalColumn()
                && !positions.containsKey(discriminator.getSelectionExpression())) {
            this.discriminatorPosition = mappings.size();
            positions.put(discriminator.getSelectionExpression(), mappings.size());
            mappings.add(discriminator.getUnderlyingJdbcMapping());
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
                if (selectable.isFormula()) {
                    columns[index] = -1;
                    return;
                }
                Integer existing = positions.get(selectable.getSelectionExpression());
                if (existing != null) {
                    columns[index] = -1;
                } else {
                    columns[index] = mappings.size();
                    positions.put(selectable.getSelectionExpression(), mappings.size());
                    mappings.add(selectable.getJdbcMapping());
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
        this.mutabilityPlans = new MutabilityPlan<?>[jdbcMappings.length];
        for (int i = 0; i < jdbcMappings.length; i++) {
            JavaType<?> javaType = jdbcMappings[i].getJdbcJavaType();
            MutabilityPlan<?> plan = javaType.getMutabilityPlan();
            mutabilityPlans[i] = plan.isMutable() ? plan : null;
        }

        StringJoiner columns = new StringJoiner(", ", "insert into " + tableName + " (", "");
        StringJoiner values = new StringJoiner(", ", ") values (", ")");
        positions.keySet().forEach(column -> {
            columns.add(column);
            values.add("?");
        });
        columns.add(transactionIdColumn);
        values.add("?");
        columns.add(operationTypeColumn);
        values.add("?");
        this.insertSql = columns + values.toString();

        StringJoiner where = new StringJoiner(" and ", " where ", " and " + endTransactionIdColumn + " is null");
        positions.keySet().stream().limit(idColumnCount).forEach(column -> where.add(column + " = ?"));
        this.closeSql = "update " + tableName + " set " + endTransactionIdColumn + " = ?" + where;
        this.generatedId = persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping
                && persister.getGenerator() != null && !(persister.getGenerator() instanceof Assigned);
    }

    EntityPersister persister() {
        return persister;
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
        int i = 0;
        for (; i < values.length; i++) {
            bind(statement, i + 1, i, values[i], session);
        }
        statement.setLong(i + 1, transactionId);
        statement.setShort(i + 2, (short) operation.code());
        statement.addBatch();
    }

    /** Binds the closing of the entity's open version to the update statement and adds it to the batch. */
    void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        for (int i = 0; i < idColumnCount; i++) {
            bind(statement, i + 2, i, values[i], session);
        }
        statement.addBatch();
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        jdbcMappings[column].getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
