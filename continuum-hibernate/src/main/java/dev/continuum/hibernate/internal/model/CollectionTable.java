package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.collection.CollectionPersister;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The version table of one versioned collection (a many-to-many join table or an element
 * collection table): its data columns, the owner's key, then the index (lists with an order
 * column, maps) and the element; a row is identified by the key and the element (sets, bags) or
 * the index (indexed collections). Immutable; built once per session factory.
 */
public final class CollectionTable {

    private final CollectionPersister persister;
    private final String name;
    private final List<DataColumn> columns;
    private final int[] keyPositions;
    private final int[] indexPositions;
    private final int[] elementPositions;
    private final int identityWidth;
    private final int indexBase;
    private final boolean bag;

    CollectionTable(CollectionPersister persister, String name) {
        this.persister = persister;
        this.name = name;
        PluralAttributeMapping attribute = persister.getAttributeMapping();
        Dialect dialect = persister.getFactory().getJdbcServices().getDialect();
        String liveTable = persister.getTableName();
        List<SelectableMapping> selectables = new ArrayList<>();
        this.keyPositions = positions(attribute.getKeyDescriptor().getKeyPart(), liveTable, selectables);
        ModelPart index = attribute.getIndexDescriptor();
        int[] indexColumns = index == null ? new int[0] : positions(index, liveTable, selectables);
        boolean indexed = Arrays.stream(indexColumns).anyMatch(p -> p >= 0);
        this.indexPositions = indexed ? indexColumns : null;
        this.bag = !indexed && persister.getCollectionSemantics().getCollectionClassification()
                == CollectionClassification.BAG;
        int identity = selectables.size();
        this.elementPositions = positions(attribute.getElementDescriptor(), liveTable, selectables);
        this.identityWidth = indexed ? identity : selectables.size();
        this.indexBase = attribute.getIndexMetadata() == null ? 0 : attribute.getIndexMetadata().getListIndexBase();
        List<DataColumn> data = new ArrayList<>();
        for (SelectableMapping selectable : selectables) {
            data.add(DataColumn.of(selectable.getSelectionExpression(), selectable, selectable.getJdbcMapping(), dialect));
        }
        this.columns = List.copyOf(data);
    }

    /** Adds the selectables of a part that are columns of the collection table; -1 for the others. */
    private static int[] positions(ModelPart part, String liveTable, List<SelectableMapping> selectables) {
        int[] positions = new int[part.getJdbcTypeCount()];
        part.forEachSelectable((index, selectable) -> {
            if (selectable.isFormula() || !liveTable.equals(selectable.getContainingTableExpression())) {
                positions[index] = -1;
            } else {
                positions[index] = selectables.size();
                selectables.add(selectable);
            }
        });
        return positions;
    }

    /** The collection's persister. */
    public CollectionPersister persister() {
        return persister;
    }

    /** The collection role. */
    public String role() {
        return persister.getRole();
    }

    /** The rendered name of the version table. */
    public String name() {
        return name;
    }

    /** The data columns: key, index (indexed collections), element. */
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

    /** Positions among the data columns of the key's JDBC values (-1 for a value not in the collection table). */
    public int[] keyPositions() {
        return keyPositions.clone();
    }

    /** Whether rows are identified by an index (lists with an order column, maps) rather than the element. */
    public boolean indexed() {
        return indexPositions != null;
    }

    /** Positions of the index's JDBC values, or null when not indexed. */
    public int[] indexPositions() {
        return indexPositions == null ? null : indexPositions.clone();
    }

    /** Positions of the element's JDBC values (-1 for a value not in the collection table). */
    public int[] elementPositions() {
        return elementPositions.clone();
    }

    /** The number of leading data columns that identify a row: key and index, or key and element. */
    public int identityWidth() {
        return identityWidth;
    }

    /** The base of a list's order column (what Hibernate adds to a position), 0 by default. */
    public int indexBase() {
        return indexBase;
    }

    /** Whether the collection is a bag: rows are not unique, so each copy of an element is a row. */
    public boolean bag() {
        return bag;
    }
}
