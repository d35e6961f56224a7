package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A many-to-one (or the owning side of a one-to-one): the target's identifier is in the owner's
 * version row, and the target is its version valid at the owner's transaction.
 *
 * @param attribute the relation
 * @param index the index of the attribute in the owner's decoder
 * @param targetType the target entity type
 */
record ToOneRelation(AttributeMapping attribute, int index, EntityPersister targetType) implements SnapshotRelation {

    @Override
    public Optional<PluralAttributeMapping> collection() {
        return Optional.empty();
    }

    @Override
    public Optional<EntityPersister> target() {
        return Optional.of(targetType);
    }

    @Override
    public Map<RelationOwner, Object> read(List<RelationOwner> owners, RelatedSnapshots related, ReadSession reads) {
        Map<RelationOwner, Object> ids = new IdentityHashMap<>();
        List<TargetSnapshots.Request> requests = new ArrayList<>();
        for (RelationOwner owner : owners) {
            Object id = owner.decoder().foreignKey(index, owner.row(), reads.session);
            if (id != null) {
                ids.put(owner, id);
                requests.add(new TargetSnapshots.Request(id, owner.at()));
            }
        }
        TargetSnapshots.Found targets = reads.targets.find(targetType, requests, related);
        Map<RelationOwner, Object> values = new IdentityHashMap<>();
        ids.forEach((owner, id) -> {
            Object target = targets.at(id, owner.at());
            if (target != null) {
                values.put(owner, target);
            }
        });
        return values;
    }
}
