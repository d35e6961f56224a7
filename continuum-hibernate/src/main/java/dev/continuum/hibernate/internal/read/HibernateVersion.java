package dev.continuum.hibernate.internal.read;

import dev.continuum.Changeset;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.binding.VersionBinding;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A version read from a version table. Neighbours, index and changeset are linked in memory for
 * versions of a loaded list; for a version read on its own they are looked up once, on first use
 * (see {@link VersionNavigation}). Its relations are read through the mapping model for the
 * relation accessors of typed version classes bound to it (see {@link LazyVersion}).
 *
 * @param <T> the entity type
 */
final class HibernateVersion<T> implements Version<T>, VersionBinding.Relations {

    private final ReadSession reads;
    private final TableReader table;
    private final EntityDecoder decoder;
    private final VersionRow row;
    private final Object id;
    private final Object[] values;
    private final T entity;
    /**
     * The transaction its relations are read as of: its own (just before it, for a delete), or the
     * point in time it was read for.
     */
    private final long relationsAt;

    private int index = -1;
    private Optional<Version<T>> previous;
    private Optional<Version<T>> next;
    private Map<String, PropertyChange<?>> propertyChanges;
    private Changeset<T> changeset;
    /** The relations of the snapshots of the versions this version was read with, resolved on first use. */
    private RelationResolver.VersionRelations relations;
    /** The versions of the list this version was read with, whose collection changes are read together. */
    private CollectionChanges.Batch collectionChanges;

    HibernateVersion(ReadSession reads, TableReader table, EntityDecoder decoder, VersionRow row,
            Object id, Object[] values, T entity, long relationsAt) {
        this.reads = reads;
        this.table = table;
        this.decoder = decoder;
        this.row = row;
        this.id = id;
        this.values = values;
        this.entity = entity;
        this.relationsAt = relationsAt;
    }

    /**
     * Links the versions of one entity, oldest first, so navigation needs no statement, and their
     * changesets read the collections of all of them together.
     */
    static <T> void link(List<Version<T>> versions) {
        changedTogether(versions);
        for (int i = 0; i < versions.size(); i++) {
            HibernateVersion<T> version = (HibernateVersion<T>) versions.get(i);
            version.index = i;
            version.previous = i == 0 ? Optional.empty() : Optional.of(versions.get(i - 1));
            version.next = i == versions.size() - 1 ? Optional.empty() : Optional.of(versions.get(i + 1));
        }
    }

    /**
     * Links a page of an entity's versions whose first has index {@code first}: the neighbours
     * outside the page are looked up when asked for.
     */
    static <T> void link(List<Version<T>> versions, int first) {
        changedTogether(versions);
        for (int i = 0; i < versions.size(); i++) {
            HibernateVersion<T> version = (HibernateVersion<T>) versions.get(i);
            version.index = first + i;
            version.previous = i == 0 ? first == 0 ? Optional.empty() : null : Optional.of(versions.get(i - 1));
            version.next = i < versions.size() - 1 ? Optional.of(versions.get(i + 1))
                    : version.row.endTransactionId() == null ? Optional.empty() : null;
        }
    }

    private static <T> void changedTogether(List<Version<T>> versions) {
        List<HibernateVersion<?>> batch = new ArrayList<>(versions.size());
        versions.forEach(version -> batch.add((HibernateVersion<?>) version));
        CollectionChanges.Batch changes = new CollectionChanges.Batch(batch, true);
        batch.forEach(version -> version.collectionChanges = changes);
    }

    TableReader table() {
        return table;
    }

    EntityDecoder decoder() {
        return decoder;
    }

    VersionRow row() {
        return row;
    }

    /** The transaction the relations of its snapshot are read as of. */
    long relationsAt() {
        return relationsAt;
    }

    /**
     * Makes {@code relations} resolve the relations of this version's snapshot (and of the others
     * read with it) the first time any of them is asked for its entity.
     */
    void resolveRelationsWith(RelationResolver.VersionRelations relations) {
        this.relations = relations;
    }

