package dev.continuum.hibernate.internal.write;

import java.util.Arrays;

/**
 * The identity of one collection row in a unit of work: its collection and the values of its
 * identity columns (the owner's key, and the element or the index).
 */
final class RowKey {

    private final CollectionCapture collection;
    private final Object[] identity;
    private final int hash;

    RowKey(CollectionCapture collection, Object[] identity) {
        this.collection = collection;
        this.identity = identity;
        this.hash = 31 * collection.hashCode() + Arrays.deepHashCode(identity);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKey that && that.collection == collection && Arrays.deepEquals(that.identity, identity);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
