package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;

import org.hibernate.StatelessSession;
import org.hibernate.collection.spi.CollectionSemantics;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.EntityCollectionPart;
import org.hibernate.metamodel.mapping.internal.ManyToManyCollectionPart;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves the relations of the snapshots of a list of versions as they were at each version's
 * transaction, in batch, never with a statement per version. A version's relations are read as
 * of its transaction; a delete version's as of just before it (the entity's last state).
 *
 * <p>To-ones are resolved when the first snapshot of the list is asked for: one statement per
 * to-one relation for the whole list. Collections are {@link LazyCollections lazy}: the first use
 * of one reads that relation for every snapshot of the list in one statement (two for a
 * many-to-many, whose targets are looked up after its rows) and fills all their collections. The
 * related snapshots one statement makes (children, targets) form a batch of their own, as of the
 * same transactions: their collections are lazy in turn, batched over all of them; their to-ones
 * stay identifier-only references, since resolving them would cost statements nobody asked for.
 *
 * <p>Each statement reads the rows of the relation's keys (the targets' identifiers, the owners'
 * keys) valid at any time between the earliest and the latest transaction of the batch, and the
 * rows valid at each snapshot's transaction are picked in memory.
 */
final class RelationReader {

    /** Keys per statement; a longer list is read in several statements. */
    private static final int CHUNK = 500;

    private final HibernateVersionHistory history;
    private final SessionImplementor session;
    private final HistoryModel model;

    RelationReader(HibernateVersionHistory history, SessionImplementor session, HistoryModel model) {
        this.history = history;
        this.session = session;
        this.model = model;
    }

    // ---------------------------------------------------------------- the relations of an entity type

    /** One relation of an entity type that can be read as of a transaction. */
    private sealed interface Relation permits ToOne, Children, Rows {
        AttributeMapping attribute();

        /** Whether it is a collection, read lazily; else a to-one, resolved with the snapshot. */
        default boolean plural() {
            return attribute() instanceof PluralAttributeMapping;
        }
    }

    /** A many-to-one (or owning one-to-one) by the foreign key in the owner's version row. */
    private record ToOne(AttributeMapping attribute, int index, EntityPersister target) implements Relation {
    }

    /**
     * A one-to-many, or the inverse side of a one-to-one ({@code single}), whose related
     * entities' version rows carry the owner's key: in a column of their own ({@code mappedBy}, in
     * whichever JOINED level declares it) or taken from the live row ({@code @JoinColumn}).
     */
    private record Children(AttributeMapping attribute, EntityPersister child, TableReader children,
            List<String> keyExpressions, JdbcMapping[] keyMappings, boolean single, String mappedBy)
            implements Relation {
    }

    /** A many-to-many or element collection with a version table of its rows. */
    private record Rows(PluralAttributeMapping attribute, CollectionTable table, String sql,
            int[] keyColumns, Part index, Part element, EntityPersister target) implements Relation {
    }

    /**
     * What reverting a relation needs to know of it.
     *
     * @param attribute the relation's attribute
     * @param target the related entity type, or null for an element collection
     * @param toOne whether it is a to-one
     * @param owned whether it is a collection whose rows the owner writes (a many-to-many, an
     *        element collection); else the related entities carry the key (a one-to-many)
     */
    record RelationInfo(AttributeMapping attribute, EntityPersister target, boolean toOne, boolean owned) {
    }

    /** The relation {@code name} of an entity type, or empty when it has none of that name. */
    Optional<RelationInfo> relation(EntityDecoder decoder, String name) {
        for (Relation relation : relationsOf(decoder)) {
            if (relation.attribute().getAttributeName().equals(name)) {
                if (relation instanceof ToOne toOne) {
                    return Optional.of(new RelationInfo(toOne.attribute(), toOne.target(), true, false));
                }
                if (relation instanceof Children children) {
                    return Optional.of(new RelationInfo(children.attribute(), children.child(), children.single(),
                            false));
                }
                Rows rows = (Rows) relation;
                return Optional.of(new RelationInfo(rows.attribute(), rows.target(), false, true));
            }
        }
        return Optional.empty();
    }

    /** The names of the relations of an entity type that versions expose as of their transaction. */
    List<String> relationNames(EntityDecoder decoder) {
        return relationsOf(decoder).stream().map(r -> r.attribute().getAttributeName()).toList();
    }

