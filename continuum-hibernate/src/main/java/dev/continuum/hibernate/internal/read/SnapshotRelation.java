package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One relation of an entity type as snapshots hold it: as of each snapshot's transaction. Each kind
 * knows where its rows lie and reads them for a whole batch of owners in a fixed number of
 * statements; {@link RelationResolver} decides when (to-ones with the snapshot, collections on
 * first use) and sets the values.
 */
sealed interface SnapshotRelation
        permits ToOneRelation, InverseOneToOneRelation, ChildrenRelation, CollectionRowsRelation {

    AttributeMapping attribute();

    /** The collection attribute, read lazily; empty for a to-one, read with the snapshot. */
    Optional<PluralAttributeMapping> collection();

    /** The related entity type, or empty for an element collection. */
    Optional<EntityPersister> target();

    /**
     * Whether the owner writes the relation's rows (a many-to-many, an element collection), so
     * that reverting it changes the association only; else the related entities carry the key.
     */
    default boolean ownerWritesRows() {
        return false;
    }

    /**
     * The value of the relation for each owner as of its transaction; owners without one are left
     * out. Related snapshots it makes are added to {@code related}.
     */
    Map<RelationOwner, Object> read(List<RelationOwner> owners, RelatedSnapshots related, ReadSession reads);
}
