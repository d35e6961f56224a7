package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

/**
 * A change that the insert, update and delete events of its key, an entity's or a collection
 * row's, merge into: insert+update = insert with the final state; insert+delete = nothing;
 * update+update = update; update+delete = delete (with the last state); delete+insert = update,
 * or a {@link SubclassReplacement} when an entity of another subclass takes the identifier. The
 * state before the transaction travels along, so that an update back to it writes nothing. The
 * defaults are the rules most kinds share; each kind overrides where its own rule differs.
 */
sealed interface StateChange extends Change
        permits StateChange.Inserted, StateChange.Updated, StateChange.Deleted, StateChange.Unchanged,
        SubclassReplacement, OwnerVersion {

    /** The first change of a key: an insert. */
    static StateChange inserted(Capture capture, Object[] values) {
        return new Inserted(capture, values, capture.idsCanBeReused());
    }

    /**
     * The key's state before the transaction, for an update to compare with; null when it had
     * none (an insert) or it is not compared (an unknown state, another subclass's entity).
     */
    default Object[] initial() {
        return null;
    }

    /** This change followed by an insert of {@code values}: unless it is a deletion, the insert starts the key afresh. */
    default StateChange thenInserted(Capture capture, Object[] values) {
        return inserted(capture, values);
    }

    /** This change followed by an update to {@code values} from {@code initial}, the state the update started from. */
    default StateChange thenUpdated(Capture capture, Object[] values, Object[] initial) {
        return new Updated(capture, values, initial());
    }

    /** This change followed by a delete of the key, {@code values} its last state; null when nothing remains. */
    default StateChange thenDeleted(Capture capture, Object[] values) {
        return new Deleted(capture, values, initial());
    }

    @Override
    default StateChange withEarlierVersions(boolean possible) {
        return this;
    }

    /**
     * An insert (possibly updated since, with the final state).
     *
     * @param closesEarlier whether the key may have an earlier version to close first (see
     *        {@link Change#withEarlierVersions})
     */
    record Inserted(Capture capture, Object[] values, boolean closesEarlier) implements StateChange {

        @Override
        public StateChange thenUpdated(Capture next, Object[] nextValues, Object[] nextInitial) {
            return new Inserted(next, nextValues, closesEarlier);
        }

        @Override
        public StateChange thenDeleted(Capture next, Object[] nextValues) {
            return null;
        }

        @Override
        public StateChange withEarlierVersions(boolean possible) {
            return new Inserted(capture, values, possible);
        }

        @Override
        public boolean isFreshInsert() {
            return !closesEarlier;
        }

        @Override
        public void addRows(TableRows rows) {
            rows.addToEach(capture.tables(), values, Operation.INSERT, closesEarlier);
        }
    }

    /**
     * An update to {@code values}; written unless {@code values} equal {@code initial}.
     *
     * @param initial the state before the transaction, or null when the event did not tell it (the
     *        update is written whatever its final state)
     */
    record Updated(Capture capture, Object[] values, Object[] initial) implements StateChange {

        @Override
        public boolean isNoOp(UnitOfWork unit) {
            return initial != null && capture.sameValues(values, initial);
        }

        @Override
        public void addRows(TableRows rows) {
            rows.addToEach(capture.tables(), values, initial, Operation.UPDATE, true);
        }
    }

    /** A delete, {@code values} the last state; an insert of the key that follows is an update. */
    record Deleted(Capture capture, Object[] values, Object[] initial) implements StateChange {

        @Override
        public StateChange thenInserted(Capture next, Object[] nextValues) {
            // an entity of another subclass differs in its columns: never compared, always written
            return next == capture ? new Updated(next, nextValues, initial)
                    : new SubclassReplacement(this, next, nextValues);
        }

        @Override
        public void addRows(TableRows rows) {
            boolean unchanged = initial != null && (initial == values || capture.sameValues(values, initial));
            rows.addDeletedToEach(capture.tables(), values, initial, unchanged);
        }
    }

    /**
     * The state of an entity that had no event of its own in this transaction, only changes of
     * its collections (inside an {@link OwnerVersion}): an update that changes nothing itself. Its
     * first update event is compared with the state that event started from, as any first update.
     *
     * @param initial the entity's state as loaded, which is its state before the transaction
     */
    record Unchanged(EntityCapture capture, Object[] initial) implements StateChange {

        @Override
        public StateChange thenUpdated(Capture next, Object[] nextValues, Object[] eventInitial) {
            return new Updated(next, nextValues, eventInitial);
        }

        @Override
        public boolean isNoOp(UnitOfWork unit) {
            return true;
        }

        @Override
        public void addRows(TableRows rows) {
            rows.addToEach(capture.tables(), initial, initial, Operation.UPDATE, true);
        }
    }
}
