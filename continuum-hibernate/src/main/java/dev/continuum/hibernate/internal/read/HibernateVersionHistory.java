package dev.continuum.hibernate.internal.read;

import dev.continuum.ActivityStream;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.UndoSteps;
import dev.continuum.Version;
import dev.continuum.VersionHistory;

import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SessionImplementor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link VersionHistory} on a Hibernate session: checks the arguments and hands each call to the
 * part of the read path that answers it, through the session's {@link ReadSession}. Reads are
 * plain JDBC on the session's connection, every statement passed through the session's statement
 * inspector, a fixed number of statements per call ({@link VersionQueries}); rewinding is
 * {@link EntityReverter}'s and {@link UndoRedo}'s, typed version classes {@link TypedVersions}'.
 */
final class HibernateVersionHistory implements VersionHistory {

    private final ReadSession reads;
    private final UndoRedo undoRedo;
    private final TypedVersions typedVersions;
    private final ScopeUndoRedo scopeUndoRedo;

    /** @param model the factory's history model, or null when the factory versions nothing */
    HibernateVersionHistory(SessionImplementor session, HistoryModel model) {
        this.reads = new ReadSession(session, model);
        this.undoRedo = new UndoRedo(reads);
        this.typedVersions = new TypedVersions(reads);
        this.scopeUndoRedo = new ScopeUndoRedo(reads);
    }

    @Override
    public <T> List<Version<T>> versions(T entity) {
        return reads.queries.all(reads.lookup.of(entity));
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id) {
        return reads.queries.all(reads.lookup.of(type, id));
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id, int firstResult, int maxResults) {
        requirePage("versions", firstResult, maxResults);
        return reads.queries.page(reads.lookup.of(type, id), firstResult, maxResults);
    }

    @Override
    public <V extends Version<?>> List<V> typedVersions(Class<V> versionClass, Object id) {
        return typedVersions.of(versionClass, id);
    }

    @Override
    public ActivityStream activities() {
        return new HibernateActivityStream(reads);
    }

    @Override
    public <T> Optional<Version<T>> recordedIn(Class<T> type, Object id, long transactionId) {
        return reads.queries.recordedIn(reads.lookup.of(type, id), transactionId);
    }

    @Override
    public long count(Object entity) {
        return reads.queries.count(reads.lookup.of(entity));
    }

    @Override
    public long count(Class<?> type, Object id) {
        return reads.queries.count(reads.lookup.of(type, id));
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, long transactionId) {
        return reads.queries.asOf(reads.lookup.of(type, id), new PointInTime.AtTransaction(transactionId));
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return reads.queries.asOf(reads.lookup.of(type, id), new PointInTime.AtInstant(instant));
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, long transactionId, int firstResult, int maxResults) {
        requirePage("allAsOf", firstResult, maxResults);
        return reads.queries.allAsOf(type, new PointInTime.AtTransaction(transactionId), firstResult, maxResults);
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, Instant instant, int firstResult, int maxResults) {
        Objects.requireNonNull(instant, "instant");
        requirePage("allAsOf", firstResult, maxResults);
        return reads.queries.allAsOf(type, new PointInTime.AtInstant(instant), firstResult, maxResults);
    }

    @Override
    public Optional<Transaction> transaction(long transactionId) {
        return reads.model == null ? Optional.empty() : reads.queries.transaction(transactionId);
    }

    @Override
    public List<Version<?>> changedIn(long transactionId) {
        return reads.model == null ? new ArrayList<>() : reads.queries.changedIn(transactionId);
    }

    @Override
    public List<Transaction> transactionsWithMetadata(String key, String value, int maxResults) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        requirePage("transactionsWithMetadata", 0, maxResults);
        return reads.model == null ? new ArrayList<>() : new ArrayList<>(reads.queries.withMetadata(key, value, maxResults));
    }

    @Override
    public <T> List<PropertyRevision<?>> propertyHistory(Class<T> type, Object id, String property) {
        return new ArrayList<>(reads.queries.revisions(reads.lookup.of(type, id), property));
    }

    @Override
    public <T, V> List<PropertyRevision<V>> propertyHistory(Class<T> type, Object id,
            SingularAttribute<? super T, V> attribute) {
        return reads.queries.revisions(reads.lookup.of(type, id), attribute.getName());
    }

    @Override
    public <T> Optional<Version<T>> undo(T entity) {
        return undoRedo.step(reads.lookup.of(entity), UndoRedo.Direction.UNDO);
    }

    @Override
    public <T> Optional<Version<T>> redo(T entity) {
        return undoRedo.step(reads.lookup.of(entity), UndoRedo.Direction.REDO);
    }

    @Override
    public <T> Optional<Version<T>> undo(Class<T> type, Object id) {
        return undoRedo.step(reads.lookup.of(type, id), UndoRedo.Direction.UNDO);
    }

    @Override
    public <T> Optional<Version<T>> redo(Class<T> type, Object id) {
        return undoRedo.step(reads.lookup.of(type, id), UndoRedo.Direction.REDO);
    }

    @Override
    public Optional<Transaction> undo(UndoScope scope) {
        return scopeUndoRedo.undo(Objects.requireNonNull(scope, "scope"));
    }

    @Override
    public Optional<Transaction> redo(UndoScope scope) {
        return scopeUndoRedo.redo(Objects.requireNonNull(scope, "scope"));
    }

    @Override
    public UndoSteps undoSteps(UndoScope scope) {
        return scopeUndoRedo.steps(Objects.requireNonNull(scope, "scope"));
    }

    private static void requirePage(String method, int firstResult, int maxResults) {
        if (firstResult < 0 || maxResults <= 0) {
            throw new IllegalArgumentException(method + " needs firstResult >= 0 and maxResults > 0, got "
                    + firstResult + " and " + maxResults);
        }
    }
}
