package dev.continuum;

import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a version changed compared with the version before it: for each versioned property whose
 * value differs, the old and the new value ({@link #asMap()}), and for each versioned collection
 * whose content differs, the elements added and removed ({@link #collections()}). The first
 * version of an entity (and a re-insert after a delete) shows every non-null property as changed
 * from nothing and every element of its collections as added; a delete version shows every
 * non-null property as changed to nothing and every element as removed. A version recorded only
 * because a collection changed holds just that collection's change. Immutable.
 *
 * @param <T> the entity type
 */
public final class Changeset<T> {

    private final Map<String, PropertyChange<?>> changes;
    private final Map<String, CollectionChange<?>> collections;

    /**
     * Creates a changeset of property values only, in the given iteration order.
     *
     * @param changes the changes by property name; copied
     */
    public Changeset(Map<String, PropertyChange<?>> changes) {
        this(changes, Map.of());
    }

    /**
     * Creates a changeset of property values and collections, each in the given iteration order.
     *
     * @param changes the changes of values by property name; copied
     * @param collections the changes of collections by property name; copied
     */
    public Changeset(Map<String, PropertyChange<?>> changes, Map<String, CollectionChange<?>> collections) {
        this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        this.collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    /**
     * The changes of property values (basic, embedded, to-one) by property name, in the entity's
     * attribute order; collections are in {@link #collections()}.
     *
     * @return an unmodifiable map, empty when no value changed
     */
    public Map<String, PropertyChange<?>> asMap() {
        return changes;
    }

    /**
     * The changes of collections by property name, in the entity's attribute order.
     *
     * @return an unmodifiable map, empty when no collection changed
     */
    public Map<String, CollectionChange<?>> collections() {
        return collections;
    }

    /**
     * The names of the properties that changed: those whose value changed, then the collections
     * that changed.
     *
     * @return an unmodifiable set, empty when nothing changed
     */
    public Set<String> properties() {
        Set<String> names = new LinkedHashSet<>(changes.keySet());
        names.addAll(collections.keySet());
        return Collections.unmodifiableSet(names);
    }

    /**
     * The change of one property's value, by name.
     *
     * @param property the property name
     * @return the change, or empty when the value did not change (or the property is not versioned,
     *         or is a collection: see {@link #collection(String)})
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
     * The change of one collection, by name.
     *
     * @param property the name of the collection property
     * @return the elements added and removed, or empty when the collection did not change (or is
     *         not versioned)
     */
    public Optional<CollectionChange<?>> collection(String property) {
        return Optional.ofNullable(collections.get(property));
    }

    /**
     * The change of one collection, typed through the JPA static metamodel, for example
     * {@code changeset.collection(Article_.tags)}. For a map the elements are its entries.
     *
     * @param <E> the element type
     * @param attribute the collection attribute of the entity (or of a supertype)
     * @return the elements added and removed, or empty when the collection did not change (or is
     *         not versioned)
     */
    @SuppressWarnings("unchecked")
    public <E> Optional<CollectionChange<E>> collection(PluralAttribute<? super T, ?, E> attribute) {
        return Optional.ofNullable((CollectionChange<E>) collections.get(attribute.getName()));
    }

    /**
     * Whether the property (a value or a collection) changed.
     *
     * @param property the property name
     * @return true when the changeset holds a change of it
     */
    public boolean contains(String property) {
        return changes.containsKey(property) || collections.containsKey(property);
    }

    /**
     * Whether nothing changed: no value and no collection.
     *
     * @return true for an empty changeset
     */
    public boolean isEmpty() {
        return changes.isEmpty() && collections.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Changeset<?> that && changes.equals(that.changes) && collections.equals(that.collections);
    }

    @Override
    public int hashCode() {
        return 31 * changes.hashCode() + collections.hashCode();
    }

    @Override
    public String toString() {
        return collections.isEmpty() ? "Changeset" + changes : "Changeset" + changes + collections;
    }
}