    private List<Relation> relationsOf(EntityDecoder decoder) {
        return model.relations(decoder.persister().getEntityName(), name -> buildRelations(decoder));
    }

    private List<Relation> buildRelations(EntityDecoder decoder) {
        List<Relation> relations = new ArrayList<>();
        EntityPersister persister = decoder.persister();
        for (int i = 0; i < decoder.attributeCount(); i++) {
            if (decoder.isToOneById(i)) {
                AttributeMapping attribute = persister.findAttributeMapping(decoder.attributeName(i));
                relations.add(new ToOne(attribute, i,
                        ((ToOneAttributeMapping) attribute).getAssociatedEntityMappingType().getEntityPersister()));
            }
        }
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            Relation relation = null;
            if (attribute instanceof PluralAttributeMapping plural) {
                relation = pluralRelation(plural);
            } else if (attribute instanceof ToOneAttributeMapping toOne
                    && toOne.getSideNature() == ForeignKeyDescriptor.Nature.TARGET && decoder.indexOf(
                            toOne.getAttributeName()) < 0) {
                // the inverse side of a one-to-one: the target's version rows hold the key
                relation = children(toOne, toOne.getForeignKeyDescriptor(),
                        toOne.getAssociatedEntityMappingType().getEntityPersister(), true);
            }
            if (relation != null) {
                relations.add(relation);
            }
        }
        return List.copyOf(relations);
    }

    private Relation pluralRelation(PluralAttributeMapping plural) {
        Optional<CollectionTable> table = model.versions()
                .collection(plural.getCollectionDescriptor().getRole());
        ForeignKeyDescriptor key = plural.getKeyDescriptor();
        if (!(key.getTargetPart() instanceof EntityIdentifierMapping)) {
            return null;
        }
        if (table.isPresent()) {
            return rows(plural, table.get());
        }
        if (!(plural.getElementDescriptor() instanceof EntityCollectionPart element)
                || element.getCardinality() != EntityCollectionPart.Cardinality.ONE_TO_MANY) {
            return null;
        }
        return children(plural, key, element.getAssociatedEntityMappingType().getEntityPersister(), false);
    }

    /**
     * The relation to the {@code child} entities whose version rows hold the owner's key in the
     * columns of {@code key}, or null when they are not versioned or their rows lack a key column.
     */
    private Children children(AttributeMapping attribute, ForeignKeyDescriptor key, EntityPersister child,
            boolean single) {
        if (!(key.getTargetPart() instanceof EntityIdentifierMapping)) {
            return null;
        }
        Optional<TableReader> children = model.table(child.getEntityName());
        Optional<EntityModel> table = model.versions().entity(child.getEntityName());
        if (children.isEmpty() || table.isEmpty()) {
            return null;
        }
        List<String> expressions = new ArrayList<>();
        List<JdbcMapping> mappings = new ArrayList<>();
        key.getKeyPart().forEachSelectable((index, selectable) -> {
            String name = selectable.getSelectionExpression();
            Optional<String> own = children.get().expression(child, name);
            if (own.isPresent()) {
                expressions.add(own.get());
            } else {
                liveColumn(children.get(), table.get(), name).ifPresent(expressions::add);
            }
            mappings.add(selectable.getJdbcMapping());
        });
        if (expressions.size() != mappings.size()) {
            return null;
        }
        // the children's own to-one to the owner (a mappedBy one-to-many), set to the owner's snapshot
        String mappedBy = attribute instanceof PluralAttributeMapping plural
                ? plural.getCollectionDescriptor().getMappedByProperty() : null;
        if (mappedBy != null && !(child.findAttributeMapping(mappedBy) instanceof ToOneAttributeMapping)) {
            mappedBy = null;
        }
        return new Children(attribute, child, children.get(), List.copyOf(expressions),
                mappings.toArray(JdbcMapping[]::new), single, mappedBy == null || mappedBy.isEmpty() ? null : mappedBy);
    }

    /**
     * The expression of a column a child's version rows take from its live row (the key of a
     * join-column one-to-many): a column of the root's version table, or of the version table of
     * the JOINED level whose live table holds it, read by a scalar subquery on the version's key
     * and transaction, since the reader does not select such columns.
     */
    private Optional<String> liveColumn(TableReader reader, EntityModel table, String name) {
        for (String column : table.root().liveColumns()) {
            if (unquoted(column).equals(unquoted(name))) {
                return Optional.of("v." + column);
            }
        }
        for (EntityTable level : table.subclassLevels()) {
            for (String column : level.liveColumns()) {
                if (unquoted(column).equals(unquoted(name))) {
                    StringJoiner where = new StringJoiner(" and ", " where ", ")");
                    List<String> ids = reader.idExpressions();
                    for (int i = 0; i < level.idColumnCount(); i++) {
                        where.add("lv." + level.columnNames().get(i) + " = " + ids.get(i));
                    }
                    String tx = model.names().transactionId();
                    where.add("lv." + tx + " = v." + tx);
                    return Optional.of("(select lv." + column + " from " + level.name() + " lv" + where);
                }
            }
        }
        return Optional.empty();
    }

    private Rows rows(PluralAttributeMapping plural, CollectionTable table) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < table.columnNames().size(); i++) {
            positions.put(table.columnNames().get(i), i);
        }
        int[] keyColumns = Arrays.stream(table.keyPositions()).filter(p -> p >= 0).toArray();
        Part index = table.indexPositions() == null ? null : Part.of(plural.getIndexDescriptor(), positions);
        ModelPart elementPart = plural.getElementDescriptor();
        EntityPersister target = null;
        if (elementPart instanceof ManyToManyCollectionPart manyToMany) {
            if (!manyToMany.isReferenceToPrimaryKey()) {
                return null;
            }
            target = manyToMany.getAssociatedEntityMappingType().getEntityPersister();
            elementPart = manyToMany.getForeignKeyDescriptor().getPart(manyToMany.getSideNature());
        }
        Part element = Part.of(elementPart, positions);
        String tx = model.names().transactionId();
        String end = model.names().endTransactionId();
        StringJoiner select = new StringJoiner(", ", "select ", " from " + table.name() + " c where ");
        table.columnNames().forEach(column -> select.add("c." + column));
        select.add("c." + tx).add("c." + end).add("c." + model.names().operationType());
        String sql = select + "%s and c." + tx + " <= ? and (c." + end + " is null or c." + end + " > ?) and c."
                + model.names().operationType() + " <> " + Operation.DELETE.code() + " order by c." + tx;
        return new Rows(plural, table, sql, keyColumns, index, element, target);
    }

    private static String unquoted(String name) {
        return name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- resolving a list

    /**
     * A snapshot whose relations are read as of a transaction.
     *
     * @param decoder the decoder of its row
     * @param table the reader of its version table
     * @param snapshot the snapshot
     * @param id its identifier
     * @param row the JDBC values of its version row
     * @param at the transaction its relations are read at
     * @param transaction the transaction named in messages: the version's own, or {@code at}
     */
    private record Owner(EntityDecoder decoder, TableReader table, Object snapshot, Object id, Object[] row,
            long at, long transaction) {
    }

    /**
     * Resolves the to-ones of the snapshots of {@code versions} as of each version's transaction
     * and gives them lazy collections, read for all of them at once on first use. Once the
     * session is closed the to-ones stay identifier-only references, and the collections throw
     * when used.
     */
    void resolve(List<HibernateVersion<?>> versions) {
        List<Owner> owners = new ArrayList<>(versions.size());
        for (HibernateVersion<?> version : versions) {
            long at = version.operation() == Operation.DELETE ? version.transactionId() - 1 : version.transactionId();
            owners.add(new Owner(version.decoder(), version.table(), version.snapshot(), version.id(),
                    version.row().values(), at, version.transactionId()));
        }
        attach(owners, session.isOpen());
    }

    /**
     * Gives {@code owners} lazy collections, one batch per relation and entity type; with
     * {@code eager}, also reads their to-ones and the collections that cannot be lazy (a field of a
     * type no lazy collection fits).
     */
    private void attach(List<Owner> owners, boolean eager) {
        Map<EntityDecoder, List<Owner>> byType = new LinkedHashMap<>();
        for (Owner owner : owners) {
            byType.computeIfAbsent(owner.decoder(), d -> new ArrayList<>()).add(owner);
        }
        byType.forEach((decoder, list) -> {
            for (Relation relation : relationsOf(decoder)) {
                if (relation.plural() && (kind(relation) == CollectionClassification.ARRAY || lazily(relation, list))) {
                    // arrays keep what the constructor gives them
                    continue;
                }
                if (eager) {
                    Related related = new Related();
                    set(relation, read(relation, list, related));
                    related.attach();
                }
            }
        });
    }

    private static CollectionClassification kind(Relation relation) {
        return ((PluralAttributeMapping) relation.attribute()).getCollectionDescriptor().getCollectionSemantics()
                .getCollectionClassification();
    }

    /** Gives every owner a lazy collection of the relation; false when the attribute's type fits none. */
    private boolean lazily(Relation relation, List<Owner> owners) {
        PluralAttributeMapping attribute = (PluralAttributeMapping) relation.attribute();
        CollectionClassification kind = kind(relation);
        Class<?> declared = attribute.getPropertyAccess().getGetter().getReturnTypeClass();
        if (LazyCollections.of(kind, declared, null) == null) {
            return false;
        }
        Batch batch = new Batch(relation, owners);
        int position = attribute.getStateArrayPosition();
        for (Owner owner : owners) {
            LazyCollections.Lazy<?> lazy = LazyCollections.of(kind, declared, () -> batch.load(owner));
            batch.collections.add(lazy);
            owner.decoder().persister().setValue(owner.snapshot(), position, lazy);
        }
        return true;
    }

    /** The lazy collections of one relation of a batch of snapshots, filled together by the first use of any. */
    private final class Batch {
        private final Relation relation;
        private final List<Owner> owners;
        /** The lazy collection of each owner, in the order of {@code owners}. */
        private final List<LazyCollections.Lazy<?>> collections;

        Batch(Relation relation, List<Owner> owners) {
            this.relation = relation;
            this.owners = owners;
            this.collections = new ArrayList<>(owners.size());
        }

        void load(Owner used) {
            if (!session.isOpen()) {
                throw closed(used, relation);
            }
            Related related = new Related();
            Map<Owner, Object> values = read(relation, owners, related);
            for (int i = 0; i < owners.size(); i++) {
                collections.get(i).fill(values.get(owners.get(i)));
            }
            related.attach();
        }
    }

    private static HistoryLookupException closed(Owner owner, Relation relation) {
        EntityPersister persister = owner.decoder().persister();
        String type = persister.getJpaEntityName() != null ? persister.getJpaEntityName() : persister.getEntityName();
        String name = relation.attribute().getAttributeName();
        return new HistoryLookupException("Cannot read " + type + "." + name + " of the snapshot of " + type + " with id "
                + owner.id() + " as of transaction " + owner.transaction() + ": the collection is read on first use, "
                + "and the EntityManager that read the version is closed. Touch " + name + " while the EntityManager "
                + "is open, or read the snapshot again in an open one with VersionHistory.asOf(" + persister
                .getMappedClass().getSimpleName() + ".class, " + owner.id() + ", " + owner.at() + ")");
    }

    /** Sets the relation of each owner that has a value. */
    private static void set(Relation relation, Map<Owner, Object> values) {
        values.forEach((owner, value) -> owner.decoder().persister().setValue(owner.snapshot(),
                relation.attribute().getStateArrayPosition(), value));
    }

    /** The value of the relation of each owner as of its transaction; owners without one are left out. */
    private Map<Owner, Object> read(Relation relation, List<Owner> owners, Related related) {
        if (relation instanceof ToOne toOne) {
            return toOne(toOne, owners, related);
        }
        if (relation instanceof Children children) {
            return children(children, owners, related);
        }
        return rows((Rows) relation, owners, related);
    }

    /**
     * The snapshots the statements of one read make: one per version row and transaction, so that
     * each can have its relations read as of its own transaction; then given lazy collections of
     * their own, in one batch per relation.
     */
    private final class Related {
        private final Map<VersionRow, Map<Long, Object>> snapshots = new IdentityHashMap<>();
        private final List<Owner> owners = new ArrayList<>();

        Object snapshot(TableReader table, VersionRow row, long at) {
            return snapshots.computeIfAbsent(row, r -> new HashMap<>()).computeIfAbsent(at, a -> {
                EntityDecoder decoder = table.decoderOf(row.values());
                Object id = decoder.id(row.values(), session);
                Object snapshot = decoder.snapshot(id, decoder.values(row.values(), Part.Mode.SNAPSHOT, session),
                        session);
                owners.add(new Owner(decoder, table, snapshot, id, row.values(), at, at));
                return snapshot;
            });
        }

        void attach() {
            if (!owners.isEmpty()) {
                RelationReader.this.attach(owners, false);
            }
        }
    }

    private static boolean validAt(VersionRow row, long at) {
        return row.transactionId() <= at && (row.endTransactionId() == null || row.endTransactionId() > at)
                && row.operation() != Operation.DELETE;
    }

    private static long min(List<Owner> owners) {
        return owners.stream().mapToLong(Owner::at).min().orElse(0);
    }

    private static long max(List<Owner> owners) {
        return owners.stream().mapToLong(Owner::at).max().orElse(0);
    }

    private Map<Owner, Object> toOne(ToOne relation, List<Owner> owners, Related related) {
        Map<Owner, Object> ids = new IdentityHashMap<>();
        List<Request> requests = new ArrayList<>();
        for (Owner owner : owners) {
            Object id = owner.decoder().foreignKey(relation.index(), owner.row(), session);
            if (id != null) {
                ids.put(owner, id);
                requests.add(new Request(id, owner.at()));
            }
        }
        Targets targets = targets(relation.target(), requests, related);
        Map<Owner, Object> values = new IdentityHashMap<>();
        ids.forEach((owner, id) -> {
            Object target = targets.at(id, owner.at());
            if (target != null) {
                values.put(owner, target);
            }
        });
        return values;
    }

    /** The keys of the owners, each once. */
    private Map<List<Object>, Object[]> keys(List<Owner> owners) {
        Map<List<Object>, Object[]> keys = new LinkedHashMap<>();
        for (Owner owner : owners) {
            Object[] key = owner.table().idValues(owner.id(), session);
            keys.put(key(key), key);
        }
        return keys;
    }

    private Map<Owner, Object> children(Children relation, List<Owner> owners, Related related) {
        TableReader children = relation.children();
        List<VersionRow> rows = new ArrayList<>();
        List<Object[]> rowKeys = new ArrayList<>();
        long from = min(owners);
        long to = max(owners);
        for (List<Object[]> chunk : chunks(new ArrayList<>(keys(owners).values()))) {
            String sql = children.windowSql(relation.keyExpressions(), chunk.size(), true);
            history.query(sql, ps -> {
                int next = bindKeys(ps, 1, chunk, relation.keyMappings());
                ps.setLong(next, to);
                ps.setLong(next + 1, from);
            }, rs -> {
                rows.addAll(children.readAll(rs, session, relation.keyMappings(), rowKeys));
                return null;
            });
        }
        Map<List<Object>, List<VersionRow>> byOwner = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byOwner.computeIfAbsent(key(rowKeys.get(i)), k -> new ArrayList<>()).add(rows.get(i));
        }
        Map<Owner, Object> values = new IdentityHashMap<>();
        for (Owner owner : owners) {
            long at = owner.at();
            List<Object> elements = new ArrayList<>();
            for (VersionRow row : byOwner.getOrDefault(key(owner.table().idValues(owner.id(), session)), List.of())) {
                if (validAt(row, at)) {
                    Object child = related.snapshot(children, row, at);
                    if (relation.mappedBy() != null) {
                        // the child refers to the owner it is listed under: the owner's snapshot, not an
                        // identifier-only reference
                        EntityPersister persister = children.decoderOf(row.values()).persister();
                        persister.setValue(child, persister.findAttributeMapping(relation.mappedBy())
                                .getStateArrayPosition(), owner.snapshot());
                    }
                    elements.add(child);
                }
            }
            Object value = relation.single() ? elements.stream().findFirst().orElse(null)
                    : collection((PluralAttributeMapping) relation.attribute(), elements, null);
            if (value != null) {
                values.put(owner, value);
            }
        }
        return values;
    }

    private Map<Owner, Object> rows(Rows relation, List<Owner> owners, Related related) {
        CollectionTable table = relation.table();
        JdbcMapping[] keyMappings = Arrays.stream(relation.keyColumns()).mapToObj(table::jdbcMapping)
                .toArray(JdbcMapping[]::new);
        List<String> keyExpressions = Arrays.stream(relation.keyColumns())
                .mapToObj(i -> "c." + table.columnNames().get(i)).toList();
        List<VersionRow> rows = new ArrayList<>();
        long from = min(owners);
        long to = max(owners);
        for (List<Object[]> chunk : chunks(new ArrayList<>(keys(owners).values()))) {
            String sql = String.format(relation.sql(), keyPredicate(keyExpressions, chunk.size()));
            history.query(sql, ps -> {
                int next = bindKeys(ps, 1, chunk, keyMappings);
                ps.setLong(next, to);
                ps.setLong(next + 1, from);
            }, rs -> {
                while (rs.next()) {
                    rows.add(collectionRow(rs, table));
                }
                return null;
            });
        }
        Map<List<Object>, List<VersionRow>> byOwner = new HashMap<>();
        for (VersionRow row : rows) {
            Object[] key = new Object[relation.keyColumns().length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row.values()[relation.keyColumns()[i]];
            }
            byOwner.computeIfAbsent(key(key), k -> new ArrayList<>()).add(row);
        }
        Targets targets = null;
        if (relation.target() != null) {
            List<Request> requests = new ArrayList<>();
            for (Owner owner : owners) {
                long at = owner.at();
                for (VersionRow row : byOwner.getOrDefault(key(owner.table().idValues(owner.id(), session)),
                        List.of())) {
                    Object id = relation.element().assemble(row.values(), Part.Mode.SNAPSHOT, session);
                    if (validAt(row, at) && id != null) {
                        requests.add(new Request(id, at));
                    }
                }
            }
            targets = targets(relation.target(), requests, related);
        }
        Map<Owner, Object> values = new IdentityHashMap<>();
        for (Owner owner : owners) {
            long at = owner.at();
            List<Object> elements = new ArrayList<>();
            List<Object> indexes = new ArrayList<>();
            for (VersionRow row : byOwner.getOrDefault(key(owner.table().idValues(owner.id(), session)), List.of())) {
                if (!validAt(row, at)) {
                    continue;
                }
                Object element = relation.element().assemble(row.values(), Part.Mode.SNAPSHOT, session);
                if (targets != null && element != null) {
                    Object target = targets.at(element, at);
                    element = target != null ? target : relation.target().instantiate(element, session);
                }
                elements.add(element);
                indexes.add(relation.index() == null ? null
                        : relation.index().assemble(row.values(), Part.Mode.SNAPSHOT, session));
            }
            Object collection = collection(relation.attribute(), elements,
                    relation.index() == null ? null : indexes);
            if (collection != null) {
                values.put(owner, collection);
            }
        }
        return values;
    }

    private VersionRow collectionRow(ResultSet rs, CollectionTable table) throws SQLException {
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

    /**
     * A plain java.util collection of the attribute's kind holding {@code elements}: a list (by
     * index when {@code indexes} are given), an insertion-ordered set, or a map from index to
     * element; null for arrays, which are left as they are.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object collection(PluralAttributeMapping attribute, List<Object> elements, List<Object> indexes) {
        CollectionSemantics<?, ?> semantics = attribute.getCollectionDescriptor().getCollectionSemantics();
        CollectionClassification kind = semantics.getCollectionClassification();
        switch (kind) {
            case LIST, BAG, ID_BAG -> {
                if (indexes == null) {
                    return new ArrayList<>(elements);
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparing(i -> (Comparable) indexes.get(i)));
                List<Object> list = new ArrayList<>();
                order.forEach(i -> list.add(elements.get(i)));
                return list;
            }
            case SET, ORDERED_SET -> {
                return new LinkedHashSet<>(elements);
            }
            case SORTED_SET -> {
                TreeSet set = new TreeSet<>();
                set.addAll(elements);
                return set;
            }
            case MAP, ORDERED_MAP, SORTED_MAP -> {
                Map map = kind == CollectionClassification.SORTED_MAP ? new TreeMap<>() : new LinkedHashMap<>();
                for (int i = 0; i < elements.size(); i++) {
                    map.put(indexes == null ? null : indexes.get(i), elements.get(i));
                }
                return map;
            }
            default -> {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- targets as of a transaction

    /** A target entity wanted as of a transaction. */
    private record Request(Object id, long at) {
    }

    /** Looked-up targets: by identifier and transaction. */
    @FunctionalInterface
    private interface Targets {
        /** The target as of {@code at}, or null when there is none to give. */
        Object at(Object id, long at);
    }

    /**
     * The targets of {@code requests}: for a versioned target type its versions valid at each
     * requested transaction, as snapshots made by {@code related}; for a type that
     * is not versioned, detached copies of the live rows, whatever the transaction.
     */
    private Targets targets(EntityPersister target, List<Request> requests, Related related) {
        if (requests.isEmpty()) {
            return (id, at) -> null;
        }
        Optional<TableReader> versioned = model.table(target.getEntityName());
        if (versioned.isEmpty()) {
            return live(target, requests);
        }
        TableReader table = versioned.get();
        Map<List<Object>, Object[]> ids = new LinkedHashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Request request : requests) {
            Object[] values = table.idValues(request.id(), session);
            ids.put(key(values), values);
            min = Math.min(min, request.at());
            max = Math.max(max, request.at());
        }
        List<VersionRow> rows = new ArrayList<>();
        long from = min;
        long to = max;
        for (List<Object[]> chunk : chunks(new ArrayList<>(ids.values()))) {
            String sql = table.windowSql(table.idExpressions(), chunk.size(), false);
            history.query(sql, ps -> {
                int next = 1;
                for (Object[] id : chunk) {
                    next = table.bindId(ps, next, id, session);
                }
                ps.setLong(next, to);
                ps.setLong(next + 1, from);
            }, rs -> rows.addAll(table.readAll(rs, session)));
        }
        Map<List<Object>, List<VersionRow>> byId = new HashMap<>();
        for (VersionRow row : rows) {
            byId.computeIfAbsent(key(Arrays.copyOf(row.values(), table.idColumnCount())), k -> new ArrayList<>())
                    .add(row);
        }
        return (id, at) -> {
            for (VersionRow row : byId.getOrDefault(key(table.idValues(id, session)), List.of())) {
                if (validAt(row, at)) {
                    return related.snapshot(table, row, at);
                }
            }
            return null;
        };
    }

    private Targets live(EntityPersister target, List<Request> requests) {
        List<Object> ids = new ArrayList<>(new LinkedHashSet<>(requests.stream().map(Request::id).toList()));
        Map<Object, Object> found = new HashMap<>();
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (StatelessSession stateless = session.getFactory().withStatelessOptions().connection(connection)
                .openStatelessSession()) {
            for (Object entity : stateless.getMultiple(target.getMappedClass(), ids)) {
                if (entity != null) {
                    found.put(target.getIdentifier(entity, session), entity);
                }
            }
        }
        return (id, at) -> found.get(id);
    }

    // ---------------------------------------------------------------- keys

    private static List<List<Object[]>> chunks(List<Object[]> keys) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += CHUNK) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + CHUNK)));
        }
        return chunks;
    }

    /** {@code (a = ? and b = ?) or ...} for composite keys, {@code a in (?, ...)} for single columns. */
    static String keyPredicate(List<String> expressions, int count) {
        if (expressions.size() == 1) {
            StringJoiner in = new StringJoiner(", ", expressions.get(0) + " in (", ")");
            for (int i = 0; i < count; i++) {
                in.add("?");
            }
            return in.toString();
        }
        StringJoiner or = new StringJoiner(" or ", "(", ")");
        for (int i = 0; i < count; i++) {
            StringJoiner and = new StringJoiner(" and ", "(", ")");
            expressions.forEach(expression -> and.add(expression + " = ?"));
            or.add(and.toString());
        }
        return or.toString();
    }

    @SuppressWarnings("unchecked")
    private int bindKeys(PreparedStatement ps, int first, List<Object[]> keys, JdbcMapping[] mappings)
            throws SQLException {
        int next = first;
        for (Object[] key : keys) {
            for (int i = 0; i < key.length; i++) {
                ((org.hibernate.type.descriptor.ValueBinder<Object>) mappings[i].getJdbcValueBinder())
                        .bind(ps, key[i], next++, session);
            }
        }
        return next;
    }

    /** A key for hashing JDBC values: integral numbers of any width compare equal. */
    private static List<Object> key(Object[] values) {
        Object[] key = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            key[i] = values[i] instanceof Integer || values[i] instanceof Short || values[i] instanceof Byte
                    ? Long.valueOf(((Number) values[i]).longValue()) : values[i];
        }
        return Arrays.asList(key);
    }
}
