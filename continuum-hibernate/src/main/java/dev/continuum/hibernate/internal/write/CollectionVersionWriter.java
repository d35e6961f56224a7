package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes the version rows of one versioned collection (a many-to-many join table or an element
 * collection table) into {@code <collection_table>_version}. A row is identified by the owner's
 * key and the element (sets, bags) or the index (lists with an order column, maps); a change of a
 * collection is recorded as the rows added (operation 0), removed (2) and, for indexed
 * collections, changed at an index (1), computed from Hibernate's snapshot of the collection. A
 * bag may hold an element several times: each copy is a row, and a change of the number of
 * copies is recorded as described at {@link UnitOfWork#copiesChanged}.
 */
final class CollectionVersionWriter implements VersionWriter, ChangeWriter {

    private final CollectionTable table;
    private final CollectionPersister persister;
    private final PluralAttributeMapping attribute;
    private final List<DataColumn> columns;
    private final JdbcMapping[] jdbcMappings;
    private final MutabilityPlan<?>[] mutabilityPlans;
    private final String insertSql;
    private final String closeSql;
    private final int[] keyPositions;
    private final int[] indexPositions;
    private final int[] elementPositions;
    private final int identityWidth;
    private final int indexBase;
    private final boolean indexed;
    private final boolean bag;

    CollectionVersionWriter(CollectionTable table, TableNames names, Dialect dialect) {
        this.table = table;
        this.persister = table.persister();
        this.attribute = persister.getAttributeMapping();
        this.columns = table.columns();
        this.jdbcMappings = columns.stream().map(DataColumn::mapping).toArray(JdbcMapping[]::new);
        this.mutabilityPlans = columns.stream().map(DataColumn::mutability).toArray(MutabilityPlan<?>[]::new);
        this.keyPositions = table.keyPositions();
        this.indexPositions = table.indexPositions();
        this.elementPositions = table.elementPositions();
        this.identityWidth = table.identityWidth();
        this.indexBase = table.indexBase();
        this.indexed = table.indexed();
        this.bag = table.bag();

        StringJoiner insertColumns = new StringJoiner(", ", "insert into " + table.name() + " (", "");
        StringJoiner values = new StringJoiner(", ", ") values (", ")");
        for (DataColumn column : columns) {
            insertColumns.add(column.name());
            values.add(column.writeExpression());
        }
        insertColumns.add(names.transactionId());
        values.add("?");
        insertColumns.add(names.operationType());
        values.add("?");
        this.insertSql = insertColumns + values.toString();

        boolean spaceship = dialect instanceof MySQLDialect;
        StringJoiner where = new StringJoiner(" and ", " where ", " and " + names.endTransactionId() + " is null");
        for (int i = 0; i < identityWidth; i++) {
            DataColumn column = columns.get(i);
            String operator = !column.nullable() ? " = " : spaceship ? " <=> " : " is not distinct from ";
            where.add(column.name() + operator + column.writeExpression());
        }
        this.closeSql = "update " + table.name() + " set " + names.endTransactionId() + " = ?" + where;
    }

    @Override
    public List<CollectionVersionWriter> tables() {
        return List.of(this);
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
        return true;
    }

    @Override
    public String sortKey() {
        return persister.getRole();
    }

    /**
     * Records in {@code unit} the rows that differ between the collection's state before the
     * flush ({@code snapshot}, null when it had no rows) and after it ({@code current}, null when
     * the collection is removed); returns the keys of the rows that differ.
     */
    List<RowKey> recordChanges(Object key, Serializable snapshot, PersistentCollection<?> current, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        Map<RowKey, Object[]> before = new LinkedHashMap<>();
        Map<RowKey, Integer> copiesBefore = new HashMap<>();
        if (snapshot != null) {
            forEachSnapshotEntry(snapshot, (index, element) -> add(before, copiesBefore, key, index, element, session));
        }
        Map<RowKey, Object[]> after = new LinkedHashMap<>();
        Map<RowKey, Integer> copiesAfter = new HashMap<>();
        if (current != null) {
            Iterator<?> entries = current.entries(persister);
            int i = 0;
            while (entries.hasNext()) {
                Object entry = entries.next();
                if (current.entryExists(entry, i)) {
                    Object index = indexed ? current.getIndex(entry, i, persister) : null;
                    add(after, copiesAfter, key, index, current.getElement(entry), session);
                }
                i++;
            }
        }
        if (bag) {
            return recordCopies(before, copiesBefore, after, copiesAfter, unit);
        }
        List<RowKey> changed = new ArrayList<>();
        for (Map.Entry<RowKey, Object[]> old : before.entrySet()) {
            Object[] now = after.get(old.getKey());
            if (now == null) {
                unit.deleted(old.getKey(), this, old.getValue());
                changed.add(old.getKey());
            } else if (!sameValues(now, old.getValue())) {
                unit.updated(old.getKey(), this, now, old.getValue());
                changed.add(old.getKey());
            }
        }
        for (Map.Entry<RowKey, Object[]> added : after.entrySet()) {
            if (!before.containsKey(added.getKey())) {
                unit.inserted(added.getKey(), this, added.getValue());
                changed.add(added.getKey());
            }
        }
        return changed;
    }

    /**
     * Records the elements of a bag whose number of copies differs before and after; each copy is
     * a row of its own (see {@link UnitOfWork#copiesChanged}).
     */
    private List<RowKey> recordCopies(Map<RowKey, Object[]> before, Map<RowKey, Integer> copiesBefore,
            Map<RowKey, Object[]> after, Map<RowKey, Integer> copiesAfter, UnitOfWork unit) {
        List<RowKey> changed = new ArrayList<>();
        Map<RowKey, Object[]> all = new LinkedHashMap<>(before);
        after.forEach(all::putIfAbsent);
        all.forEach((row, values) -> {
            int was = copiesBefore.getOrDefault(row, 0);
            int is = copiesAfter.getOrDefault(row, 0);
            if (was != is) {
                unit.copiesChanged(row, this, values, was, is);
                changed.add(row);
            }
        });
        return changed;
    }

    private interface EntryConsumer {
        void accept(Object index, Object element);
    }

    private void forEachSnapshotEntry(Serializable snapshot, EntryConsumer consumer) {
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

    private void add(Map<RowKey, Object[]> rows, Map<RowKey, Integer> copies, Object key, Object index,
            Object element, SharedSessionContractImplementor session) {
        Object[] row = row(key, index, element, session);
        RowKey rowKey = new RowKey(this, Arrays.copyOf(row, identityWidth));
        rows.putIfAbsent(rowKey, row);
        copies.merge(rowKey, 1, Integer::sum);
    }

    private Object[] row(Object key, Object index, Object element, SharedSessionContractImplementor session) {
        Object[] values = new Object[jdbcMappings.length];
        ModelPart.JdbcValueBiConsumer<Object[], int[]> setter = (i, target, positions, value, selectable) -> {
            if (positions[i] >= 0) {
                target[positions[i]] = value;
            }
        };
        attribute.getKeyDescriptor().getKeyPart().decompose(key, 0, values, keyPositions, setter, session);
        if (indexed) {
            Object base = indexBase > 0 && index instanceof Integer position ? position + indexBase : index;
            attribute.getIndexDescriptor().decompose(base, 0, values, indexPositions, setter, session);
        }
        attribute.getElementDescriptor().decompose(element, 0, values, elementPositions, setter, session);
        copyMutableValues(values);
        return values;
    }

    private void copyMutableValues(Object[] values) {
        JdbcValues.copyMutable(values, mutabilityPlans);
    }

    @Override
    public boolean sameValues(Object[] a, Object[] b) {
        return JdbcValues.same(a, b, jdbcMappings);
    }

    @Override
    public void addInsert(PreparedStatement statement, Object[] values, long transactionId, Operation operation,
            SharedSessionContractImplementor session) throws SQLException {
        int parameter = 1;
        for (int i = 0; i < values.length; i++) {
            if (columns.get(i).parameterized()) {
                bind(statement, parameter++, i, values[i], session);
            }
        }
        statement.setLong(parameter, transactionId);
        statement.setShort(parameter + 1, (short) operation.code());
        statement.addBatch();
    }

    @Override
    public void addClose(PreparedStatement statement, Object[] values, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        statement.setLong(1, transactionId);
        int parameter = 2;
        for (int i = 0; i < identityWidth; i++) {
            if (columns.get(i).parameterized()) {
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

    /** The identity of one collection row in a unit of work: its table and its key (and element or index) values. */
    static final class RowKey {
        private final CollectionVersionWriter writer;
        private final Object[] identity;
        private final int hash;

        RowKey(CollectionVersionWriter writer, Object[] identity) {
            this.writer = writer;
            this.identity = identity;
            this.hash = 31 * writer.hashCode() + Arrays.deepHashCode(identity);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RowKey that && that.writer == writer && Arrays.deepEquals(that.identity, identity);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
