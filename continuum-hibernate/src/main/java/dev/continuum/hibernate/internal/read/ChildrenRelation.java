package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-to-many: the children whose version rows, valid at the owner's transaction, hold the
 * owner's key ({@code mappedBy}, or a {@code @JoinColumn} they take from the live row).
 *
 * @param attribute the collection
 * @param rows where the children's rows carry the owner's key
 * @param mappedBy the children's to-one back to the owner, which is set to the owner's snapshot, or null
 */
record ChildrenRelation(PluralAttributeMapping attribute, ChildRows rows, String mappedBy)
        implements SnapshotRelation {

    /** The one-to-many {@code attribute} to versioned children, or empty when they are not versioned. */
    static Optional<SnapshotRelation> of(PluralAttributeMapping attribute, EntityPersister child, HistoryModel model) {
        String mappedBy = attribute.getCollectionDescriptor().getMappedByProperty();
        boolean backReference = mappedBy != null && !mappedBy.isEmpty()
                && child.findAttributeMapping(mappedBy) instanceof ToOneAttributeMapping;
        return ChildRows.of(attribute.getKeyDescriptor(), child, model)
                .map(rows -> new ChildrenRelation(attribute, rows, backReference ? mappedBy : null));
    }

    @Override
    public Optional<PluralAttributeMapping> collection() {
        return Optional.of(attribute);
    }

    @Override
    public Optional<EntityPersister> target() {
        return Optional.of(rows.child());
    }

    @Override
    public Map<RelationOwner, Object> read(List<RelationOwner> owners, RelatedSnapshots related, ReadSession reads) {
        Map<RelationOwner, List<RelationOwner>> children = rows.of(owners, related, reads);
        Map<RelationOwner, Object> values = new IdentityHashMap<>();
        for (RelationOwner owner : owners) {
            List<Object> elements = new ArrayList<>();
            for (RelationOwner child : children.getOrDefault(owner, List.of())) {
                if (mappedBy != null) {
                    // the child refers to the owner it is listed under: the owner's snapshot, not an
                    // identifier-only reference
                    related.resolve(child, child.decoder().persister().findAttributeMapping(mappedBy), owner.snapshot());
                }
                elements.add(child.snapshot());
            }
            Object value = SnapshotCollections.of(attribute, elements, null);
            if (value != null) {
                values.put(owner, value);
            }
        }
        return values;
    }
}