    /** The relations of the snapshots of the versions this version was read with. */
    RelationResolver.VersionRelations relations() {
        return relations;
    }

    /** The snapshot, its relations not resolved yet unless some version of its list was asked for its entity. */
    T snapshot() {
        return entity;
    }

    @Override
    public T entity() {
        if (relations != null) {
            relations.resolve();
        }
        return entity;
    }

    @Override
    public String entityName() {
        return decoder.persister().getEntityName();
    }

    @Override
    public Object id() {
        return id;
    }

    @Override
    public long transactionId() {
        return row.transactionId();
    }

    @Override
    public OptionalLong endTransactionId() {
        return row.endTransactionId() == null ? OptionalLong.empty() : OptionalLong.of(row.endTransactionId());
    }

    @Override
    public Operation operation() {
        return row.operation();
    }

    @Override
    public Transaction transaction() {
        return row.transaction();
    }

    @Override
    public int index() {
        if (index < 0) {
            index = reads.navigation.indexOf(this);
        }
        return index;
    }

    @Override
    public Optional<Version<T>> previous() {
        if (previous == null) {
            previous = reads.navigation.previousOf(this);
            previous.ifPresent(p -> ((HibernateVersion<T>) p).next = Optional.of(this));
        }
        return previous;
    }

    @Override
    public Optional<Version<T>> next() {
        if (next == null) {
            next = row.endTransactionId() == null ? Optional.empty() : reads.navigation.nextOf(this);
            next.ifPresent(n -> ((HibernateVersion<T>) n).previous = Optional.of(this));
        }
        return next;
    }

    @Override
    public Changeset<T> changeset() {
        if (changeset == null) {
            CollectionChanges.Batch batch = collectionChanges != null ? collectionChanges
                    : new CollectionChanges.Batch(List.of(this), false);
            changeset = new Changeset<>(propertyChanges(), reads.collectionChanges.of(this, batch));
        }
        return changeset;
    }

    /** The changes of the versioned values against the previous version: the changeset without its collections. */
    Map<String, PropertyChange<?>> propertyChanges() {
        if (propertyChanges == null) {
            propertyChanges = switch (row.operation()) {
                case INSERT -> decoder.changes(null, null, row.values(), values);
                case DELETE -> decoder.changes(row.values(), values, null, null);
                case UPDATE -> {
                    HibernateVersion<T> before = (HibernateVersion<T>) previous().orElse(null);
                    yield before == null || before.operation() == Operation.DELETE
                            ? decoder.changes(null, null, row.values(), values)
                            : decoder.changes(before.row.values(), before.decoder == decoder
                                    ? before.values : before.valuesAs(decoder), row.values(), values);
                }
            };
        }
        return propertyChanges;
    }

    /**
     * The values of this version's row by the attributes of {@code other}: those of a version of
     * another subclass (the entity took its identifier in the same transaction), to compare with.
     */
    private Object[] valuesAs(EntityDecoder other) {
        return other.values(row.values(), ModelPartDecoder.Mode.SNAPSHOT, reads.session);
    }

    @Override
    public Optional<T> revert() {
        return reads.reverter.revert(this);
    }

    @Override
    public Optional<T> revert(String... relations) {
        return relations.length == 0 ? revert() : reads.reverter.revert(this, relations);
    }

    /** Reads the relation from the snapshot by Hibernate's property access, which needs no getter. */
    @Override
    public Object relation(String property) {
        T snapshot = entity();
        EntityPersister persister = decoder.persister();
        AttributeMapping attribute = persister.findAttributeMapping(property);
        if (attribute == null) {
            throw new HistoryLookupException(EntityLookup.name(persister) + " has no property '" + property
                    + "', which its typed version class reads; the version class is stale: recompile so that the "
                    + "annotation processor generates it anew");
        }
        return persister.getValue(snapshot, attribute.getStateArrayPosition());
    }

    @Override
    public String toString() {
        return "Version[" + decoder.persister().getEntityName() + "#" + id + ", transaction " + row.transactionId()
                + ", " + row.operation() + "]";
    }
}
