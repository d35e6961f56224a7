package dev.continuum;

import java.util.Objects;
import java.util.Optional;

/**
 * How one property differs between a version and the version before it.
 *
 * @param <V> the property's type
 * @param oldValue the value before; empty when the property was null or the entity did not exist
 * @param newValue the value after; empty when the property became null or the entity was deleted
 */
public record PropertyChange<V>(Optional<V> oldValue, Optional<V> newValue) {

    /**
     * Creates a change.
     *
     * @throws NullPointerException if either component is null (use {@link Optional#empty()})
     */
    public PropertyChange {
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
    }

    /**
     * A change from {@code oldValue} to {@code newValue}, either of which may be null.
     *
     * @param <V> the property's type
     * @param oldValue the value before, or null
     * @param newValue the value after, or null
     * @return the change
     */
    public static <V> PropertyChange<V> of(V oldValue, V newValue) {
        return new PropertyChange<>(Optional.ofNullable(oldValue), Optional.ofNullable(newValue));
    }
}
