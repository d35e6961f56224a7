package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;

import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the relations of the snapshots of a list of versions as they were at each version's
 * transaction (or at the point in time they were read for), in batch, never with a statement per
 * version. A version's relations are read as of its transaction; a delete version's as of just
 * before it (the entity's last state).
 *
 * <p>To-ones are resolved when the first snapshot of the list is asked for: one statement per
 * to-one relation for the whole list. Collections are {@link LazyCollection lazy}: the first use
 * of one reads that relation for every snapshot of the list (see the {@link SnapshotRelation}
 * kinds for the statements) and fills all their collections. The related snapshots one read makes
 * (children, targets) form a batch of their own, as of the same transactions: their collections
 * are lazy in turn, batched over all of them, and so are their to-ones ({@link LazyToOnes}). What
 * cannot wait for its first use is read with the batch that made them, one statement per relation:
 * the {@code mappedBy} side of a one-to-one (a proxy cannot stand for null), to-ones of a class no
 * proxy can stand for, collections of a type no lazy collection fits.
 */
final class RelationResolver {

    private final ReadSession reads;

    RelationResolver(ReadSession reads) {
        this.reads = reads;
    }

    /**
     * The relations of the snapshots of {@code versions} (the versions of one read), resolved as of
     * each version's {@link HibernateVersion#relationsAt transaction of its relations} when asked.
     */
    VersionRelations of(List<HibernateVersion<?>> versions) {
        return new VersionRelations(versions);
    }

    /**
     * The relations of the snapshots of one read of versions, in two steps:
     * {@link #attachCollections} gives them lazy collections, which costs no statement (a changeset
     * that compares collections starts there); {@link #resolve}, on the first {@code entity()}, also
     * reads their to-ones, one statement per relation. Once the session is closed the to-ones are
     * proxies and the collections lazy collections that throw when used.
     */
    final class VersionRelations {

        private final List<RelationOwner> owners;
        private final Map<HibernateVersion<?>, RelationOwner> byVersion = new IdentityHashMap<>();
        /** The lazy collections of each collection relation, once attached; arrays are left out. */
        private Map<SnapshotRelation, LazyBatch> lazy;
        private final Set<SnapshotRelation> handled = new HashSet<>();
        private boolean resolved;

        private VersionRelations(List<HibernateVersion<?>> versions) {
            this.owners = new ArrayList<>(versions.size());
            for (HibernateVersion<?> version : versions) {
                RelationOwner owner = new RelationOwner(version.decoder(), version.table(), version.snapshot(),
                        version.id(), version.row().values(), version.relationsAt(),
                        version.operation() == Operation.DELETE ? version.transactionId() : version.relationsAt());
                owners.add(owner);
                byVersion.put(version, owner);
            }
        }

        /** Gives the snapshots lazy collections, once. */
        void attachCollections() {
            if (lazy != null) {
                return;
            }
            lazy = new IdentityHashMap<>();
            byType(owners).forEach((decoder, list) -> {
                for (SnapshotRelation relation : reads.model.relations(decoder).all()) {
                    Optional<PluralAttributeMapping> collection = relation.collection();
                    if (collection.isEmpty()) {
                        continue;
                    }
                    if (SnapshotCollections.kind(collection.get()) == CollectionClassification.ARRAY) {
                        // arrays keep what the constructor gives them
                        handled.add(relation);
                    } else {
                        lazily(relation, collection.get(), list).ifPresent(batch -> {
                            lazy.put(relation, batch);
                            handled.add(relation);
                        });
                    }
                }
            });
        }

        /** Gives the snapshots all their relations, once: lazy collections, then the to-ones and the rest, read now. */
        void resolve() {
            attachCollections();
            if (resolved) {
                return;
            }
            resolved = true;
            RelatedSnapshots related = new RelatedSnapshots(reads);
            byType(owners).forEach((decoder, list) -> {
                for (SnapshotRelation relation : reads.model.relations(decoder).all()) {
                    if (handled.contains(relation)) {
                        continue;
                    }
                    if (reads.session.isOpen()) {
                        read(relation, list, related, related);
                    } else if (relation instanceof ToOneRelation toOne) {
                        // proxies that say why they cannot be read, rather than instances that look empty
                        LazyToOnes.attach(reads, toOne, list, related);
                    }
                }
            });
            related.attachRelations();
        }

        /**
         * The content of the collection {@code relation} of each version's snapshot as it was read
         * (copies: a change of the snapshot's collection changes none), read for all of them now if
         * it is not yet; empty when the relation has no lazy collections, or they are not read and
         * the session is closed.
         */
        Optional<Map<HibernateVersion<?>, Object>> collections(SnapshotRelation relation) {
            attachCollections();
            LazyBatch batch = lazy.get(relation);
            if (batch == null || batch.loaded == null && !reads.session.isOpen()) {
                return Optional.empty();
            }
            if (batch.loaded == null) {
                batch.load(batch.owners.get(0));
            }
            Map<HibernateVersion<?>, Object> values = new IdentityHashMap<>();
            byVersion.forEach((version, owner) -> {
                if (batch.loaded.containsKey(owner)) {
                    values.put(version, batch.loaded.get(owner));
                }
            });
            return Optional.of(values);
        }
    }

    /**
     * Gives the snapshots a read made ({@code related}'s) their relations: lazy collections and
     * lazy to-ones, one batch per relation and entity type, and at once those that cannot wait,
     * by a read continuing {@code related}'s (so that none of its snapshots is made twice).
     */
    void attachRelated(List<RelationOwner> owners, RelatedSnapshots related) {
        RelatedSnapshots next = related.next();
        byType(owners).forEach((decoder, list) -> {
            for (SnapshotRelation relation : reads.model.relations(decoder).all()) {
                if (relation instanceof ToOneRelation toOne && LazyToOnes.attach(reads, toOne, list, related)) {
                    continue;
                }
                if (!lazily(relation, list) && reads.session.isOpen()) {
                    read(relation, list, next, related);
                }
            }
        });
        next.attachRelations();
    }

    private static Map<EntityDecoder, List<RelationOwner>> byType(List<RelationOwner> owners) {
        Map<EntityDecoder, List<RelationOwner>> byType = new LinkedHashMap<>();
        for (RelationOwner owner : owners) {
            byType.computeIfAbsent(owner.decoder(), d -> new ArrayList<>()).add(owner);
        }
        return byType;
    }

    /**
     * Gives the owners a lazy collection of {@code relation} (arrays keep what the constructor
     * gives them); false when it is a to-one, or a collection of a type no lazy collection fits.
     */
    private boolean lazily(SnapshotRelation relation, List<RelationOwner> owners) {
        Optional<PluralAttributeMapping> collection = relation.collection();
        return collection.isPresent() && (SnapshotCollections.kind(collection.get()) == CollectionClassification.ARRAY
                || lazily(relation, collection.get(), owners).isPresent());
    }

    /**
     * Reads {@code relation} for the owners now, the snapshots it makes into {@code into}, leaving
     * the values the read that made the owners ({@code madeBy}) set already.
     */
    private void read(SnapshotRelation relation, List<RelationOwner> owners, RelatedSnapshots into,
            RelatedSnapshots madeBy) {
        relation.read(owners, into, reads).forEach((owner, value) -> {
            if (!madeBy.isResolved(owner, relation.attribute())) {
                owner.set(relation.attribute(), value);
            }
        });
    }

    /** Gives every owner a lazy collection of the relation; empty when the attribute's type fits none. */
    private Optional<LazyBatch> lazily(SnapshotRelation relation, PluralAttributeMapping attribute,
            List<RelationOwner> owners) {
        CollectionClassification kind = SnapshotCollections.kind(attribute);
        if (!LazyCollection.fits(kind, attribute.getPropertyAccess().getGetter().getReturnTypeClass())) {
            return Optional.empty();
        }
        LazyBatch batch = new LazyBatch(relation, owners);
        for (RelationOwner owner : owners) {
            LazyCollection lazy = LazyCollection.create(kind, () -> batch.load(owner));
            batch.collections.add(lazy);
            owner.set(attribute, lazy.collection());
        }
        return Optional.of(batch);
    }

    /** The lazy collections of one relation of a batch of snapshots, filled together by the first use of any. */
    private final class LazyBatch {

        private final SnapshotRelation relation;
        private final List<RelationOwner> owners;
        /** The lazy collection of each owner, in the order of {@code owners}. */
        private final List<LazyCollection> collections;
        /** Copies of the collections as read, by owner, once read. */
        private Map<RelationOwner, Object> loaded;

        LazyBatch(SnapshotRelation relation, List<RelationOwner> owners) {
            this.relation = relation;
            this.owners = owners;
            this.collections = new ArrayList<>(owners.size());
        }

        void load(RelationOwner used) {
            if (!reads.session.isOpen()) {
                throw closed(used, relation);
            }
            RelatedSnapshots related = new RelatedSnapshots(reads);
            Map<RelationOwner, Object> values = relation.read(owners, related, reads);
            loaded = new IdentityHashMap<>();
            for (int i = 0; i < owners.size(); i++) {
                Object value = values.get(owners.get(i));
                collections.get(i).fill(value);
                loaded.put(owners.get(i), SnapshotCollections.copy(value));
            }
            related.attachRelations();
        }
    }

    private static HistoryLookupException closed(RelationOwner owner, SnapshotRelation relation) {
        EntityPersister persister = owner.decoder().persister();
        String type = EntityLookup.name(persister);
        String name = relation.attribute().getAttributeName();
        return new HistoryLookupException("Cannot read " + type + "." + name + " of the snapshot of " + type + " with id "
                + owner.id() + " as of transaction " + owner.transaction() + ": the collection is read on first use, "
                + "and the EntityManager that read the version is closed. Touch " + name + " while the EntityManager "
                + "is open, or read the snapshot again in an open one with VersionHistory.asOf(" + persister
                .getMappedClass().getSimpleName() + ".class, " + owner.id() + ", " + owner.at() + ")");
    }
}
