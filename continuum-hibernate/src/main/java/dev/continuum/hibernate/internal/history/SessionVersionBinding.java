package dev.continuum.hibernate.internal.history;

import dev.continuum.ContinuumException;
import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.spi.VersionBinding;

import org.hibernate.engine.spi.SessionImplementor;

/**
 * Binds the typed version class instances a session loads to their versions, read through that
 * session with one statement per instance, the first time its {@code Version<T>} methods need more
 * than the columns it was loaded with.
 */
public final class SessionVersionBinding implements VersionBinding {

    private final SessionImplementor session;

    /** @param session the session that loaded the instances */
    public SessionVersionBinding(SessionImplementor session) {
        this.session = session;
    }

    @Override
    public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
        return new LazyVersion<>(() -> read(session, type, id, transactionId));
    }

    /** The version of {@code type} {@code id} that transaction {@code transactionId} recorded, in one statement. */
    static <T> Version<T> read(SessionImplementor session, Class<T> type, Object id, long transactionId) {
        if (session.isClosed()) {
            throw new ContinuumException("The version of " + type.getSimpleName() + " " + id + " of transaction "
                    + transactionId + " was loaded by an EntityManager that is now closed, so it cannot read its "
                    + "history; use its Version methods while that EntityManager is open, or call asVersion(em) "
                    + "with an open one");
        }
        HibernateVersionHistory history = new HibernateVersionHistory(session,
                HistoryModel.of(session.getFactory()).orElse(null));
        return history.version(type, id, transactionId).orElseThrow(() -> new HistoryLookupException(
                "The version of " + type.getSimpleName() + " " + id + " of transaction " + transactionId
                        + " is no longer in its version table"));
    }
}
