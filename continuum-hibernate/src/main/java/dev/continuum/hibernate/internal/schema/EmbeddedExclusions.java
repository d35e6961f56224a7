package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.NotVersioned;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Value;

/**
 * Refuses {@link NotVersioned} on a property of an embeddable: Continuum versions an embedded
 * value as its columns and leaves out only whole properties of the entity, so such an annotation
 * would be ignored and the value it was meant to keep out of history (a secret, say) would be
 * recorded and shown. The boot fails instead, saying where to put the exclusion.
 */
final class EmbeddedExclusions {

    private EmbeddedExclusions() {
    }

    /**
     * Fails when an embeddable that {@code entity} versions (an embedded property, an embedded
     * identifier, or the element of a versioned element collection) has a {@link NotVersioned}
     * property.
     *
     * @throws ConfigurationException naming the embeddable, its property, the entity and the fix
     */
    static void check(PersistentClass entity) {
        String name = VersionedEntity.simpleName(entity);
        if (entity.getIdentifierProperty() != null) {
            check(entity.getIdentifierProperty().getValue(), name, entity.getIdentifierProperty().getName());
        }
        for (Property property : entity.getPropertyClosure()) {
            if (!VersionedEntity.isExcluded(entity, property.getName())) {
                Value value = property.getValue();
                check(value instanceof Collection collection ? collection.getElement() : value, name,
                        property.getName());
            }
        }
    }

    private static void check(Value value, String entity, String path) {
        if (!(value instanceof Component component) || component.getComponentClass() == null) {
            return;
        }
        Class<?> type = component.getComponentClass();
        String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        for (Property property : component.getProperties()) {
            if (VersionedEntity.isNotVersionedAnnotated(type, property.getName())) {
                throw new ConfigurationException(type.getSimpleName() + "." + property.getName() + " is @NotVersioned, "
                        + "but " + type.getSimpleName() + " is an embeddable, embedded in " + entity + "." + path
                        + ": Continuum leaves out only whole properties of the entity, so its value would still be "
                        + "recorded in history. To keep it out, put @NotVersioned on " + entity + "." + top
                        + " (or name it in @Versioned(exclude = \"" + top + "\")), which leaves out the whole embedded "
                        + "value; or move the property out of the embeddable; or remove @NotVersioned from "
                        + type.getSimpleName() + "." + property.getName());
            }
            check(property.getValue(), entity, path + "." + property.getName());
        }
    }
}
