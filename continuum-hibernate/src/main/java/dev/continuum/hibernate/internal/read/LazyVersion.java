package dev.continuum.hibernate.internal.read;

import dev.continuum.Version;
import dev.continuum.binding.VersionBinding;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * A version that is read the first time one of its methods is called, then passes every call to
 * what was read: what a loaded typed version class instance is bound to, so that loading it costs
 * nothing until its {@code Version<T>} methods or relation accessors are used. A proxy of
 * {@link Version} and {@link VersionBinding.Relations} (which the {@link HibernateVersion}s it
 * reads implement); equal only to itself, and its string form does not read it.
 *
 * @param <T> the entity type
 */
final class LazyVersion<T> implements InvocationHandler {

    private Supplier<Version<T>> reader;
    private Version<T> version;

    private LazyVersion(Supplier<Version<T>> reader) {
        this.reader = reader;
    }

    /** A version that {@code reader} reads on first use. */
    @SuppressWarnings("unchecked")
    static <T> Version<T> of(Supplier<Version<T>> reader) {
        return (Version<T>) Forwarding.proxy(Version.class,
                new Class<?>[] {Version.class, VersionBinding.Relations.class}, new LazyVersion<>(reader));
    }

    private Version<T> version() {
        if (version == null) {
            version = reader.get();
            reader = null;
        }
        return version;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> version == null ? "Version[not read yet]" : version.toString();
            };
        }
        return Forwarding.call(method, version(), args);
    }
}
