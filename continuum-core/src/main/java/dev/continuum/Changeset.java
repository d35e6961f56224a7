package dev.continuum;

import jakarta.persistence.metamodel.SingularAttribute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a version changed compared with the version before it: for each versioned property whose
 * value differs, the old and the new value. The first version of an entity (and a re-insert after
 * a delete) shows every non-null property as changed from nothing; a delete version shows every
 * non-null property as changed to nothing. Immutable.
 *
 * @param <T> the entity type
 */
public final class Changeset<T> {

    private final Map<String, PropertyChange<?>> changes;

    /**
     * Creates a changeset from property names to changes, in the given iteration order.
     *
     * @param changes the changes by property name; copied
     */
    public Changeset(Map<String, PropertyChange<?>> changes) {
        this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /**
     * All changes by property name, in the entity's attribute order.
     *
     * @return an unmodifiable map, empty when nothing changed
     */
    public Map<String, PropertyChange<?>> asMap() {
        return changes;
    }

    /**
     * The names of the properties that changed.
     *
     * @return an unmodifiable set, empty when nothing changed
     */
    public Set<String> properties() {
        return changes.keySet();
    }

    /**
     * The change of one property, by name.
     *
     * @param property the property name
     * @return the change, or empty when the property did not change (or is not versioned)
     */
    public Optional<PropertyChange<?>> get(String property) {
        return Optional.ofNullable(changes.get(property));
    }

    /**
     * The change of one property, typed through the JPA static metamodel, for example
     * {@code changeset.get(Article_.title)}.
     *
     * @param <V> the property's type
     * @param attribute the attribute of the entity (or of a supertype)
     * @return the change, or empty when the property did not change (or is not versioned)
     */
    @SuppressWarnings("unchecked")
    public <V> Optional<PropertyChange<V>> get(SingularAttribute<? super T, V> attribute) {
        return Optional.ofNullable((PropertyChange<V>) changes.get(attribute.getName()));
    }

    /**
     * Whether the property changed.
     *
     * @param property the property name
     * @return true when the changeset holds a change of it
     */
    public boolean contains(String property) {
        return changes.containsKey(property);
    }

    /**
     * Whether nothing changed.
     *
     * @return true for an empty changeset
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Changeset<?> that && changes.equals(that.changes);
    }

    @Override
    public int hashCode() {
        return changes.hashCode();
    }

    @Override
    public String toString() {
        return "Changeset" + changes;
    }
}
