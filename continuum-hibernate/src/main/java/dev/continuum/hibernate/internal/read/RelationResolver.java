package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;

import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the relations of the snapshots of a list of versions as they were at each version's
 * transaction, in batch, never with a statement per version. A version's relations are read as
 * of its transaction; a delete version's as of just before it (the entity's last state).
 *
 * <p>To-ones are resolved when the first snapshot of the list is asked for: one statement per
 * to-one relation for the whole list. Collections are {@link LazyCollection lazy}: the first use
 * of one reads that relation for every snapshot of the list (see the {@link SnapshotRelation}
 * kinds for the statements) and fills all their collections. The related snapshots one read makes
 * (children, targets) form a batch of their own, as of the same transactions: their collections
 * are lazy in turn, batched over all of them; their to-ones stay identifier-only references, since
 * resolving them would cost statements nobody asked for.
 */
final class RelationResolver {

    private final ReadSession reads;

    RelationResolver(ReadSession reads) {
        this.reads = reads;
    }

    /**
     * Resolves the to-ones of the snapshots of {@code versions} as of each version's transaction
     * and gives them lazy collections, read for all of them at once on first use. Once the
     * session is closed the to-ones stay identifier-only references, and the collections throw
     * when used.
     */
    void resolve(List<HibernateVersion<?>> versions) {
        List<RelationOwner> owners = new ArrayList<>(versions.size());
        for (HibernateVersion<?> version : versions) {
            long at = version.operation() == Operation.DELETE ? version.transactionId() - 1 : version.transactionId();
            owners.add(new RelationOwner(version.decoder(), version.table(), version.snapshot(), version.id(),
                    version.row().values(), at, version.transactionId()));
        }
        attach(owners, reads.session.isOpen());
    }

    /**
     * Gives {@code owners} lazy collections, one batch per relation and entity type; with
     * {@code eager}, also reads their to-ones and the collections that cannot be lazy (a field of a
     * type no lazy collection fits).
     */
    void attach(List<RelationOwner> owners, boolean eager) {
        Map<EntityDecoder, List<RelationOwner>> byType = new LinkedHashMap<>();
        for (RelationOwner owner : owners) {
            byType.computeIfAbsent(owner.decoder(), d -> new ArrayList<>()).add(owner);
        }
        byType.forEach((decoder, list) -> {
            for (SnapshotRelation relation : reads.model.relations(decoder).all()) {
                Optional<PluralAttributeMapping> collection = relation.collection();
                if (collection.isPresent() && (SnapshotCollections.kind(collection.get()) == CollectionClassification.ARRAY
                        || lazily(relation, collection.get(), list))) {
                    // arrays keep what the constructor gives them
                    continue;
                }
                if (eager) {
                    RelatedSnapshots related = new RelatedSnapshots(reads);
                    relation.read(list, related, reads).forEach((owner, value) -> owner.set(relation.attribute(), value));
                    related.attachCollections();
                }
            }
        });
    }

    /** Gives every owner a lazy collection of the relation; false when the attribute's type fits none. */
    private boolean lazily(SnapshotRelation relation, PluralAttributeMapping attribute, List<RelationOwner> owners) {
        CollectionClassification kind = SnapshotCollections.kind(attribute);
        if (!LazyCollection.fits(kind, attribute.getPropertyAccess().getGetter().getReturnTypeClass())) {
            return false;
        }
        LazyBatch batch = new LazyBatch(relation, owners);
        for (RelationOwner owner : owners) {
            LazyCollection lazy = LazyCollection.create(kind, () -> batch.load(owner));
            batch.collections.add(lazy);
            owner.set(attribute, lazy.collection());
        }
        return true;
    }

    /** The lazy collections of one relation of a batch of snapshots, filled together by the first use of any. */
    private final class LazyBatch {

        private final SnapshotRelation relation;
        private final List<RelationOwner> owners;
        /** The lazy collection of each owner, in the order of {@code owners}. */
        private final List<LazyCollection> collections;

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
            for (int i = 0; i < owners.size(); i++) {
                collections.get(i).fill(values.get(owners.get(i)));
            }
            related.attachCollections();
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
