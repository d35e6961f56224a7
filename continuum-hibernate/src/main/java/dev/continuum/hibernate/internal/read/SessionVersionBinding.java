package dev.continuum.hibernate.internal.read;

import dev.continuum.ContinuumException;
import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.binding.VersionBinding;

import org.hibernate.engine.spi.SessionImplementor;

/**
 * Binds the typed version class instances a session loads to their versions, read through that
 * session the first time their {@code Version<T>} methods or relation accessors need more than the
 * columns they were loaded with. Like Hibernate's batch fetching, the first use of one instance
 * reads every instance of the same entity type that the session bound and that was not read yet
 * (see {@link BoundVersions}): one statement per 500 of them, and their relations then resolve
 * together, with one or two statements per relation for all of them. A JPQL result of typed
 * versions therefore costs a number of statements that depends on the relations used, not on the
 * number of rows.
 */
public final class SessionVersionBinding implements VersionBinding {

    private final SessionImplementor session;

    /** @param session the session that loaded the instances */
    public SessionVersionBinding(SessionImplementor session) {
        this.session = session;
    }

    @Override
    public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
        BoundVersions bound = session.getExtension(BoundVersions.class);
        if (bound == null) {
            // the session extension is not registered (a class path without its service file)
            return LazyVersion.of(() -> read(session, type, id, transactionId));
        }
        return bound.add(session, type, id, transactionId);
    }

    /** The version of {@code type} {@code id} that transaction {@code transactionId} recorded, in one statement. */
    static <T> Version<T> read(SessionImplementor session, Class<T> type, Object id, long transactionId) {
        requireOpen(session, type, id, transactionId);
        ReadSession reads = reads(session);
        return reads.queries.recordedIn(reads.lookup.of(type, id), transactionId)
                .orElseThrow(() -> gone(type, id, transactionId));
    }

    /** The read path of {@code session}. */
    static ReadSession reads(SessionImplementor session) {
        return new ReadSession(session, HistoryModel.of(session.getFactory()).orElse(null));
    }

    static void requireOpen(SessionImplementor session, Class<?> type, Object id, long transactionId) {
        if (session.isClosed()) {
            throw new ContinuumException("The version of " + type.getSimpleName() + " " + id + " of transaction "
                    + transactionId + " was loaded by an EntityManager that is now closed, so it cannot read its "
                    + "history; use its Version methods while that EntityManager is open, or call asVersion(em) "
                    + "with an open one");
        }
    }

    static HistoryLookupException gone(Class<?> type, Object id, long transactionId) {
        return new HistoryLookupException("The version of " + type.getSimpleName() + " " + id + " of transaction "
                + transactionId + " is no longer in its version table");
    }
}
