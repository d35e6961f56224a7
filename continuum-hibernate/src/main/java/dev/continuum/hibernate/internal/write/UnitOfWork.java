package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The versioned changes of one database transaction of one session, merged per entity (by its
 * {@link EntityKey}) and per collection row (by its {@link CollectionVersionWriter.RowKey}), written
 * when the transaction completes (after the last flush, before commit) and dropped after it.
 * Memory is proportional to the rows that changed.
 *
 * <p>Merging, per entity or collection row: insert+update = insert with the final state;
 * insert+delete = nothing; update+update = update; update+delete = delete; delete+insert =
 * update. An update whose final state equals the state before the transaction writes nothing, so
 * a collection row removed and added again in one transaction writes nothing. A delete+insert
 * whose insert is of another subclass keeps the deletion as {@link Change#replaced}.
 */
final class UnitOfWork implements BeforeCompletionCallback, AfterCompletionCallback {

    /** One entity's or collection row's merged change: what to write, and the state it started from (for updates). */
    static final class Change {
        ChangeWriter writer;
        Operation operation;
        Object[] values;
        Object[] initial;
        /** Set when the owner's collections changed and the owner is versioned on collection changes. */
        boolean collectionsChanged;
        /** Set while the change exists only because of collection changes (no event of the entity itself). */
        boolean collectionsOnly;
        /**
         * The collection rows whose changes make this owner change worth writing; null when the
         * collection change counts whatever happens to its rows (a join-column child that moved).
         */
        List<Object> causes;
        /**
         * Set when an insert re-creates an entity under an identifier it had before (a revert of a
         * deletion), so its earlier, deleted version must be closed even for a generated identifier.
         */
        boolean recreated;
        /**
         * Set on a collection row added to an owner inserted in this transaction under a generated
         * identifier: such a row cannot have an earlier version to close.
         */
        boolean freshOwner;
        /**
         * The deletion this change replaced when an entity was deleted and another entity of a
         * different subclass was inserted under its identifier: the old class's own tables record
         * it, the new class's own tables the insert, the tables both share one update. Null
         * otherwise.
         */
        Change replaced;
        /**
         * For an element of a bag: its number of copies when the transaction started, and now;
         * -1 for every other change.
         */
        int copiesBefore = -1;
        int copies = -1;

        Change(ChangeWriter writer, Operation operation, Object[] values, Object[] initial) {
            this.writer = writer;
            this.operation = operation;
            this.values = values;
            this.initial = initial;
        }

        private Change copy() {
            Change copy = new Change(writer, operation, values, initial);
            copy.recreated = recreated;
            return copy;
        }
    }

    /**
     * Whether writing a change would record nothing new: an update whose final state equals its
     * initial state, and whose collection changes (if any) all cancelled out.
     */
    boolean isNoOp(Change change) {
        if (change.copiesBefore >= 0) {
            return change.copies == change.copiesBefore;
        }
        if (change.operation != Operation.UPDATE) {
            return false;
        }
        boolean unchanged = change.collectionsOnly
                || change.initial != null && change.writer.sameValues(change.values, change.initial);
        if (!unchanged || !change.collectionsChanged) {
            return unchanged;
        }
        if (change.causes == null) {
            return false;
        }
        for (Object cause : change.causes) {
            Change row = changes.get(cause);
            if (row != null && row != change && !isNoOp(row)) {
                return false;
            }
        }
        return true;
    }

    private final VersioningRuntime runtime;
    private final Map<Object, Change> changes = new LinkedHashMap<>();

    UnitOfWork(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    void inserted(Object key, ChangeWriter writer, Object[] values) {
        Change existing = changes.get(key);
        if (existing != null && existing.operation == Operation.DELETE) {
            if (existing.writer != writer) {
                // another subclass takes the identifier: the rows differ in their columns, so never a no-op
                existing.replaced = existing.copy();
                existing.initial = null;
            }
            existing.writer = writer;
            existing.operation = Operation.UPDATE;
            existing.values = values;
        } else {
            changes.put(key, new Change(writer, Operation.INSERT, values, null));
        }
    }

    void updated(Object key, ChangeWriter writer, Object[] values, Object[] initial) {
        Change existing = changes.get(key);
        if (existing == null) {
            changes.put(key, new Change(writer, Operation.UPDATE, values, initial));
        } else {
            if (existing.collectionsOnly) {
                existing.collectionsOnly = false;
                existing.initial = initial;
            }
            existing.writer = writer;
            existing.values = values;
            if (existing.operation == Operation.DELETE) {
                existing.operation = Operation.UPDATE;
            }
        }
    }

    void deleted(Object key, ChangeWriter writer, Object[] values) {
        Change existing = changes.get(key);
        if (existing == null) {
            changes.put(key, new Change(writer, Operation.DELETE, values, values));
        } else if (existing.operation == Operation.INSERT) {
            changes.remove(key);
        } else if (existing.replaced != null) {
            // the entity that took the identifier of a deleted one of another subclass is gone too:
            // what remains is the first deletion
            changes.put(key, existing.replaced);
        } else {
            existing.writer = writer;
            existing.operation = Operation.DELETE;
            existing.values = values;
        }
    }

    /**
     * Records that an element of a bag went from {@code before} to {@code after} copies. A bag's
     * copies of an element are equal rows that cannot be told apart, so the writer adds one row
     * per copy added and leaves the others open; when copies are removed it closes every open row
     * of the element and writes one row per removed copy (delete) and per remaining copy
     * (update). Compared with the number of copies when the transaction started, so a copy added
     * and removed again writes nothing.
     */
    void copiesChanged(Object key, ChangeWriter writer, Object[] values, int before, int after) {
        Change change = changes.get(key);
        if (change == null) {
            change = new Change(writer, Operation.UPDATE, values, values);
            change.copiesBefore = before;
            changes.put(key, change);
        }
        change.copies = after;
        change.operation = change.copiesBefore == 0 ? Operation.INSERT
                : after == 0 ? Operation.DELETE : Operation.UPDATE;
    }

    /**
     * Records that the collections of an owner changed: its version in this transaction is written
     * even when none of its own properties changed. {@code state} captures the owner's current
     * state; it is called only when the owner has no change yet. {@code causes} are the keys of
     * the collection rows that changed (the owner's version is dropped when all of them cancel
     * out), or null when the change counts whatever happens to them.
     */
    void collectionsChanged(EntityKey key, EntityWriter writer, Supplier<Object[]> state, List<?> causes) {
        Change change = changes.get(key);
        if (change == null) {
            change = new Change(writer, Operation.UPDATE, state.get(), null);
            change.collectionsOnly = true;
            change.causes = new ArrayList<>();
            changes.put(key, change);
        } else if (!change.collectionsChanged) {
            change.causes = new ArrayList<>();
        }
        change.collectionsChanged = true;
        if (causes == null) {
            change.causes = null;
        } else if (change.causes != null) {
            change.causes.addAll(causes);
        }
    }

    /** Whether the entity has a recorded change in this transaction. */
    boolean hasChange(EntityKey key) {
        return changes.containsKey(key);
    }

    Map<Object, Change> changes() {
        return changes;
    }

    /**
     * Whether {@code key} is an entity inserted in this transaction under an identifier its
     * generator produced, so that nothing of it, its collection rows included, has history yet.
     */
    boolean isFreshInsert(Object key) {
        Change change = changes.get(key);
        return change != null && change.operation == Operation.INSERT && !change.recreated
                && !change.writer.idsCanBeReused();
    }

    /** Marks the inserted rows among {@code keys} as rows of a fresh owner (see {@link Change#freshOwner}). */
    void freshOwner(List<?> keys) {
        for (Object key : keys) {
            Change change = changes.get(key);
            if (change != null && change.operation == Operation.INSERT) {
                change.freshOwner = true;
            }
        }
    }

    /** Marks the insert of {@code key} as the re-creation of an entity deleted earlier. */
    void recreated(Object key) {
        Change change = changes.get(key);
        if (change != null) {
            change.recreated = true;
        }
    }

    @Override
    public void doBeforeTransactionCompletion(SharedSessionContractImplementor session) {
        runtime.write(this, session);
    }

    @Override
    public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor session) {
        runtime.release(session);
    }
}
