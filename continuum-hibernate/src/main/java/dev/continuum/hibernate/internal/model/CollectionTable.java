package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.collection.CollectionPersister;

import java.util.ArrayList;
import java.util.List;

/**
 * The version table of one versioned collection (a many-to-many join table or an element
 * collection table): its data columns, the owner's key, then the index (lists with an order
 * column, maps) and the element; a row is identified by the key and the element (sets, bags) or
 * the index (indexed collections). Immutable; built once per session factory.
 *
 * @param persister the collection's persister
 * @param name the rendered name of the version table
 * @param columns the data columns: key, index (indexed collections), element
 * @param key positions among the data columns of the key's JDBC values (-1 for a value not in the
 *        collection table)
 * @param index positions of the index's JDBC values; empty when not indexed
 * @param element positions of the element's JDBC values (-1 for a value not in the collection table)
 * @param identityWidth the number of leading data columns that identify a row: key and index, or
 *        key and element
 * @param indexBase the base of a list's order column (what Hibernate adds to a position), 0 by default
 * @param bag whether the collection is a bag: rows are not unique, so each copy of an element is a row
 */
public record CollectionTable(CollectionPersister persister, String name, List<DataColumn> columns,
        List<Integer> key, List<Integer> index, List<Integer> element, int identityWidth, int indexBase,
        boolean bag) {

    /** The version table {@code name} of the collection of {@code persister}. */
    static CollectionTable of(CollectionPersister persister, String name) {
        PluralAttributeMapping attribute = persister.getAttributeMapping();
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        String liveTable = persister.getTableName();
        List<SelectableMapping> selectables = new ArrayList<>();
        List<Integer> key = positions(attribute.getKeyDescriptor().getKeyPart(), liveTable, selectables);
        ModelPart indexPart = attribute.getIndexDescriptor();
        List<Integer> index = indexPart == null ? List.of() : positions(indexPart, liveTable, selectables);
        boolean indexed = index.stream().anyMatch(p -> p >= 0);
        boolean bag = !indexed && persister.getCollectionSemantics().getCollectionClassification()
                == CollectionClassification.BAG;
        int identity = selectables.size();
        List<Integer> element = positions(attribute.getElementDescriptor(), liveTable, selectables);
        List<DataColumn> columns = new ArrayList<>();
        for (SelectableMapping selectable : selectables) {
            columns.add(DataColumn.of(selectable.getSelectionExpression(), selectable, selectable.getJdbcMapping(),
                    dialect));
        }
        int indexBase = attribute.getIndexMetadata() == null ? 0 : attribute.getIndexMetadata().getListIndexBase();
        return new CollectionTable(persister, name, List.copyOf(columns), key, indexed ? index : List.of(), element,
                indexed ? identity : selectables.size(), indexBase, bag);
    }

    /** Adds the selectables of a part that are columns of the collection table; -1 for the others. */
    private static List<Integer> positions(ModelPart part, String liveTable, List<SelectableMapping> selectables) {
        List<Integer> positions = new ArrayList<>();
        part.forEachSelectable((i, selectable) -> {
            if (selectable.isFormula() || !liveTable.equals(selectable.getContainingTableExpression())) {
                positions.add(-1);
            } else {
                positions.add(selectables.size());
                selectables.add(selectable);
            }
        });
        return List.copyOf(positions);
    }

    /** The collection role. */
    public String role() {
        return persister.getRole();
    }

    /** The names of the data columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(DataColumn::name).toList();
    }

    /** The JDBC mapping of the data column at {@code column}. */
    public JdbcMapping jdbcMapping(int column) {
        return columns.get(column).mapping();
    }

    /** Whether rows are identified by an index (lists with an order column, maps) rather than the element. */
    public boolean indexed() {
        return !index.isEmpty();
    }

    /** {@link #key()} as an array of its own. */
    public int[] keyPositions() {
        return array(key);
    }

    /** {@link #index()} as an array of its own, or null when not indexed. */
    public int[] indexPositions() {
        return indexed() ? array(index) : null;
    }

    /** {@link #element()} as an array of its own. */
    public int[] elementPositions() {
        return array(element);
    }

    private static int[] array(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}
