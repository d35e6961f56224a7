package dev.continuum.hibernate.internal.write;

import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.CollectionEntry;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreCollectionRecreateEvent;
import org.hibernate.event.spi.PreCollectionRecreateEventListener;
import org.hibernate.event.spi.PreCollectionRemoveEvent;
import org.hibernate.event.spi.PreCollectionRemoveEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

import java.io.Serializable;
import java.util.List;

/**
 * Captures the state of versioned entities as Hibernate writes them, from the event state (no
 * extra SELECT), into the unit of work of the session's transaction; and the rows added to and
 * removed from versioned collections, from Hibernate's snapshot of each collection (taken before
 * the collection's statements run, while the snapshot still holds the state before the flush).
 */
public final class VersionEventListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener,
        PreCollectionRecreateEventListener, PreCollectionUpdateEventListener, PreCollectionRemoveEventListener {

    private volatile VersioningRuntime runtime;

    /** Starts recording; until then (while the session factory is being built) there is nothing to record. */
    public void start(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    private EntityWriter writer(EntityPersister persister) {
        VersioningRuntime current = runtime;
        return current == null ? null : current.writer(persister);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        EntityWriter writer = writer(event.getPersister());
        if (writer == null) {
            return;
        }
        Object[] values = writer.capture(event.getId(), event.getEntity(), event.getState(), event.getSession());
        runtime.unitOfWork(event.getSession())
                .inserted(event.getSession().generateEntityKey(event.getId(), event.getPersister()), writer, values);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        EntityWriter writer = writer(event.getPersister());
        if (writer == null) {
            return;
        }
        int[] dirty = event.getDirtyProperties();
        if (dirty != null && !writer.touchesVersionedState(dirty)) {
            return;
        }
        Object[] values = writer.capture(event.getId(), event.getEntity(), event.getState(), event.getSession());
        Object[] initial = event.getOldState() == null ? null
                : writer.capture(event.getId(), event.getEntity(), event.getOldState(), event.getSession());
        if (initial != null && writer.sameValues(values, initial)) {
            return;
        }
        runtime.unitOfWork(event.getSession())
                .updated(event.getSession().generateEntityKey(event.getId(), event.getPersister()), writer, values, initial);
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        EntityWriter writer = writer(event.getPersister());
        if (writer == null) {
            return;
        }
        Object[] values = writer.capture(event.getId(), event.getEntity(), event.getDeletedState(), event.getSession());
        runtime.unitOfWork(event.getSession())
                .deleted(event.getSession().generateEntityKey(event.getId(), event.getPersister()), writer, values);
    }

    @Override
    public void onPreRecreateCollection(PreCollectionRecreateEvent event) {
        collectionChanged(event, false, true);
    }

    @Override
    public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
        collectionChanged(event, true, true);
    }

    @Override
    public void onPreRemoveCollection(PreCollectionRemoveEvent event) {
        collectionChanged(event, true, false);
    }

    /**
     * Records the rows of a versioned collection that differ between its snapshot (when
     * {@code before}) and its current state (when {@code after}).
     */
    private void collectionChanged(AbstractCollectionEvent event, boolean before, boolean after) {
        VersioningRuntime current = runtime;
        PersistentCollection<?> collection = event.getCollection();
        if (current == null || collection == null) {
            return;
        }
        CollectionVersionWriter writer = current.collectionWriter(collection.getRole());
        JoinColumnWriter joinColumn = writer == null ? current.joinColumnWriter(collection.getRole()) : null;
        if (writer == null && joinColumn == null) {
            return;
        }
        SharedSessionContractImplementor session = event.getSession();
        CollectionEntry entry = session.getPersistenceContextInternal().getCollectionEntry(collection);
        if (entry == null) {
            return;
        }
        if (!collection.wasInitialized()) {
            if (after) {
                // only operations queued on an inverse collection leave it uninitialized; nothing of ours
                return;
            }
            // an unloaded collection that is removed (its owner deleted, or the collection replaced):
            // its rows are needed to record their removal
            collection.forceInitialization();
        }
        Serializable snapshot = before ? entry.getSnapshot() : null;
        Object key = after && entry.getCurrentKey() != null ? entry.getCurrentKey() : entry.getLoadedKey();
        if (key == null) {
            key = collection.getKey();
        }
        UnitOfWork unit = current.unitOfWork(session);
        if (writer != null) {
            List<CollectionVersionWriter.RowKey> changed =
                    writer.recordChanges(key, snapshot, after ? collection : null, unit, session);
            if (!changed.isEmpty()) {
                if (isFreshOwner(current, event, unit, session)) {
                    unit.freshOwner(changed);
                }
                ownerChanged(current, event, unit, session, changed);
            }
        } else if (joinColumn.recordChanges(snapshot, after ? collection : null, current, unit, session)) {
            ownerChanged(current, event, unit, session, null);
        }
    }

    /** Whether the collection's owner was inserted in this transaction under a generated identifier. */
    private static boolean isFreshOwner(VersioningRuntime current, AbstractCollectionEvent event, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        Object id = event.getAffectedOwnerIdOrNull();
        String entityName = event.getAffectedOwnerEntityName();
        if (id == null || entityName == null) {
            return false;
        }
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(entityName);
        return current.writer(persister) != null && unit.isFreshInsert(session.generateEntityKey(id, persister));
    }

    /** Records a version of the owner when it is versioned on collection changes and still exists. */
    private static void ownerChanged(VersioningRuntime current, AbstractCollectionEvent event, UnitOfWork unit,
            SharedSessionContractImplementor session, List<?> causes) {
        Object owner = event.getAffectedOwnerOrNull();
        if (owner == null || !current.versionsOwnerOnCollectionChange(event.getAffectedOwnerEntityName())) {
            return;
        }
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(owner);
        if (entry == null || entry.getStatus() == Status.DELETED || entry.getStatus() == Status.GONE) {
            return;
        }
        EntityPersister persister = entry.getPersister();
        EntityWriter writer = current.writer(persister);
        if (writer == null) {
            return;
        }
        Object id = entry.getId();
        Object[] state = entry.getLoadedState() != null ? entry.getLoadedState() : persister.getValues(owner);
        unit.collectionsChanged(session.generateEntityKey(id, persister), writer,
                () -> writer.capture(id, owner, state, session), causes);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
