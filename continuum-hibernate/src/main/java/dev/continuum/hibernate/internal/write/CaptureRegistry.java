package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.NullSafeEquality;

import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The captures of one session factory, built once at boot from its {@link VersionModel}: one per
 * versioned entity type, one per versioned collection role, and the join-column one-to-manys
 * whose changes version their children or owner.
 */
final class CaptureRegistry {

    private final Map<String, EntityCapture> entities;
    private final Map<String, CollectionCapture> collections;
    private final Map<String, JoinColumnChanges> joinColumns;

    CaptureRegistry(SessionFactoryImplementor factory, VersionModel model, NullSafeEquality nullSafe) {
        Map<String, EntityCapture> entityCaptures = new HashMap<>();
        model.entities().stream().filter(entity -> !entity.nativeVersioning()) // their triggers write them
                .forEach(entity -> entityCaptures.put(entity.entityName(), new EntityCapture(entity, model.names())));
        this.entities = Map.copyOf(entityCaptures);
        Map<String, CollectionCapture> collectionCaptures = new HashMap<>();
        model.collections().forEach(table -> collectionCaptures.put(table.role(),
                new CollectionCapture(table, model.names(), nullSafe)));
        this.collections = Map.copyOf(collectionCaptures);
        Map<String, JoinColumnChanges> joinColumnChanges = new HashMap<>();
        factory.getMappingMetamodel().forEachCollectionDescriptor(persister -> {
            if (model.isVersionedJoinColumn(persister.getRole())) {
                joinColumnChanges.put(persister.getRole(), new JoinColumnChanges(persister));
            }
        });
        this.joinColumns = Map.copyOf(joinColumnChanges);
    }

    /** The capture of a versioned entity type, or null. */
    EntityCapture entity(EntityPersister persister) {
        return entities.get(persister.getEntityName());
    }

    /** The capture of a versioned collection role, or null. */
    CollectionCapture collection(String role) {
        return role == null ? null : collections.get(role);
    }

    /** The join-column one-to-many of a role whose foreign key is versioned in the child's rows, or null. */
    JoinColumnChanges joinColumn(String role) {
        return role == null ? null : joinColumns.get(role);
    }

    /** Whether an owner of this entity type gets a version when only its collections change. */
    boolean versionsOwnerOnCollectionChange(String entityName) {
        EntityCapture capture = entities.get(entityName);
        return capture != null && capture.versionedOnCollectionChange();
    }

    /** Whether the entity of {@code entry} is being deleted, or is gone: its own deletion is its version. */
    static boolean isRemoved(EntityEntry entry) {
        return entry.getStatus() == Status.DELETED || entry.getStatus() == Status.GONE;
    }

    /**
     * Records in {@code unit} a version of the managed {@code entity} of {@code entry} caused by a
     * change of collections (see {@link UnitOfWork#collectionsChanged}), its state as loaded;
     * returns false when the entity is not versioned.
     */
    boolean recordCollectionChange(EntityEntry entry, Object entity, List<?> causes, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        EntityPersister persister = entry.getPersister();
        EntityCapture capture = entity(persister);
        if (capture == null) {
            return false;
        }
        Object id = entry.getId();
        Object[] state = entry.getLoadedState() != null ? entry.getLoadedState() : persister.getValues(entity);
        unit.collectionsChanged(session.generateEntityKey(id, persister), capture,
                () -> capture.capture(id, entity, state, session), causes, session);
        return true;
    }
}
