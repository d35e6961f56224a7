package dev.continuum.spring;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.ContinuumException;
import dev.continuum.NewActivity;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.UndoSteps;
import dev.continuum.Version;
import dev.continuum.VersionHistory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.SingularAttribute;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link VersionHistory} shared by the whole application, like Spring's shared
 * {@link EntityManager}: every call is served by {@code VersionHistory.of(em)} on the
 * {@link EntityManager} bound to the current thread, that is, the current transaction's (or the
 * request's, under Spring's open-EntityManager-in-view). Thread-safe; inject it into services.
 *
 * <ul>
 *   <li>Reads need an entity manager bound to the thread: inside a {@code @Transactional} method
 *       ({@code readOnly = true} is enough), or in a web request served with
 *       {@code spring.jpa.open-in-view=true}. The versions returned stay bound to that entity
 *       manager: their lazily read relations and neighbours can be used while it is open.</li>
 *   <li>{@link #undo} and {@link #redo} write, so they need a read-write transaction.</li>
 *   <li>Without a bound entity manager a call fails with a {@link ContinuumException} that says to
 *       call it from a {@code @Transactional} method. It does not open a short-lived entity manager
 *       of its own, as Spring's shared entity manager does, because the versions it returned would
 *       outlive it and fail later, far from the cause.</li>
 * </ul>
 */
public final class TransactionalVersionHistory implements VersionHistory {

    private final EntityManagerFactory entityManagerFactory;

    private TransactionalVersionHistory(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    /**
     * A history that reads through the entity manager of {@code entityManagerFactory} bound to the
     * current transaction at each call. The starter registers one for the application's entity
     * manager factory; create others for further persistence units.
     *
     * @param entityManagerFactory the persistence unit whose history to read
     * @return a thread-safe history
     */
    public static VersionHistory of(EntityManagerFactory entityManagerFactory) {
        return new TransactionalVersionHistory(entityManagerFactory);
    }

    /**
     * The activity stream, shared like this history: each call is served by the activity stream
     * of the entity manager bound to the current transaction; {@code record} needs a read-write
     * transaction.
     */
    @Override
    public ActivityStream activities() {
        return new ActivityStream() {
            @Override
            public void record(NewActivity activity) {
                writable("activities().record").activities().record(activity);
            }

            @Override
            public List<Activity> read(ActivityFilter filter, int firstResult, int maxResults) {
                return current("activities().read").activities().read(filter, firstResult, maxResults);
            }
        };
    }

    private VersionHistory current(String method) {
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
        if (em == null) {
            throw new ContinuumException("VersionHistory." + method + " was called outside a transaction: no "
                    + "EntityManager is bound to this thread, and the versions it returns need one that stays open. "
                    + "Call it from a @Transactional method (readOnly = true is enough to read), or use it in a web "
                    + "request served with spring.jpa.open-in-view=true");
        }
        return VersionHistory.of(em);
    }

    private VersionHistory writable(String method) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new ContinuumException("VersionHistory." + method + " writes the entity and its undo position, "
                    + "so it needs a read-write transaction, and none is active on this thread. Call it from a "
                    + "@Transactional method that is not readOnly");
        }
        return current(method);
    }

    @Override
    public <T> List<Version<T>> versions(T entity) {
        return current("versions").versions(entity);
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id) {
        return current("versions").versions(type, id);
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id, int firstResult, int maxResults) {
        return current("versions").versions(type, id, firstResult, maxResults);
    }

    @Override
    public <V extends Version<?>> List<V> typedVersions(Class<V> versionClass, Object id) {
        return current("typedVersions").typedVersions(versionClass, id);
    }

    @Override
    public <T> Optional<Version<T>> recordedIn(Class<T> type, Object id, long transactionId) {
        return current("recordedIn").recordedIn(type, id, transactionId);
    }

    @Override
    public long count(Object entity) {
        return current("count").count(entity);
    }

    @Override
    public long count(Class<?> type, Object id) {
        return current("count").count(type, id);
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, long transactionId) {
        return current("asOf").asOf(type, id, transactionId);
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, Instant instant) {
        return current("asOf").asOf(type, id, instant);
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, long transactionId, int firstResult, int maxResults) {
        return current("allAsOf").allAsOf(type, transactionId, firstResult, maxResults);
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, Instant instant, int firstResult, int maxResults) {
        return current("allAsOf").allAsOf(type, instant, firstResult, maxResults);
    }

    @Override
    public Optional<Transaction> transaction(long transactionId) {
        return current("transaction").transaction(transactionId);
    }

    @Override
    public List<Version<?>> changedIn(long transactionId) {
        return current("changedIn").changedIn(transactionId);
    }

    @Override
    public List<Transaction> transactionsWithMetadata(String key, String value, int maxResults) {
        return current("transactionsWithMetadata").transactionsWithMetadata(key, value, maxResults);
    }

    @Override
    public <T> List<PropertyRevision<?>> propertyHistory(Class<T> type, Object id, String property) {
        return current("propertyHistory").propertyHistory(type, id, property);
    }

    @Override
    public <T, V> List<PropertyRevision<V>> propertyHistory(Class<T> type, Object id,
            SingularAttribute<? super T, V> attribute) {
        return current("propertyHistory").propertyHistory(type, id, attribute);
    }

    @Override
    public <T> Optional<Version<T>> undo(T entity) {
        return writable("undo").undo(entity);
    }

    @Override
    public <T> Optional<Version<T>> undo(Class<T> type, Object id) {
        return writable("undo").undo(type, id);
    }

    @Override
    public <T> Optional<Version<T>> redo(T entity) {
        return writable("redo").redo(entity);
    }

    @Override
    public <T> Optional<Version<T>> redo(Class<T> type, Object id) {
        return writable("redo").redo(type, id);
    }

    @Override
    public Optional<Transaction> undo(UndoScope scope) {
        return writable("undo").undo(scope);
    }

    @Override
    public Optional<Transaction> redo(UndoScope scope) {
        return writable("redo").redo(scope);
    }

    @Override
    public UndoSteps undoSteps(UndoScope scope) {
        return current("undoSteps").undoSteps(scope);
    }

    @Override
    public String toString() {
        return "TransactionalVersionHistory[" + entityManagerFactory + "]";
    }
}
