package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mappedBy} side of a one-to-one: the target whose version row, valid at the owner's
 * transaction, holds the owner's key; the owner's own row records nothing of it.
 *
 * @param attribute the relation
 * @param rows where the target's rows carry the owner's key
 */
record InverseOneToOneRelation(ToOneAttributeMapping attribute, ChildRows rows) implements SnapshotRelation {

    /** The relation, or empty when the target is not versioned. */
    static Optional<SnapshotRelation> of(ToOneAttributeMapping attribute, HistoryModel model) {
        return ChildRows.of(attribute.getForeignKeyDescriptor(),
                attribute.getAssociatedEntityMappingType().getEntityPersister(), model)
                .map(rows -> new InverseOneToOneRelation(attribute, rows));
    }

    @Override
    public Optional<PluralAttributeMapping> collection() {
        return Optional.empty();
    }

    @Override
    public Optional<EntityPersister> target() {
        return Optional.of(rows.child());
    }

    @Override
    public Map<RelationOwner, Object> read(List<RelationOwner> owners, RelatedSnapshots related, ReadSession reads) {
        Map<RelationOwner, Object> values = new IdentityHashMap<>();
        rows.of(owners, related, reads).forEach((owner, targets) -> values.put(owner, targets.get(0).snapshot()));
        return values;
    }
}
