package dev.continuum.hibernate.internal;

import dev.continuum.Operation;

import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versioned changes of one database transaction of one session, merged per entity, written
 * when the transaction completes (after the last flush, before commit) and dropped after it.
 *
 * <p>Merging, per entity: insert+update = insert with the final state; insert+delete = nothing;
 * update+update = update; update+delete = delete; delete+insert = update. An update whose final
 * state equals the state before the transaction writes nothing.
 */
final class UnitOfWork implements BeforeCompletionCallback, AfterCompletionCallback {

    /** One entity's merged change: what to write, and the state it started from (for updates). */
    static final class Change {
        EntityVersionWriter writer;
        Operation operation;
        Object[] values;
        Object[] initial;
        /**
         * Set when an insert re-creates an entity under an identifier it had before (a revert of a
         * deletion), so its earlier, deleted version must be closed even for a generated identifier.
         */
        boolean recreated;

        Change(EntityVersionWriter writer, Operation operation, Object[] values, Object[] initial) {
            this.writer = writer;
            this.operation = operation;
            this.values = values;
            this.initial = initial;
        }

        /** Whether writing this change would record nothing new. */
        boolean isNoOp() {
            return operation == Operation.UPDATE && initial != null && writer.sameValues(values, initial);
        }
    }

    private final VersioningRuntime runtime;
    private final Map<EntityKey, Change> changes = new LinkedHashMap<>();

    UnitOfWork(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    void inserted(EntityKey key, EntityVersionWriter writer, Object[] values) {
        Change existing = changes.get(key);
        if (existing != null && existing.operation == Operation.DELETE) {
            existing.writer = writer;
            existing.operation = Operation.UPDATE;
            existing.values = values;
        } else {
            changes.put(key, new Change(writer, Operation.INSERT, values, null));
        }
    }

    void updated(EntityKey key, EntityVersionWriter writer, Object[] values, Object[] initial) {
        Change existing = changes.get(key);
        if (existing == null) {
            changes.put(key, new Change(writer, Operation.UPDATE, values, initial));
        } else {
            existing.writer = writer;
            existing.values = values;
            if (existing.operation == Operation.DELETE) {
                existing.operation = Operation.UPDATE;
            }
        }
    }

    void deleted(EntityKey key, EntityVersionWriter writer, Object[] values) {
        Change existing = changes.get(key);
        if (existing == null) {
            changes.put(key, new Change(writer, Operation.DELETE, values, values));
        } else if (existing.operation == Operation.INSERT) {
            changes.remove(key);
        } else {
            existing.writer = writer;
            existing.operation = Operation.DELETE;
            existing.values = values;
        }
    }

    Map<EntityKey, Change> changes() {
        return changes;
    }

    /** Marks the insert of {@code key} as the re-creation of an entity deleted earlier. */
    void recreated(EntityKey key) {
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
