package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.ActivityEntry;

import org.hibernate.engine.spi.EntityKey;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The versioned changes of one database transaction of one session, one {@link Change} per
 * entity (by its {@link EntityKey}) and per collection row (by its {@link RowKey}), each event
 * merged into the change of its key by the change's own rule; written when the transaction
 * completes (after the last flush, before commit) and dropped after it. Memory is proportional to
 * the rows that changed; under {@code continuum.write_at=flush} each flush writes and forgets its
 * changes, so memory is proportional to the rows one flush changed.
 */
final class UnitOfWork implements BeforeCompletionCallback, AfterCompletionCallback {

    private final VersioningRuntime runtime;
    private final Map<Object, Change> changes = new LinkedHashMap<>();
    /** Rows read before a stateless delete or upsert ran, by entity key; a null value: there was no row. */
    private final Map<Object, Object[]> storedBefore = new HashMap<>();
    /** The activities recorded in the transaction, in order. */
    private final List<ActivityEntry> activities = new ArrayList<>();
    /** Under flush writes: the id of the transaction row an earlier flush wrote, or 0 when none did. */
    private long transactionId;
    /** Under flush writes: the entity types recorded in {@code transaction_changes} so far (at most one per type). */
    private Set<String> recordedEntities;
    /** Under flush writes: the version tables written so far (at most one entry per table). */
    private final Set<VersionTableWriter> writtenTables = new LinkedHashSet<>();
    /** Under flush writes: whether a later flush removed versions an earlier flush wrote. */
    private boolean cancelled;

    UnitOfWork(VersioningRuntime runtime) {
        this.runtime = runtime;
    }

    /** Keeps the row of {@code key} as stored before a write whose event does not carry it (null: no row). */
    void storedBefore(Object key, Object[] values) {
        storedBefore.put(key, values);
    }

    /** The row kept by {@link #storedBefore} for {@code key}, forgotten now; null when none or no row. */
    Object[] takeStoredBefore(Object key) {
        return storedBefore.remove(key);
    }

    void inserted(Object key, Capture capture, Object[] values) {
        changes.compute(key, (k, change) -> change == null ? StateChange.inserted(capture, values)
                : ((StateChange) change).thenInserted(capture, values));
    }

    /** Records an update to {@code values} from {@code initial}, the state the update started from (null when unknown). */
    void updated(Object key, Capture capture, Object[] values, Object[] initial) {
        changes.compute(key, (k, change) -> change == null ? new StateChange.Updated(capture, values, initial)
                : ((StateChange) change).thenUpdated(capture, values, initial));
    }

    void deleted(Object key, Capture capture, Object[] values) {
        changes.compute(key, (k, change) -> change == null ? new StateChange.Deleted(capture, values, values)
                : ((StateChange) change).thenDeleted(capture, values));
    }

    /** Records that an element of a bag went from {@code before} to {@code after} copies (see {@link BagCopies}). */
    void copiesChanged(RowKey key, CollectionCapture collection, Object[] values, int before, int after) {
        changes.compute(key, (k, change) -> change == null ? BagCopies.of(collection, values, before, after)
                : ((BagCopies) change).then(after));
    }

    /**
     * Records that the collections of an entity changed: its version in this transaction is
     * written even when none of its own properties changed (see {@link OwnerVersion}).
     * {@code state} captures the entity's current state; it is called only when the entity has no
     * change yet. {@code causes} are the keys of the collection rows that changed, or null when
     * the change counts whatever happens to them. When the entity has no change of its own, its
     * live row is locked now (see {@link OwnerLock}): before the collection's own statements, whose
     * foreign key checks take shared locks on it that a later exclusive lock would have to upgrade.
     */
    void collectionsChanged(EntityKey key, EntityCapture capture, Supplier<Object[]> state, List<?> causes,
            SharedSessionContractImplementor session) {
        Change change = changes.get(key);
        if (change instanceof OwnerVersion owner) {
            owner.addCauses(causes);
        } else if (change == null) {
            StateChange.Unchanged own = new StateChange.Unchanged(capture, state.get());
            changes.put(key, new OwnerVersion(own, causes));
            capture.ownerLock().lock(session, own.initial());
        } else {
            changes.put(key, new OwnerVersion((StateChange) change, causes));
        }
    }

    /**
     * Marks the inserted rows among {@code keys} as rows of an owner inserted in this transaction
     * under a generated identifier: they cannot have an earlier version to close.
     */
    void freshOwner(List<?> keys) {
        for (Object key : keys) {
            changes.computeIfPresent(key, (k, change) -> change.withEarlierVersions(false));
        }
    }

    /**
     * Marks the insert of {@code key} as the re-creation of an entity deleted earlier (a revert of
     * a deletion), so that its deleted version is closed even for a generated identifier.
     */
    void recreated(Object key) {
        changes.computeIfPresent(key, (k, change) -> change.withEarlierVersions(true));
    }

    /**
     * Whether {@code key} is an entity inserted in this transaction under an identifier its
     * generator produced, so that nothing of it, its collection rows included, has history yet.
     */
    boolean isFreshInsert(Object key) {
        Change change = changes.get(key);
        return change != null && change.isFreshInsert();
    }

    /** The change recorded under {@code key}, or null. */
    Change change(Object key) {
        return changes.get(key);
    }

    /** Every recorded change, in the order their keys first changed. */
    Collection<Change> changes() {
        return changes.values();
    }

    /** Adds an activity, written with the transaction's history. */
    void activity(ActivityEntry activity) {
        activities.add(activity);
    }

    /** The activities recorded in the transaction, in the order they were recorded. */
    List<ActivityEntry> activities() {
        return activities;
    }

    /** Under flush writes: forgets the changes once a flush wrote their versions. */
    void forgetChanges() {
        changes.clear();
    }

    /** Under flush writes: the id of the transaction row written at an earlier flush, or 0. */
    long transactionId() {
        return transactionId;
    }

    void transactionId(long id) {
        this.transactionId = id;
    }

    /** Under flush writes: the entity types the transaction recorded as changed so far. */
    Set<String> recordedEntities() {
        if (recordedEntities == null) {
            recordedEntities = new HashSet<>();
        }
        return recordedEntities;
    }

    /** Under flush writes: the version tables the transaction wrote rows into so far. */
    Set<VersionTableWriter> writtenTables() {
        return writtenTables;
    }

    /** Under flush writes: whether a later flush removed versions that an earlier one wrote. */
    boolean cancelled() {
        return cancelled;
    }

    void cancelled(boolean removed) {
        this.cancelled |= removed;
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
