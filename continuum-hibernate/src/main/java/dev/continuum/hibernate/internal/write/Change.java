package dev.continuum.hibernate.internal.write;

/**
 * The merged change of one key (an entity's {@link org.hibernate.engine.spi.EntityKey} or a
 * collection row's {@link RowKey}) in a {@link UnitOfWork}: what it becomes when a later event of
 * the key follows, whether writing it would record anything, and the version rows it writes.
 * Like Envers' work units, each kind carries its own merge rule: {@link StateChange} (inserts,
 * updates and deletes of an entity or a collection row, the {@link SubclassReplacement} of an
 * entity, the {@link OwnerVersion} caused by collection changes) and {@link BagCopies}.
 */
sealed interface Change permits StateChange, BagCopies {

    /**
     * Whether writing this change would record nothing new: an update whose final state equals the
     * state before the transaction, and whose causes (if any) all cancelled out.
     */
    default boolean isNoOp(UnitOfWork unit) {
        return false;
    }

    /** Adds the version rows this change writes to the rows of the transaction. */
    void addRows(TableRows rows);

    /**
     * This change with its insert told whether the key may have an earlier version to close: it
     * may when a deleted entity is re-created under its generated identifier, it cannot for the
     * rows of a collection whose owner was inserted in this transaction. Changes that are no
     * inserts close their key's open version anyway and stay as they are.
     */
    default Change withEarlierVersions(boolean possible) {
        return this;
    }

    /** Whether this is the insert of a key that cannot have history yet (a generated identifier, not re-created). */
    default boolean isFreshInsert() {
        return false;
    }
}
