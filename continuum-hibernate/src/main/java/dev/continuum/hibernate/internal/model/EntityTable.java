package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.EntityDiscriminatorMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version table of one inheritance level of one entity: its data columns (the identifier's,
 * the discriminator, then each versioned attribute's), where each attribute's JDBC values go, and
 * the columns a version row takes from the live row. Immutable; built once per session factory.
 */
public final class EntityTable {

    private final EntityPersister persister;
    private final String name;
    private final List<DataColumn> columns;
    private final int idColumnCount;
    private final int discriminatorPosition;
    private final Object discriminatorValue;
    private final List<AttributeMapping> attributes;
    private final int[] statePositions;
    private final int[][] attributeColumns;
    private final List<String> liveColumns;
    private final String liveTable;
    private final int offset;

    /**
     * @param persister the entity's persister
     * @param name the rendered name of the version table
     * @param versionedProperties the versioned attributes whose columns live at this level
     * @param keyColumnNames rendered names of this level's key columns (a JOINED subclass table's
     *        primary key join columns), or null for the identifier's own columns
     * @param withDiscriminator whether this level holds the discriminator column
     * @param liveColumns rendered names of columns a version row takes from the live row when it is
     *        written (the foreign key of a join-column one-to-many), in both tables
     * @param liveTable rendered name of the live table those columns are read from, or null
     * @param offset where this level's columns start in a captured row of the entity
     */
    EntityTable(EntityPersister persister, String name, Set<String> versionedProperties, List<String> keyColumnNames,
            boolean withDiscriminator, List<String> liveColumns, String liveTable, int offset) {
        this.persister = persister;
        this.name = name;
        this.offset = offset;
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        Map<String, DataColumn> byName = new LinkedHashMap<>();

        persister.getIdentifierMapping().forEachSelectable((index, selectable) -> {
            String column = keyColumnNames != null ? keyColumnNames.get(index) : selectable.getSelectionExpression();
            byName.put(column, DataColumn.of(column, selectable, selectable.getJdbcMapping(), dialect));
        });
        this.idColumnCount = byName.size();

        EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        if (withDiscriminator && discriminator != null && discriminator.hasPhysicalColumn()
                && !byName.containsKey(discriminator.getSelectionExpression())) {
            this.discriminatorPosition = byName.size();
            byName.put(discriminator.getSelectionExpression(), DataColumn.of(discriminator.getSelectionExpression(),
                    discriminator, discriminator.getUnderlyingJdbcMapping(), dialect));
            DiscriminatorValue value = persister.getDiscriminatorValue();
            this.discriminatorValue = value instanceof DiscriminatorValue.Literal literal ? literal.value() : null;
        } else {
            this.discriminatorPosition = -1;
            this.discriminatorValue = null;
        }

        List<AttributeMapping> versioned = new ArrayList<>();
        List<int[]> columnsOfAttributes = new ArrayList<>();
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (!versionedProperties.contains(attribute.getAttributeName())) {
                continue;
            }
            int[] positions = new int[attribute.getJdbcTypeCount()];
            attribute.forEachSelectable((index, selectable) -> {
                String column = selectable.getSelectionExpression();
                if (selectable.isFormula() || byName.containsKey(column)) {
                    positions[index] = -1;
                } else {
                    positions[index] = byName.size();
                    byName.put(column, DataColumn.of(column, selectable, selectable.getJdbcMapping(), dialect));
                }
            });
            versioned.add(attribute);
            columnsOfAttributes.add(positions);
        }
        this.columns = List.copyOf(byName.values());
        this.attributes = List.copyOf(versioned);
        this.statePositions = versioned.stream().mapToInt(AttributeMapping::getStateArrayPosition).toArray();
        this.attributeColumns = columnsOfAttributes.toArray(int[][]::new);
        List<String> live = new ArrayList<>();
        for (String column : liveColumns) {
            if (!live.contains(column) && !byName.containsKey(column)) {
                live.add(column);
            }
        }
        this.liveColumns = List.copyOf(live);
        this.liveTable = this.liveColumns.isEmpty() ? null : liveTable;
    }

    /** The persister of the entity whose versions this table holds (for a shared table, this entity's). */
    public EntityPersister persister() {
        return persister;
    }

    /** The rendered (qualified, quoted where needed) name of the version table. */
    public String name() {
        return name;
    }

    /** The data columns, in the order of a captured row: identifier, discriminator, attributes. */
    public List<DataColumn> columns() {
        return columns;
    }

    /** The names of the data columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(DataColumn::name).toList();
    }

    /** The JDBC mapping of the data column at {@code column}. */
    public JdbcMapping jdbcMapping(int column) {
        return columns.get(column).mapping();
    }

    /** The number of key columns, which come first. */
    public int idColumnCount() {
        return idColumnCount;
    }

    /** The position of the discriminator among the data columns, or -1. */
    public int discriminatorPosition() {
        return discriminatorPosition;
    }

    /** The literal discriminator value this entity writes, or null. */
    public Object discriminatorValue() {
        return discriminatorValue;
    }

    /** The versioned attributes whose columns live at this level. */
    public List<AttributeMapping> attributes() {
        return attributes;
    }

    /** The position in the entity's state array of the attribute at {@code index}. */
    public int statePosition(int index) {
        return statePositions[index];
    }

    /**
     * Positions among the data columns of the JDBC values of the attribute at {@code index} (in its
     * selectable order); -1 for a value that shares a column already listed, or a formula.
     */
    public int[] attributeColumns(int index) {
        return attributeColumns[index].clone();
    }

    /**
     * Rendered names of the columns that follow the data columns and that a version row takes from
     * the live row when it is written (the foreign key of a join-column one-to-many, which
     * Hibernate writes from the parent's collection and which is therefore not in the child's state).
     */
    public List<String> liveColumns() {
        return liveColumns;
    }

    /** The rendered name of the live table {@link #liveColumns()} are read from, or null when none. */
    public String liveTable() {
        return liveTable;
    }

    /** Where this level's columns start in a captured row of the entity (0 but for a JOINED subclass level). */
    public int offset() {
        return offset;
    }
}
