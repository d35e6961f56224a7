package dev.continuum.hibernate.internal.read;

import dev.continuum.ContinuumException;
import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.binding.VersionBinding;

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
 * Binds the typed version class instances a session loads to their versions, read through that
 * session the first time their {@code Version<T>} methods or relation accessors need more than the
 * columns they were loaded with. Like Hibernate's batch fetching, the first use of one instance
 * reads every instance of the same entity type that the session bound and that was not read yet:
 * one statement per 500 of them, and their relations then resolve together, with one or two
 * statements per relation for all of them. A JPQL result of typed versions therefore costs a number
 * of statements that depends on the relations used, not on the number of rows.
 */
public final class SessionVersionBinding implements VersionBinding {

    private final SessionImplementor session;

    /** @param session the session that loaded the instances */
    public SessionVersionBinding(SessionImplementor session) {
        this.session = session;
    }

    @Override
    public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
        Unread unread = session.getExtension(Unread.class);
        if (unread == null) {
            // the session extension is not registered (a class path without its service file)
            return new LazyVersion<>(() -> read(session, type, id, transactionId));
        }
        return unread.add(session, type, id, transactionId);
    }

    /** The version of {@code type} {@code id} that transaction {@code transactionId} recorded, in one statement. */
    static <T> Version<T> read(SessionImplementor session, Class<T> type, Object id, long transactionId) {
        requireOpen(session, type, id, transactionId);
        return history(session).recordedIn(type, id, transactionId)
                .orElseThrow(() -> gone(type, id, transactionId));
    }

    private static HibernateVersionHistory history(SessionImplementor session) {
        return new HibernateVersionHistory(session, HistoryModel.of(session.getFactory()).orElse(null));
    }

    private static void requireOpen(SessionImplementor session, Class<?> type, Object id, long transactionId) {
        if (session.isClosed()) {
            throw new ContinuumException("The version of " + type.getSimpleName() + " " + id + " of transaction "
                    + transactionId + " was loaded by an EntityManager that is now closed, so it cannot read its "
                    + "history; use its Version methods while that EntityManager is open, or call asVersion(em) "
                    + "with an open one");
        }
    }

    private static HistoryLookupException gone(Class<?> type, Object id, long transactionId) {
        return new HistoryLookupException("The version of " + type.getSimpleName() + " " + id + " of transaction "
                + transactionId + " is no longer in its version table");
    }

    /**
     * The versions a session bound and has not read yet, by entity type: a Hibernate session
     * extension, so that they live and die with their session. Entries are held weakly, so that
     * instances the application dropped (or that were bound anew, as {@code typedVersions} does)
     * are not read for nothing once collected, and a long session does not accumulate them.
     */
    public static final class Unread implements Extension {

        private final Map<Class<?>, List<WeakReference<Entry<?>>>> byType = new HashMap<>();
        /** When a type's list reaches this size, its collected entries are dropped. */
        private final Map<Class<?>, Integer> pruneAt = new HashMap<>();

        <T> Version<T> add(SessionImplementor session, Class<T> type, Object id, long transactionId) {
            Entry<T> entry = new Entry<>(type, id, transactionId);
            List<WeakReference<Entry<?>>> entries = byType.computeIfAbsent(type, t -> new ArrayList<>());
            entries.add(new WeakReference<>(entry));
            int limit = pruneAt.getOrDefault(type, 1024);
            if (entries.size() >= limit) {
                entries.removeIf(reference -> reference.get() == null);
                pruneAt.put(type, Math.max(1024, 2 * entries.size()));
            }
            return new LazyVersion<>(() -> read(session, entry));
        }

        private <T> Version<T> read(SessionImplementor session, Entry<T> entry) {
            if (!entry.lookedUp) {
                requireOpen(session, entry.type, entry.id, entry.transactionId);
                List<Entry<?>> batch = take(entry.type);
                if (!batch.contains(entry)) {
                    // an earlier batch failed after taking it
                    batch.add(entry);
                }
                readTogether(session, entry.type, batch);
            }
            if (entry.version == null) {
                throw gone(entry.type, entry.id, entry.transactionId);
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
            Map<HibernateVersionHistory.VersionKey, List<Entry<T>>> byKey = new LinkedHashMap<>();
            for (Entry<?> entry : batch) {
                byKey.computeIfAbsent(new HibernateVersionHistory.VersionKey(entry.id, entry.transactionId),
                        key -> new ArrayList<>()).add((Entry<T>) entry);
            }
            List<Version<T>> versions = history(session).versionsByKey(type, new ArrayList<>(byKey.keySet()));
            for (Version<T> version : versions) {
                List<Entry<T>> entries = byKey.get(
                        new HibernateVersionHistory.VersionKey(version.id(), version.transactionId()));
                if (entries != null) {
                    entries.forEach(entry -> entry.version = version);
                }
            }
            byKey.values().forEach(entries -> entries.forEach(entry -> entry.lookedUp = true));
        }

        /** Registers {@link Unread} with every session Hibernate opens (see {@code META-INF/services}). */
        public static final class Integration implements ExtensionIntegration<Unread> {

            @Override
            public Class<Unread> getExtensionType() {
                return Unread.class;
            }

            @Override
            public Unread createExtension(ExtensionIntegrationContext context) {
                return new Unread();
            }
        }
    }

    /** One bound version: what names it, and the version once read. */
    private static final class Entry<T> {

        final Class<T> type;
        final Object id;
        final long transactionId;
        Version<T> version;
        boolean lookedUp;

        Entry(Class<T> type, Object id, long transactionId) {
            this.type = type;
            this.id = id;
            this.transactionId = transactionId;
        }
    }
}
