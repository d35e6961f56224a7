package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.NullSafeEquality;

import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Captures the changed rows of one versioned collection (a many-to-many join table or an element
 * collection table), written into {@code <collection_table>_version}. A row is identified by the
 * owner's key and the element (sets, bags) or the index (lists with an order column, maps); a
 * change of a collection is recorded as the rows added, removed and, for indexed collections,
 * changed at an index, computed from Hibernate's snapshot of the collection. A bag may hold an
 * element several times: each copy is a row, and a change of the number of copies is a
 * {@link BagCopies}.
 */
final class CollectionCapture extends Capture {

    private final VersionTableWriter table;
    private final CollectionPersister persister;
    private final PluralAttributeMapping attribute;
    private final int[] keyPositions;
    private final int[] indexPositions;
    private final int[] elementPositions;
    private final int identityWidth;
    private final int indexBase;
    private final boolean indexed;
    private final boolean bag;

    CollectionCapture(CollectionTable table, TableNames names, NullSafeEquality nullSafe) {
        this(VersionTableWriter.of(table, names, nullSafe), table);
    }

    private CollectionCapture(VersionTableWriter writer, CollectionTable table) {
        super(List.of(writer), table.columns().stream().map(DataColumn::mapping).toArray(JdbcMapping[]::new),
                table.columns().stream().map(DataColumn::mutability).toArray(MutabilityPlan<?>[]::new));
        this.table = writer;
        this.persister = table.persister();
        this.attribute = persister.getAttributeMapping();
        this.keyPositions = table.keyPositions();
        this.indexPositions = table.indexPositions();
        this.elementPositions = table.elementPositions();
        this.identityWidth = table.identityWidth();
        this.indexBase = table.indexBase();
        this.indexed = table.indexed();
        this.bag = table.bag();
    }

    /** The writer of the collection's version table. */
    VersionTableWriter table() {
        return table;
    }

    @Override
    boolean idsCanBeReused() {
        return true;
    }

    /**
     * Records in {@code unit} the rows that differ between the collection's state before the
     * flush ({@code snapshot}, null when it had no rows) and after it ({@code current}, null when
     * the collection is removed); returns the keys of the rows that differ.
     */
    List<RowKey> recordChanges(Object key, Serializable snapshot, PersistentCollection<?> current, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        Rows before = new Rows();
        if (snapshot != null) {
            forEachSnapshotEntry(snapshot, (index, element) -> before.add(row(key, index, element, session)));
        }
        Rows after = new Rows();
        if (current != null) {
            Iterator<?> entries = current.entries(persister);
            int i = 0;
            while (entries.hasNext()) {
                Object entry = entries.next();
                if (current.entryExists(entry, i)) {
                    Object index = indexed ? current.getIndex(entry, i, persister) : null;
                    after.add(row(key, index, current.getElement(entry), session));
                }
                i++;
            }
        }
        return bag ? recordCopies(before, after, unit) : recordRows(before, after, unit);
    }

    private List<RowKey> recordRows(Rows before, Rows after, UnitOfWork unit) {
        List<RowKey> changed = new ArrayList<>();
        for (Map.Entry<RowKey, Object[]> old : before.rows.entrySet()) {
            Object[] now = after.rows.get(old.getKey());
            if (now == null) {
                unit.deleted(old.getKey(), this, old.getValue());
                changed.add(old.getKey());
            } else if (!sameValues(now, old.getValue())) {
                unit.updated(old.getKey(), this, now, old.getValue());
                changed.add(old.getKey());
            }
        }
        for (Map.Entry<RowKey, Object[]> added : after.rows.entrySet()) {
            if (!before.rows.containsKey(added.getKey())) {
                unit.inserted(added.getKey(), this, added.getValue());
                changed.add(added.getKey());
            }
        }
        return changed;
    }

    /** Records the elements of a bag whose number of copies differs before and after. */
    private List<RowKey> recordCopies(Rows before, Rows after, UnitOfWork unit) {
        List<RowKey> changed = new ArrayList<>();
        Map<RowKey, Object[]> all = new LinkedHashMap<>(before.rows);
        after.rows.forEach(all::putIfAbsent);
        all.forEach((row, values) -> {
            int was = before.copies.getOrDefault(row, 0);
            int is = after.copies.getOrDefault(row, 0);
            if (was != is) {
                unit.copiesChanged(row, this, values, was, is);
                changed.add(row);
            }
        });
        return changed;
    }

    /** The rows of one state of the collection by key, with the number of copies of each (bags). */
    private final class Rows {
        final Map<RowKey, Object[]> rows = new LinkedHashMap<>();
        final Map<RowKey, Integer> copies = new HashMap<>();

        void add(Object[] row) {
            RowKey rowKey = new RowKey(CollectionCapture.this, Arrays.copyOf(row, identityWidth));
            rows.putIfAbsent(rowKey, row);
            copies.merge(rowKey, 1, Integer::sum);
        }
    }

    private void forEachSnapshotEntry(Serializable snapshot, BiConsumer<Object, Object> consumer) {
        if (snapshot instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                // a set's snapshot maps each element to itself, a map's maps each key (index) to its element
                consumer.accept(entry.getKey(), entry.getValue());
            }
        } else if (snapshot instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    consumer.accept(i, list.get(i));
                }
            }
        } else if (snapshot.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(snapshot); i++) {
                Object element = Array.get(snapshot, i);
                if (element != null) {
                    consumer.accept(i, element);
                }
            }
        } else {
            throw new IllegalStateException("Unexpected snapshot of " + persister.getRole() + ": " + snapshot.getClass());
        }
    }

    private Object[] row(Object key, Object index, Object element, SharedSessionContractImplementor session) {
        Object[] values = newRow();
        attribute.getKeyDescriptor().getKeyPart().decompose(key, 0, values, keyPositions, AT_POSITIONS,
                session);
        if (indexed) {
            Object base = indexBase > 0 && index instanceof Integer position ? position + indexBase : index;
            attribute.getIndexDescriptor().decompose(base, 0, values, indexPositions, AT_POSITIONS, session);
        }
        attribute.getElementDescriptor().decompose(element, 0, values, elementPositions, AT_POSITIONS,
                session);
        copyMutable(values);
        return values;
    }
}
