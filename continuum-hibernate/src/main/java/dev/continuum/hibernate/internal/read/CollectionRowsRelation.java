package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.ManyToManyCollectionPart;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A many-to-many or element collection: the rows of its collection version table valid at the
 * owner's transaction, then, for a many-to-many, the targets as of that transaction.
 *
 * @param attribute the collection
 * @param table its version table
 * @param select the statement, up to the predicate on the owners' keys
 * @param validity the rest of the statement: the window of transactions, live rows only
 * @param keyColumns the positions of the owner's key columns in a row
 * @param index the decoder of the list position or map key, or null
 * @param element the decoder of the element (a many-to-many's target identifier)
 * @param targetType the target entity of a many-to-many, or null
 */
record CollectionRowsRelation(PluralAttributeMapping attribute, CollectionTable table, String select,
        String validity, int[] keyColumns, ModelPartDecoder index, ModelPartDecoder element,
        EntityPersister targetType) implements SnapshotRelation {

    /** The relation, or empty for a many-to-many to a key other than the target's identifier. */
    static Optional<SnapshotRelation> of(PluralAttributeMapping attribute, CollectionTable table, TableNames names) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < table.columnNames().size(); i++) {
            positions.put(table.columnNames().get(i), i);
        }
        int[] keyColumns = Arrays.stream(table.keyPositions()).filter(p -> p >= 0).toArray();
        ModelPartDecoder index = table.indexPositions() == null ? null
                : ModelPartDecoder.of(attribute.getIndexDescriptor(), positions);
        ModelPart elementPart = attribute.getElementDescriptor();
        EntityPersister target = null;
        if (elementPart instanceof ManyToManyCollectionPart manyToMany) {
            if (!manyToMany.isReferenceToPrimaryKey()) {
                return Optional.empty();
            }
            target = manyToMany.getAssociatedEntityMappingType().getEntityPersister();
            elementPart = manyToMany.getForeignKeyDescriptor().getPart(manyToMany.getSideNature());
        }
        String tx = "c." + names.transactionId();
        String operation = "c." + names.operationType();
        String sameRow = names.validity().sameKeyOf("c", table.columns().subList(0, table.identityWidth()));
        StringJoiner select = new StringJoiner(", ", "select ", " from " + table.name() + " c where ");
        table.columnNames().forEach(column -> select.add("c." + column));
        select.add(tx).add(names.validity().end("c", table.name(), sameRow)).add(operation);
        String validity = " and " + names.validity().validWithin("c", table.name(), sameRow, "?", "?") + " and "
                + operation + " <> " + Operation.DELETE.code() + " order by " + tx;
        return Optional.of(new CollectionRowsRelation(attribute, table, select.toString(), validity, keyColumns, index,
                ModelPartDecoder.of(elementPart, positions), target));
    }

    @Override
    public Optional<PluralAttributeMapping> collection() {
        return Optional.of(attribute);
    }

    @Override
    public Optional<EntityPersister> target() {
        return Optional.ofNullable(targetType);
    }

    @Override
    public boolean ownerWritesRows() {
        return true;
    }

    @Override
    public Map<RelationOwner, Object> read(List<RelationOwner> owners, RelatedSnapshots related, ReadSession reads) {
        SessionImplementor session = reads.session;
        Map<RelationOwner, List<VersionRow>> rows = rowsOf(owners, reads);
        TargetSnapshots.Found targets = targetType == null ? null
                : reads.targets.find(targetType, targetRequests(owners, rows, session), related);
        Map<RelationOwner, Object> values = new IdentityHashMap<>();
        for (RelationOwner owner : owners) {
            List<Object> elements = new ArrayList<>();
            List<Object> indexes = new ArrayList<>();
            for (VersionRow row : rows.get(owner)) {
                Object value = element.assemble(row.values(), ModelPartDecoder.Mode.SNAPSHOT, session);
                if (targets != null && value != null) {
                    Object target = targets.at(value, owner.at());
                    value = target != null ? target : targetType.instantiate(value, session);
                }
                elements.add(value);
                indexes.add(index == null ? null : index.assemble(row.values(), ModelPartDecoder.Mode.SNAPSHOT, session));
            }
            Object collection = SnapshotCollections.of(attribute, elements, index == null ? null : indexes);
            if (collection != null) {
                values.put(owner, collection);
            }
        }
        return values;
    }

    /** The rows of each owner valid at its transaction, in the order they were recorded. */
    private Map<RelationOwner, List<VersionRow>> rowsOf(List<RelationOwner> owners, ReadSession reads) {
        SessionImplementor session = reads.session;
        JdbcMapping[] keyMappings = Arrays.stream(keyColumns).mapToObj(table::jdbcMapping).toArray(JdbcMapping[]::new);
        List<String> keyExpressions = Arrays.stream(keyColumns).mapToObj(i -> "c." + table.columnNames().get(i)).toList();
        List<VersionRow> rows = new ArrayList<>();
        List<Object[]> keys = KeyBatches.distinct(owners.stream().map(owner -> owner.key(session)).toList());
        KeyBatches.readInWindow(reads.jdbc, keys, RelationOwner.earliest(owners), RelationOwner.latest(owners),
                count -> select + KeyBatches.predicate(keyExpressions, count) + validity,
                KeyBatches.binder(keyMappings, session), rs -> {
                    while (rs.next()) {
                        rows.add(row(rs, session));
                    }
                    return null;
                });
        Map<List<Object>, List<VersionRow>> byKey = new HashMap<>();
        for (VersionRow row : rows) {
            Object[] key = new Object[keyColumns.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row.values()[keyColumns[i]];
            }
            byKey.computeIfAbsent(KeyBatches.hashKey(key), k -> new ArrayList<>()).add(row);
        }
        Map<RelationOwner, List<VersionRow>> byOwner = new IdentityHashMap<>();
        for (RelationOwner owner : owners) {
            byOwner.put(owner, byKey.getOrDefault(KeyBatches.hashKey(owner.key(session)), List.of()).stream()
                    .filter(row -> row.validAt(owner.at())).toList());
        }
        return byOwner;
    }

    /** The targets of a many-to-many's valid rows, each as of its owner's transaction. */
    private List<TargetSnapshots.Request> targetRequests(List<RelationOwner> owners,
            Map<RelationOwner, List<VersionRow>> rows, SessionImplementor session) {
        List<TargetSnapshots.Request> requests = new ArrayList<>();
        for (RelationOwner owner : owners) {
            for (VersionRow row : rows.get(owner)) {
                Object id = element.assemble(row.values(), ModelPartDecoder.Mode.SNAPSHOT, session);
                if (id != null) {
                    requests.add(new TargetSnapshots.Request(id, owner.at()));
                }
            }
        }
        return requests;
    }

    private VersionRow row(ResultSet rs, SessionImplementor session) throws SQLException {
        int width = table.columnNames().size();
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
            values[i] = table.jdbcMapping(i).getJdbcValueExtractor().extract(rs, i + 1, session);
        }
        long transactionId = rs.getLong(width + 1);
        long end = rs.getLong(width + 2);
        Long endTransactionId = rs.wasNull() ? null : end;
        return new VersionRow(values, transactionId, endTransactionId, Operation.ofCode(rs.getShort(width + 3)), null);
    }
}
