package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.CollectionClassification;

import java.io.Serializable;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The collections of snapshots whose content is read on first use: plain {@code java.util}
 * interfaces (list, set, sorted set, map, sorted map) delegating every method, equality, hash code
 * and string form included, to a plain collection ({@code ArrayList}, {@code LinkedHashSet},
 * {@code TreeSet}, {@code LinkedHashMap}, {@code TreeMap}) that their loader fills. A loader
 * fills the collections of a whole batch at once (see {@link RelationReader}); once filled a
 * collection behaves like its content, mutable like it, and serializes as it.
 */
final class LazyCollections {

    private LazyCollections() {
    }

    /**
     * A lazy collection of the kind of a collection attribute that a field of type
     * {@code declared} can hold, or null when there is none (arrays, custom collection types):
     * such attributes are read eagerly.
     *
     * @param loader fills the returned collection (and the others of its batch) by {@link Lazy#fill}
     */
    static Lazy<?> of(CollectionClassification kind, Class<?> declared, Runnable loader) {
        Lazy<?> lazy = switch (kind) {
            case LIST, BAG, ID_BAG -> new LazyList<>(loader);
            case SET, ORDERED_SET -> new LazySet<>(loader);
            case SORTED_SET -> new LazySortedSet<>(loader);
            case MAP, ORDERED_MAP -> new LazyMap<>(loader);
            case SORTED_MAP -> new LazySortedMap<>(loader);
            default -> null;
        };
        return lazy != null && declared.isInstance(lazy) ? lazy : null;
    }

    /**
     * Content read on first use.
     *
     * @param <D> the type of the content
     */
    abstract static class Lazy<D> implements Serializable {

        private transient Runnable loader;
        private D content;

        Lazy(Runnable loader) {
            this.loader = loader;
        }

        /** The content, read first if it is not yet; the loader's exceptions propagate and leave it unread. */
        final D content() {
            if (content == null) {
                loader.run();
                if (content == null) {
                    throw new IllegalStateException("The loader of a lazy collection did not fill it");
                }
            }
            return content;
        }

        /** Sets the content: a plain collection of the kind this lazy collection presents. */
        @SuppressWarnings("unchecked")
        final void fill(Object value) {
            this.content = (D) value;
            this.loader = null;
        }

        /** Whether the content has been read. */
        final boolean isLoaded() {
            return content != null;
        }

        /** Serialized as its content, so a deserialized snapshot holds plain collections. */
        final Object writeReplace() {
            return content();
        }

        @Override
        public final boolean equals(Object other) {
            return other == this || content().equals(other);
        }

        @Override
        public final int hashCode() {
            return content().hashCode();
        }

        @Override
        public final String toString() {
            return content().toString();
        }
    }

    /** A collection of elements read on first use: the methods of {@link Collection}. */
    abstract static class LazyCollection<E, C extends Collection<E>> extends Lazy<C> implements Collection<E> {

        LazyCollection(Runnable loader) {
            super(loader);
        }

        @Override
        public int size() {
            return content().size();
        }

        @Override
        public boolean isEmpty() {
            return content().isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return content().contains(o);
        }

        @Override
        public Iterator<E> iterator() {
            return content().iterator();
        }

        @Override
        public Object[] toArray() {
            return content().toArray();
        }

        @Override
        public <A> A[] toArray(A[] a) {
            return content().toArray(a);
        }

        @Override
        public boolean add(E e) {
            return content().add(e);
        }

        @Override
        public boolean remove(Object o) {
            return content().remove(o);
        }

        @Override
        public boolean containsAll(Collection<?> c) {
            return content().containsAll(c);
        }

        @Override
        public boolean addAll(Collection<? extends E> c) {
            return content().addAll(c);
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            return content().removeAll(c);
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            return content().retainAll(c);
        }

        @Override
        public boolean removeIf(Predicate<? super E> filter) {
            return content().removeIf(filter);
        }

        @Override
        public void clear() {
            content().clear();
        }

        @Override
        public void forEach(Consumer<? super E> action) {
            content().forEach(action);
        }

        @Override
        public Spliterator<E> spliterator() {
            return content().spliterator();
        }
    }

    /** A list (or bag) read on first use. */
    static final class LazyList<E> extends LazyCollection<E, List<E>> implements List<E>, RandomAccess {

