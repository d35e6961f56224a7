package dev.continuum.hibernate.internal.write;

import org.hibernate.StatelessSession;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.CollectionEntry;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PostUpsertEvent;
import org.hibernate.event.spi.PostUpsertEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.event.spi.PreUpsertEvent;
import org.hibernate.event.spi.PreUpsertEventListener;
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
 * The pre-events refuse a write outside a transaction before its SQL runs, and read, for a
 * {@code StatelessSession}'s delete and upsert (whose events carry no earlier state), the row as
 * the database holds it.
 */
public final class VersionEventListener implements PreInsertEventListener, PreUpdateEventListener,
        PreDeleteEventListener, PreUpsertEventListener, PostInsertEventListener, PostUpdateEventListener,
        PostDeleteEventListener, PostUpsertEventListener, PreCollectionRecreateEventListener,
        PreCollectionUpdateEventListener, PreCollectionRemoveEventListener, FlushEventListener,
        AutoFlushEventListener {

    private volatile VersioningRuntime runtime;

    /**
     * Under {@code continuum.write_at=flush}, where it is registered after Hibernate's own flush
     * listener: writes the versions of what the flush wrote.
     */
    @Override
    public void onFlush(FlushEvent event) {
        VersioningRuntime current = runtime;
        if (current != null) {
            current.flushed(event.getSession());
        }
    }

    /** As {@link #onFlush}, for the flush Hibernate runs before a query. */
    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        onFlush(event);
    }

    /** Starts recording; until then (while the session factory is being built) there is nothing to record. */
    public void start(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    /** How an insert or a delete event's captured row enters the unit of work. */
    @FunctionalInterface
    private interface EntityEventRecorder {
        void record(UnitOfWork unit, Object key, Capture capture, Object[] values);
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        checkTransaction(event.getPersister(), event.getId(), event.getSession());
        return false;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        checkTransaction(event.getPersister(), event.getId(), event.getSession());
        return false;
    }

    @Override
    public boolean onPreDelete(PreDeleteEvent event) {
        EntityCapture capture = checkTransaction(event.getPersister(), event.getId(), event.getSession());
        if (capture != null && event.getDeletedState() == null) {
            readStoredState(capture, event.getPersister(), event.getId(), event.getSession());
        }
        return false;
    }

    @Override
    public boolean onPreUpsert(PreUpsertEvent event) {
        EntityCapture capture = checkTransaction(event.getPersister(), event.getId(), event.getSession());
        if (capture != null) {
            readStoredState(capture, event.getPersister(), event.getId(), event.getSession());
        }
        return false;
    }

    /**
     * Refuses a write of a versioned entity outside a transaction, before its SQL runs (on an
     * autocommit connection it would commit at once, without its version); returns the entity's
     * capture, or null when it is not versioned.
     */
    private EntityCapture checkTransaction(EntityPersister persister, Object id,
            SharedSessionContractImplementor session) {
        VersioningRuntime current = runtime;
        EntityCapture capture = current == null ? null : current.captures().entity(persister);
        if (capture != null) {
            VersioningRuntime.requireTransaction(session, persister, id);
        } else if (current != null) {
            current.uncapturedWrite(persister, session);
        }
        return capture;
    }

    /**
     * Reads the row of {@code id} as the database holds it, before a stateless delete or upsert
     * changes it, into the unit of work: the state its version starts from.
     */
    private void readStoredState(EntityCapture capture, EntityPersister persister, Object id,
            SharedSessionContractImplementor session) {
        Object stored = session instanceof StatelessSession stateless
                ? stateless.get(persister.getEntityName(), id) : null;
        Object[] values = stored == null ? null
                : capture.capture(id, stored, persister.getValues(stored), session);
        runtime.unitOfWork(session).storedBefore(session.generateEntityKey(id, persister), values);
    }

    @Override
    public void onPostUpsert(PostUpsertEvent event) {
        VersioningRuntime current = runtime;
        EntityPersister persister = event.getPersister();
        EntityCapture capture = current == null ? null : current.captures().entity(persister);
        if (capture == null) {
            return;
        }
        SharedSessionContractImplementor session = event.getSession();
        Object[] values = capture.capture(event.getId(), event.getEntity(), event.getState(), session);
        UnitOfWork unit = current.unitOfWork(session);
        Object key = session.generateEntityKey(event.getId(), persister);
        Object[] stored = unit.takeStoredBefore(key);
        if (stored == null) {
            unit.inserted(key, capture, values);
        } else {
            unit.updated(key, capture, values, stored);
        }
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        record(event.getPersister(), event.getId(), event.getEntity(), event.getState(), event.getSession(),
                UnitOfWork::inserted);
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        if (event.getDeletedState() != null) {
            record(event.getPersister(), event.getId(), event.getEntity(), event.getDeletedState(),
                    event.getSession(), UnitOfWork::deleted);
            return;
        }
        // a StatelessSession's delete: its last state is the row read before the delete ran
        VersioningRuntime current = runtime;
        EntityPersister persister = event.getPersister();
        EntityCapture capture = current == null ? null : current.captures().entity(persister);
        if (capture != null) {
            SharedSessionContractImplementor session = event.getSession();
            UnitOfWork unit = current.unitOfWork(session);
            Object key = session.generateEntityKey(event.getId(), persister);
            Object[] stored = unit.takeStoredBefore(key);
            unit.deleted(key, capture, stored != null ? stored
                    : capture.capture(event.getId(), event.getEntity(), persister.getValues(event.getEntity()), session));
        }
    }

    private void record(EntityPersister persister, Object id, Object entity, Object[] state,
            SharedSessionContractImplementor session, EntityEventRecorder recorder) {
        VersioningRuntime current = runtime;
        EntityCapture capture = current == null ? null : current.captures().entity(persister);
        if (capture != null) {
            recorder.record(current.unitOfWork(session), session.generateEntityKey(id, persister), capture,
                    capture.capture(id, entity, state, session));
        }
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        VersioningRuntime current = runtime;
        EntityCapture capture = current == null ? null : current.captures().entity(event.getPersister());
        int[] dirty = event.getDirtyProperties();
        if (capture == null || dirty != null && !capture.touchesVersionedState(dirty)) {
            return;
        }
        SharedSessionContractImplementor session = event.getSession();
        Object[] values = capture.capture(event.getId(), event.getEntity(), event.getState(), session);
        Object[] initial = event.getOldState() == null ? null
                : capture.capture(event.getId(), event.getEntity(), event.getOldState(), session);
        if (initial == null || !capture.sameValues(values, initial)) {
            current.unitOfWork(session).updated(session.generateEntityKey(event.getId(), event.getPersister()),
                    capture, values, initial);
        }
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
        CaptureRegistry captures = current.captures();
        CollectionCapture capture = captures.collection(collection.getRole());
        JoinColumnChanges joinColumn = capture == null ? captures.joinColumn(collection.getRole()) : null;
        if (capture == null && joinColumn == null) {
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
        if (capture != null) {
            List<RowKey> changed = capture.recordChanges(key, snapshot, after ? collection : null, unit, session);
            if (!changed.isEmpty()) {
                if (isFreshOwner(captures, event, unit, session)) {
                    unit.freshOwner(changed);
                }
                ownerChanged(captures, event, unit, session, changed);
            }
        } else if (joinColumn.recordChanges(snapshot, after ? collection : null, captures, unit, session)) {
            ownerChanged(captures, event, unit, session, null);
        }
    }

    /** Whether the collection's owner was inserted in this transaction under a generated identifier. */
    private static boolean isFreshOwner(CaptureRegistry captures, AbstractCollectionEvent event, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        Object id = event.getAffectedOwnerIdOrNull();
        String entityName = event.getAffectedOwnerEntityName();
        if (id == null || entityName == null) {
            return false;
        }
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(entityName);
        return captures.entity(persister) != null && unit.isFreshInsert(session.generateEntityKey(id, persister));
    }

    /** Records a version of the owner when it is versioned on collection changes and still exists. */
    private static void ownerChanged(CaptureRegistry captures, AbstractCollectionEvent event, UnitOfWork unit,
            SharedSessionContractImplementor session, List<?> causes) {
        Object owner = event.getAffectedOwnerOrNull();
        if (owner == null || !captures.versionsOwnerOnCollectionChange(event.getAffectedOwnerEntityName())) {
            return;
        }
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(owner);
        if (entry != null && !CaptureRegistry.isRemoved(entry)) {
            captures.recordCollectionChange(entry, owner, causes, unit, session);
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
