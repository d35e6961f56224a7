package dev.continuum.hibernate.internal.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The version of an entity whose collections changed (when it is versioned on collection
 * changes, the default): written even when none of its own properties changed, unless the
 * collection row changes that caused it all cancelled out by the end of the transaction. It wraps
 * the entity's own change ({@link StateChange.Unchanged} while it has none), into which the
 * entity's events keep merging; the causes stay with it, but for an insert that starts the key
 * afresh (over anything but a deletion).
 */
final class OwnerVersion implements StateChange {

    private StateChange own;
    /**
     * The keys of the collection rows whose changes cause this version; null when it is written
     * whatever happens to them (a join-column child that moved).
     */
    private List<Object> causes;

    OwnerVersion(StateChange own, List<?> causes) {
        this.own = own;
        this.causes = causes == null ? null : new ArrayList<>(causes);
    }

    /** Adds the causes of another collection change of the entity (null: written whatever happens to them). */
    void addCauses(List<?> more) {
        if (more == null) {
            causes = null;
        } else if (causes != null) {
            causes.addAll(more);
        }
    }

    @Override
    public Object[] initial() {
        return own.initial();
    }

    @Override
    public StateChange thenInserted(Capture capture, Object[] values) {
        StateChange next = own.thenInserted(capture, values);
        if (next instanceof Inserted) {
            return next;
        }
        own = next;
        return this;
    }

    @Override
    public StateChange thenUpdated(Capture capture, Object[] values, Object[] initial) {
        own = own.thenUpdated(capture, values, initial);
        return this;
    }

    @Override
    public StateChange thenDeleted(Capture capture, Object[] values) {
        StateChange next = own.thenDeleted(capture, values);
        if (next == null) {
            return null;
        }
        own = next;
        return this;
    }

    @Override
    public StateChange withEarlierVersions(boolean possible) {
        own = own.withEarlierVersions(possible);
        return this;
    }

    @Override
    public boolean isFreshInsert() {
        return own.isFreshInsert();
    }

    @Override
    public boolean isNoOp(UnitOfWork unit) {
        if (!own.isNoOp(unit) || causes == null) {
            return false;
        }
        for (Object cause : causes) {
            Change row = unit.change(cause);
            if (row != null && row != this && !row.isNoOp(unit)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void addRows(TableRows rows) {
        own.addRows(rows);
    }
}
