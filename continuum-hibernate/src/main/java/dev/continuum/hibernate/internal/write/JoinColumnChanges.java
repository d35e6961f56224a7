package dev.continuum.hibernate.internal.write;

import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A one-to-many owned through a join column ({@code @OneToMany @JoinColumn} without
 * {@code mappedBy}): the foreign key lives in the child's table but is written by the parent's
 * collection, in statements of its own, so it is not in the child's event state. The child's
 * version rows read it from the live row when they are written (see
 * {@link dev.continuum.hibernate.internal.model.EntityTable#liveColumns()}); this class makes sure
 * a child that only moved in or out of the collection gets a version too.
 */
final class JoinColumnChanges {

    private final CollectionPersister persister;

    JoinColumnChanges(CollectionPersister persister) {
        this.persister = persister;
    }

    /**
     * Records a version of every versioned child that entered or left the collection between its
     * snapshot and its current state; returns whether any did.
     */
    boolean recordChanges(Serializable snapshot, PersistentCollection<?> current, CaptureRegistry captures,
            UnitOfWork unit, SharedSessionContractImplementor session) {
        Set<Object> before = Collections.newSetFromMap(new IdentityHashMap<>());
        if (snapshot instanceof Map<?, ?> map) {
            before.addAll(map.values());
        } else if (snapshot instanceof List<?> list) {
            before.addAll(list);
        } else if (snapshot != null && snapshot.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(snapshot); i++) {
                before.add(Array.get(snapshot, i));
            }
        }
        Set<Object> after = Collections.newSetFromMap(new IdentityHashMap<>());
        if (current != null) {
            Iterator<?> entries = current.entries(persister);
            while (entries.hasNext()) {
                after.add(current.getElement(entries.next()));
            }
        }
        before.remove(null);
        after.remove(null);
        boolean changed = false;
        for (Object child : before) {
            if (!after.contains(child)) {
                changed |= touch(child, captures, unit, session);
            }
        }
        for (Object child : after) {
            if (!before.contains(child)) {
                changed |= touch(child, captures, unit, session);
            }
        }
        return changed;
    }

    /** Records a version of a child that moved; returns whether it gets one (a removed child's is its deletion). */
    private static boolean touch(Object child, CaptureRegistry captures, UnitOfWork unit,
            SharedSessionContractImplementor session) {
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(child);
        if (entry == null) {
            return false;
        }
        return CaptureRegistry.isRemoved(entry) || captures.recordCollectionChange(entry, child, null, unit, session);
    }
}
