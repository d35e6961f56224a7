package dev.continuum.hibernate.internal;

import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Captures the state of versioned entities as Hibernate writes them, from the event state (no
 * extra SELECT), into the unit of work of the session's transaction.
 */
final class VersionEventListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

    private volatile VersioningRuntime runtime;

    /** Starts recording; until then (while the session factory is being built) there is nothing to record. */
    void start(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    private EntityVersionWriter writer(EntityPersister persister) {
        VersioningRuntime current = runtime;
        return current == null ? null : current.writer(persister);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        EntityVersionWriter writer = writer(event.getPersister());
        if (writer == null) {
            return;
        }
        Object[] values = writer.capture(event.getId(), event.getEntity(), event.getState(), event.getSession());
        runtime.unitOfWork(event.getSession())
                .inserted(event.getSession().generateEntityKey(event.getId(), event.getPersister()), writer, values);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        EntityVersionWriter writer = writer(event.getPersister());
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
        EntityVersionWriter writer = writer(event.getPersister());
        if (writer == null) {
            return;
        }
        Object[] values = writer.capture(event.getId(), event.getEntity(), event.getDeletedState(), event.getSession());
        runtime.unitOfWork(event.getSession())
                .deleted(event.getSession().generateEntityKey(event.getId(), event.getPersister()), writer, values);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