        LazyList(Runnable loader) {
            super(loader);
        }

        @Override
        public boolean addAll(int index, Collection<? extends E> c) {
            return content().addAll(index, c);
        }

        @Override
        public E get(int index) {
            return content().get(index);
        }

        @Override
        public E set(int index, E element) {
            return content().set(index, element);
        }

        @Override
        public void add(int index, E element) {
            content().add(index, element);
        }

        @Override
        public E remove(int index) {
            return content().remove(index);
        }

        @Override
        public int indexOf(Object o) {
            return content().indexOf(o);
        }

        @Override
        public int lastIndexOf(Object o) {
            return content().lastIndexOf(o);
        }

        @Override
        public ListIterator<E> listIterator() {
            return content().listIterator();
        }

        @Override
        public ListIterator<E> listIterator(int index) {
            return content().listIterator(index);
        }

        @Override
        public List<E> subList(int fromIndex, int toIndex) {
            return content().subList(fromIndex, toIndex);
        }

        @Override
        public void replaceAll(UnaryOperator<E> operator) {
            content().replaceAll(operator);
        }

        @Override
        public void sort(Comparator<? super E> c) {
            content().sort(c);
        }
    }

    /** A set read on first use. */
    static class LazySet<E> extends LazyCollection<E, Set<E>> implements Set<E> {

        LazySet(Runnable loader) {
            super(loader);
        }
    }

    /** A sorted set read on first use. */
    static final class LazySortedSet<E> extends LazySet<E> implements SortedSet<E> {

        LazySortedSet(Runnable loader) {
            super(loader);
        }

        private SortedSet<E> sorted() {
            return (SortedSet<E>) content();
        }

        @Override
        public Comparator<? super E> comparator() {
            return sorted().comparator();
        }

        @Override
        public SortedSet<E> subSet(E fromElement, E toElement) {
            return sorted().subSet(fromElement, toElement);
        }

        @Override
        public SortedSet<E> headSet(E toElement) {
            return sorted().headSet(toElement);
        }

        @Override
        public SortedSet<E> tailSet(E fromElement) {
            return sorted().tailSet(fromElement);
        }

        @Override
        public E first() {
            return sorted().first();
        }

        @Override
        public E last() {
            return sorted().last();
        }

        @Override
        public Spliterator<E> spliterator() {
            return sorted().spliterator();
        }
    }

    /** A map read on first use. */
    static class LazyMap<K, V> extends Lazy<Map<K, V>> implements Map<K, V> {

        LazyMap(Runnable loader) {
            super(loader);
        }

        @Override
        public int size() {
            return content().size();
        }

        @Override
        public boolean isEmpty() {
            return content().isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return content().containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return content().containsValue(value);
        }

        @Override
        public V get(Object key) {
            return content().get(key);
        }

        @Override
        public V getOrDefault(Object key, V defaultValue) {
            return content().getOrDefault(key, defaultValue);
        }

        @Override
        public V put(K key, V value) {
            return content().put(key, value);
        }

        @Override
        public V remove(Object key) {
            return content().remove(key);
        }

        @Override
        public void putAll(Map<? extends K, ? extends V> m) {
            content().putAll(m);
        }

        @Override
        public void clear() {
            content().clear();
        }

        @Override
        public Set<K> keySet() {
            return content().keySet();
        }

        @Override
        public Collection<V> values() {
            return content().values();
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return content().entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super K, ? super V> action) {
            content().forEach(action);
        }
    }

    /** A sorted map read on first use. */
    static final class LazySortedMap<K, V> extends LazyMap<K, V> implements SortedMap<K, V> {

        LazySortedMap(Runnable loader) {
            super(loader);
        }

        private SortedMap<K, V> sorted() {
            return (SortedMap<K, V>) content();
        }

        @Override
        public Comparator<? super K> comparator() {
            return sorted().comparator();
        }

        @Override
        public SortedMap<K, V> subMap(K fromKey, K toKey) {
            return sorted().subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<K, V> headMap(K toKey) {
            return sorted().headMap(toKey);
        }

        @Override
        public SortedMap<K, V> tailMap(K fromKey) {
            return sorted().tailMap(fromKey);
        }

        @Override
        public K firstKey() {
            return sorted().firstKey();
        }

        @Override
        public K lastKey() {
            return sorted().lastKey();
        }
    }
}
