package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.CollectionTable;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.EntityCollectionPart;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The relations of one entity type that its snapshots hold as of their transaction, each of the
 * {@link SnapshotRelation} kind that can read it; relations no version row records (to entities
 * that are not versioned, by keys other than identifiers) are left out. Worked out once per entity
 * type (see {@link HistoryModel#relations}).
 *
 * @param all the relations, to-ones first
 */
record EntityRelations(List<SnapshotRelation> all) {

    static EntityRelations of(EntityDecoder decoder, HistoryModel model) {
        List<SnapshotRelation> relations = new ArrayList<>();
        EntityPersister persister = decoder.persister();
        for (int i = 0; i < decoder.attributeCount(); i++) {
            if (decoder.toOneTarget(i).isPresent()) {
                relations.add(new ToOneRelation(persister.findAttributeMapping(decoder.attributeName(i)), i,
                        decoder.toOneTarget(i).get()));
            }
        }
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            if (attribute instanceof PluralAttributeMapping plural) {
                collection(plural, model).ifPresent(relations::add);
            } else if (attribute instanceof ToOneAttributeMapping toOne
                    && toOne.getSideNature() == ForeignKeyDescriptor.Nature.TARGET
                    && decoder.indexOf(toOne.getAttributeName()) < 0) {
                InverseOneToOneRelation.of(toOne, model).ifPresent(relations::add);
            }
        }
        return new EntityRelations(List.copyOf(relations));
    }

    /** A collection with a version table of its rows, or a one-to-many to versioned children. */
    private static Optional<SnapshotRelation> collection(PluralAttributeMapping plural, HistoryModel model) {
        if (!(plural.getKeyDescriptor().getTargetPart() instanceof EntityIdentifierMapping)) {
            return Optional.empty();
        }
        Optional<CollectionTable> table = model.versions().collection(plural.getCollectionDescriptor().getRole());
        if (table.isPresent()) {
            return CollectionRowsRelation.of(plural, table.get(), model.names());
        }
        if (plural.getElementDescriptor() instanceof EntityCollectionPart element
                && element.getCardinality() == EntityCollectionPart.Cardinality.ONE_TO_MANY) {
            return ChildrenRelation.of(plural, element.getAssociatedEntityMappingType().getEntityPersister(), model);
        }
        return Optional.empty();
    }

    /** The relation {@code name}, or empty when there is none of that name. */
    Optional<SnapshotRelation> named(String name) {
        return all.stream().filter(relation -> relation.attribute().getAttributeName().equals(name)).findFirst();
    }

    /** The names of the relations. */
    List<String> names() {
        return all.stream().map(relation -> relation.attribute().getAttributeName()).toList();
    }
}
