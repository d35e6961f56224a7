package dev.continuum;

import java.util.Objects;

/**
 * One change of one property in an entity's history: in which transaction (when, by whom), by
 * which operation, and from what to what. Returned by
 * {@link VersionHistory#propertyHistory(Class, Object, String)}.
 *
 * @param <V> the property's type
 * @param transaction the transaction that made the change
 * @param operation whether the entity was inserted, updated or deleted in that transaction
 * @param change the old and the new value
 */
public record PropertyRevision<V>(Transaction transaction, Operation operation,
        PropertyChange<V> change) {

    /**
     * Creates a revision.
     *
     * @throws NullPointerException if a component is null
     */
    public PropertyRevision {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(change, "change");
    }
}
