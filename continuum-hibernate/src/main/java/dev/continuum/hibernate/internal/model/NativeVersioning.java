package dev.continuum.hibernate.internal.model;

import dev.continuum.Versioned;

import org.hibernate.mapping.PersistentClass;

/**
 * Which entities are versioned natively ({@code @Versioned(nativeVersioning)} or
 * {@code continuum.native_versioning}): database triggers write their version rows, and the event
 * listeners leave them alone. Of a hierarchy the root's annotation decides. Read by the schema
 * contributor (which adds the triggers), the model builder and the write path.
 */
public final class NativeVersioning {

    private NativeVersioning() {
    }

    /** Whether database triggers version {@code entity}. */
    public static boolean enabled(PersistentClass entity, Settings settings) {
        Versioned annotation = VersionedEntity.annotation(entity.getRootClass());
        if (annotation == null) {
            annotation = VersionedEntity.annotation(entity);
        }
        if (annotation == null) {
            return false;
        }
        Versioned.Setting option = annotation.nativeVersioning();
        return option == Versioned.Setting.ENABLED || option == Versioned.Setting.DEFAULT && settings.nativeVersioning();
    }
}
