package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

import java.util.HashSet;
import java.util.Set;

/**
 * An entity deleted, and an entity of another subclass inserted under its identifier in the same
 * transaction: still one change of the entity, but each version table records what happened to
 * its own rows. The tables both classes write (the SINGLE_TABLE table, the JOINED root and the
 * levels of common superclasses) get one update with the new state; the tables of the old class
 * only a delete with its last state; those of the new class only an insert, which closes any
 * earlier version too, since the identifier was in use before.
 *
 * @param replaced the deletion of the old entity, which is what remains if the new one is deleted again
 * @param capture the new entity's capture
 * @param values the new entity's state
 */
record SubclassReplacement(StateChange.Deleted replaced, Capture capture, Object[] values) implements StateChange {

    /** The new entity deleted again: what remains is the old one's deletion. */
    @Override
    public StateChange thenDeleted(Capture next, Object[] nextValues) {
        return replaced;
    }

    @Override
    public StateChange thenUpdated(Capture next, Object[] nextValues, Object[] initial) {
        return new SubclassReplacement(replaced, next, nextValues);
    }

    @Override
    public void addRows(TableRows rows) {
        Set<String> before = new HashSet<>();
        replaced.capture().tables().forEach(table -> before.add(table.tableName()));
        Set<String> after = new HashSet<>();
        capture.tables().forEach(table -> after.add(table.tableName()));
        for (VersionTableWriter table : replaced.capture().tables()) {
            if (!after.contains(table.tableName())) {
                rows.add(table, replaced.values(), replaced.values(), Operation.DELETE, true);
            }
        }
        for (VersionTableWriter table : capture.tables()) {
            rows.add(table, values, before.contains(table.tableName()) ? Operation.UPDATE : Operation.INSERT, true);
        }
    }
}
