package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

/**
 * A change of the number of copies of one element of a bag, from {@code before} (when the
 * transaction started) to {@code after}. A bag's copies of an element are equal rows that cannot
 * be told apart, so one row is written per copy added, leaving the open ones open; when copies are
 * removed, every open row of the element is closed and one row written per remaining copy (update)
 * and per removed copy (delete). Compared with the copies at the start, a copy added and removed
 * again writes nothing. Under the subquery strategy, which stores no ends, copies added also
 * write the element's remaining copies again (update), so that the rows of an element's latest
 * transaction are its copies.
 *
 * @param closesEarlier whether the element's open rows are closed when it had no copy (they are
 *        removals then); not for a collection whose owner was inserted in this transaction
 */
record BagCopies(CollectionCapture collection, Object[] values, int before, int after, boolean closesEarlier)
        implements Change {

    /** The first change of an element's copies. */
    static BagCopies of(CollectionCapture collection, Object[] values, int before, int after) {
        return new BagCopies(collection, values, before, after, true);
    }

    /** This change followed by another change of the element's copies, to {@code now}. */
    BagCopies then(int now) {
        return new BagCopies(collection, values, before, now, closesEarlier);
    }

    @Override
    public boolean isNoOp(UnitOfWork unit) {
        return after == before;
    }

    @Override
    public Change withEarlierVersions(boolean possible) {
        // only an element that had no copy is an insert
        return before == 0 ? new BagCopies(collection, values, before, after, possible) : this;
    }

    @Override
    public void addRows(TableRows rows) {
        VersionTableWriter table = collection.table();
        if (after > before) {
            boolean close = before == 0 && closesEarlier;
            // without stored ends (the subquery strategy) an element's rows of its latest transaction
            // are all its copies, so the copies it had are written again with the added ones
            int first = table.closesVersions() ? before : 0;
            for (int i = first; i < after; i++) {
                rows.add(table, values, i < before ? Operation.UPDATE : Operation.INSERT, close && i == before);
            }
            return;
        }
        for (int i = 0; i < before; i++) {
            rows.add(table, values, i < after ? Operation.UPDATE : Operation.DELETE, i == 0);
        }
    }
}
