package dev.continuum.hibernate.internal.read;

import dev.continuum.Version;

import org.hibernate.engine.extension.spi.Extension;
import org.hibernate.engine.extension.spi.ExtensionIntegration;
import org.hibernate.engine.extension.spi.ExtensionIntegrationContext;
import org.hibernate.engine.spi.SessionImplementor;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions a session bound to typed version class instances and has not read yet, by entity
 * type, so that the first use of one reads all of its type together: a Hibernate session
 * extension, so that they live and die with their session. Entries are held weakly, so that
 * instances the application dropped (or that were bound anew, as {@code typedVersions} does) are
 * not read for nothing once collected, and a long session does not accumulate them.
 */
public final class BoundVersions implements Extension {

    private final Map<Class<?>, List<WeakReference<Entry<?>>>> byType = new HashMap<>();
    /** When a type's list reaches this size, its collected entries are dropped. */
    private final Map<Class<?>, Integer> pruneAt = new HashMap<>();

    /** Registers {@link BoundVersions} with every session Hibernate opens (see {@code META-INF/services}). */
    public static final class Integration implements ExtensionIntegration<BoundVersions> {

        @Override
        public Class<BoundVersions> getExtensionType() {
            return BoundVersions.class;
        }

        @Override
        public BoundVersions createExtension(ExtensionIntegrationContext context) {
            return new BoundVersions();
        }
    }

    /** One bound version: what names it, and the version once read. */
    private static final class Entry<T> {

        final Class<T> type;
        final VersionKey key;
        Version<T> version;
        boolean lookedUp;

        Entry(Class<T> type, VersionKey key) {
            this.type = type;
            this.key = key;
        }
    }

    /** A version read, with the others of its type bound and not read yet, on first use. */
    <T> Version<T> add(SessionImplementor session, Class<T> type, Object id, long transactionId) {
        Entry<T> entry = new Entry<>(type, new VersionKey(id, transactionId));
        List<WeakReference<Entry<?>>> entries = byType.computeIfAbsent(type, t -> new ArrayList<>());
        entries.add(new WeakReference<>(entry));
        int limit = pruneAt.getOrDefault(type, 1024);
        if (entries.size() >= limit) {
            entries.removeIf(reference -> reference.get() == null);
            pruneAt.put(type, Math.max(1024, 2 * entries.size()));
        }
        return LazyVersion.of(() -> read(session, entry));
    }

    private <T> Version<T> read(SessionImplementor session, Entry<T> entry) {
        if (!entry.lookedUp) {
            SessionVersionBinding.requireOpen(session, entry.type, entry.key.id(), entry.key.transactionId());
            List<Entry<?>> batch = take(entry.type);
            if (!batch.contains(entry)) {
                // an earlier batch failed after taking it
                batch.add(entry);
            }
            readTogether(session, entry.type, batch);
        }
        if (entry.version == null) {
            throw SessionVersionBinding.gone(entry.type, entry.key.id(), entry.key.transactionId());
        }
        return entry.version;
    }

    private List<Entry<?>> take(Class<?> type) {
        List<WeakReference<Entry<?>>> entries = byType.remove(type);
        pruneAt.remove(type);
        List<Entry<?>> batch = new ArrayList<>();
        if (entries != null) {
            for (WeakReference<Entry<?>> reference : entries) {
                Entry<?> entry = reference.get();
                if (entry != null && !entry.lookedUp) {
                    batch.add(entry);
                }
            }
        }
        return batch;
    }

    @SuppressWarnings("unchecked")
    private static <T> void readTogether(SessionImplementor session, Class<T> type, List<Entry<?>> batch) {
        Map<VersionKey, List<Entry<T>>> byKey = new LinkedHashMap<>();
        for (Entry<?> entry : batch) {
            byKey.computeIfAbsent(entry.key, key -> new ArrayList<>()).add((Entry<T>) entry);
        }
        List<Version<T>> versions = SessionVersionBinding.reads(session).queries
                .byKeys(type, new ArrayList<>(byKey.keySet()));
        for (Version<T> version : versions) {
            List<Entry<T>> entries = byKey.get(new VersionKey(version.id(), version.transactionId()));
            if (entries != null) {
                entries.forEach(entry -> entry.version = version);
            }
        }
        byKey.values().forEach(entries -> entries.forEach(entry -> entry.lookedUp = true));
    }
}
