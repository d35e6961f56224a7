package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.EntityDiscriminatorMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version table of one inheritance level of one entity: its data columns (the identifier's,
 * the discriminator, then each versioned attribute's), where each attribute's JDBC values go, and
 * the columns a version row takes from the live row. Immutable; built once per session factory.
 *
 * @param persister the persister of the entity whose versions this table holds (for a shared
 *        table, this entity's)
 * @param name the rendered (qualified, quoted where needed) name of the version table
 * @param columns the data columns, in the order of a captured row: identifier, discriminator, attributes
 * @param idColumnCount the number of key columns, which come first
 * @param discriminatorPosition the position of the discriminator among the data columns, or -1
 * @param discriminatorValue the literal discriminator value this entity writes, or null
 * @param attributes the versioned attributes whose columns live at this level
 * @param attributePositions per attribute, the positions among the data columns of its JDBC values
 *        (in its selectable order); -1 for a value that shares a column already listed, or a formula
 * @param liveColumns rendered names of the columns that follow the data columns and that a version
 *        row takes from the live row when it is written (the foreign key of a join-column
 *        one-to-many, which Hibernate writes from the parent's collection and which is therefore
 *        not in the child's state)
 * @param liveTable the rendered name of the live table this level shadows (its own table for a JOINED
 *        subclass level), from which {@code liveColumns} are read
 * @param offset where this level's columns start in a captured row of the entity (0 but for a
 *        JOINED subclass level)
 * @param liveDefaults the positions among the data columns of those the database fills with its
 *        default when a {@code @DynamicInsert} insert leaves them out: a version row that captured
 *        null there takes the live row's value
 * @param flagColumns rendered names of the modification flags of {@code attributes}, in their
 *        order; empty when the table has none (see {@link ModifiedFlags})
 */
public record EntityTable(EntityPersister persister, String name, List<DataColumn> columns, int idColumnCount,
        int discriminatorPosition, Object discriminatorValue, List<AttributeMapping> attributes,
        List<List<Integer>> attributePositions, List<String> liveColumns, String liveTable, int offset,
        Set<Integer> liveDefaults, List<String> flagColumns) {

    /**
     * The version table of one level of {@code persister}'s entity.
     *
     * @param name the rendered name of the version table
     * @param versionedProperties the versioned attributes whose columns live at this level
     * @param keyColumnNames rendered names of this level's key columns (a JOINED subclass table's
     *        primary key join columns), or null for the identifier's own columns
     * @param withDiscriminator whether this level holds the discriminator column
     * @param liveColumns rendered names of columns a version row takes from the live row
     * @param liveTable rendered name of the live table this level shadows
     * @param offset where this level's columns start in a captured row of the entity
     * @param defaultedColumns rendered names of columns the database fills with a default when an
     *        insert leaves them out (of a {@code @DynamicInsert} entity)
     * @param flagsByProperty the rendered flag column of each versioned property; empty without flags
     */
    static EntityTable of(EntityPersister persister, String name, Set<String> versionedProperties,
            List<String> keyColumnNames, boolean withDiscriminator, List<String> liveColumns, String liveTable,
            int offset, Set<String> defaultedColumns, Map<String, String> flagsByProperty) {
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        Map<String, DataColumn> byName = new LinkedHashMap<>();
        persister.getIdentifierMapping().forEachSelectable((index, selectable) -> {
            String column = keyColumnNames != null ? keyColumnNames.get(index) : selectable.getSelectionExpression();
            byName.put(column, DataColumn.of(column, selectable, selectable.getJdbcMapping(), dialect));
        });
        int idColumnCount = byName.size();

        int discriminatorPosition = -1;
        Object discriminatorValue = null;
        EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        if (withDiscriminator && discriminator != null && discriminator.hasPhysicalColumn()
                && !byName.containsKey(discriminator.getSelectionExpression())) {
            discriminatorPosition = byName.size();
            byName.put(discriminator.getSelectionExpression(), DataColumn.of(discriminator.getSelectionExpression(),
                    discriminator, discriminator.getUnderlyingJdbcMapping(), dialect));
            DiscriminatorValue value = persister.getDiscriminatorValue();
            discriminatorValue = value instanceof DiscriminatorValue.Literal literal ? literal.value() : null;
        }

        List<AttributeMapping> attributes = new ArrayList<>();
        List<List<Integer>> positionsOfAttributes = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (!versionedProperties.contains(attribute.getAttributeName())) {
                continue;
            }
            List<Integer> positions = new ArrayList<>();
            boolean compact = CompactProperties.isCompact(persister, attribute);
            attribute.forEachSelectable((index, selectable) -> {
                String column = selectable.getSelectionExpression();
                if (selectable.isFormula() || byName.containsKey(column)) {
                    positions.add(-1);
                } else {
                    positions.add(byName.size());
                    DataColumn data = DataColumn.of(column, selectable, selectable.getJdbcMapping(), dialect);
                    byName.put(column, compact ? data.asCompact() : data);
                }
            });
            attributes.add(attribute);
            positionsOfAttributes.add(List.copyOf(positions));
            if (!flagsByProperty.isEmpty()) {
                flags.add(flagsByProperty.get(attribute.getAttributeName()));
            }
        }
        List<String> live = new ArrayList<>();
        for (String column : liveColumns) {
            if (!live.contains(column) && !byName.containsKey(column)) {
                live.add(column);
            }
        }
        Set<Integer> liveDefaults = new HashSet<>();
        int position = 0;
        for (String column : byName.keySet()) {
            if (position >= idColumnCount && defaultedColumns.contains(column)) {
                liveDefaults.add(position);
            }
            position++;
        }
        return new EntityTable(persister, name, List.copyOf(byName.values()), idColumnCount, discriminatorPosition,
                discriminatorValue, List.copyOf(attributes), List.copyOf(positionsOfAttributes), List.copyOf(live),
                liveTable, offset, Set.copyOf(liveDefaults), List.copyOf(flags));
    }

    /** Whether the table has a modification flag per versioned attribute. */
    public boolean hasFlags() {
        return !flagColumns.isEmpty();
    }

    /** The rendered flag column of the versioned attribute named {@code attribute}, or null when it has none. */
    public String flagColumn(String attribute) {
        for (int i = 0; i < flagColumns.size(); i++) {
            if (attributes.get(i).getAttributeName().equals(attribute)) {
                return flagColumns.get(i);
            }
        }
        return null;
    }

    /** Whether a data column holds references of compact values. */
    public boolean hasCompactColumns() {
        return columns.stream().anyMatch(DataColumn::compact);
    }

    /** The names of the data columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(DataColumn::name).toList();
    }

    /** The JDBC mapping of the data column at {@code column}. */
    public JdbcMapping jdbcMapping(int column) {
        return columns.get(column).mapping();
    }

    /** The position in the entity's state array of the attribute at {@code index}. */
    public int statePosition(int index) {
        return attributes.get(index).getStateArrayPosition();
    }

    /** {@link #attributePositions()} of the attribute at {@code index}, as an array of its own. */
    public int[] attributeColumns(int index) {
        return attributePositions.get(index).stream().mapToInt(Integer::intValue).toArray();
    }
}
