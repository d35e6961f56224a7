package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.CollectionClassification;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A collection of a snapshot whose content is read on first use: a proxy of the {@code java.util}
 * interface of the attribute's kind (list, set, sorted set, map, sorted map) passing every call,
 * {@code equals}, {@code hashCode} and {@code toString} included, to a plain collection
 * ({@code ArrayList}, {@code LinkedHashSet}, {@code TreeSet}, {@code LinkedHashMap},
 * {@code TreeMap}) that its loader fills, together with those of a whole batch (see
 * {@link RelationResolver}). Once filled it behaves like its content, mutable like it, and
 * serializes as it.
 */
final class LazyCollection implements InvocationHandler {

    /** Lets serialization replace the proxy with its content: its {@code writeReplace} comes here. */
    interface SerializedAsContent extends Serializable {
        Object writeReplace() throws ObjectStreamException;
    }

    private final Object collection;
    private Runnable loader;
    private Object content;

    private LazyCollection(Class<?>[] interfaces, Runnable loader) {
        this.collection = Forwarding.proxy(LazyCollection.class, interfaces, this);
        this.loader = loader;
    }

    /** The interfaces a lazy collection of {@code kind} presents, or null when none does (arrays, custom types). */
    private static Class<?>[] interfaces(CollectionClassification kind) {
        return switch (kind) {
            case LIST, BAG, ID_BAG -> new Class<?>[] {List.class, RandomAccess.class, SerializedAsContent.class};
            case SET, ORDERED_SET -> new Class<?>[] {Set.class, SerializedAsContent.class};
            case SORTED_SET -> new Class<?>[] {SortedSet.class, SerializedAsContent.class};
            case MAP, ORDERED_MAP -> new Class<?>[] {Map.class, SerializedAsContent.class};
            case SORTED_MAP -> new Class<?>[] {SortedMap.class, SerializedAsContent.class};
            default -> null;
        };
    }

    /**
     * Whether a field of type {@code declared} can hold a lazy collection of {@code kind}; when
     * not (arrays, custom collection types), the attribute is read eagerly.
     */
    static boolean fits(CollectionClassification kind, Class<?> declared) {
        Class<?>[] interfaces = interfaces(kind);
        if (interfaces == null) {
            return false;
        }
        for (Class<?> type : interfaces) {
            if (declared.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A lazy collection of {@code kind}, which must {@link #fits fit}.
     *
     * @param loader fills the collection (and the others of its batch) by {@link #fill}
     */
    static LazyCollection create(CollectionClassification kind, Runnable loader) {
        return new LazyCollection(interfaces(kind), loader);
    }

    /** The collection to put into the snapshot. */
    Object collection() {
        return collection;
    }

    /** Sets the content: a plain collection of the kind this lazy collection presents. */
    void fill(Object value) {
        this.content = value;
        this.loader = null;
    }

    /** The content, read first if it is not yet; the loader's exceptions propagate and leave it unread. */
    private Object content() {
        if (content == null) {
            loader.run();
            if (content == null) {
                throw new IllegalStateException("The loader of a lazy collection did not fill it");
            }
        }
        return content;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == SerializedAsContent.class) {
            return content();
        }
        if (method.getName().equals("equals") && method.getDeclaringClass() == Object.class && args[0] == proxy) {
            return true;
        }
        return Forwarding.call(method, content(), args);
    }
}
