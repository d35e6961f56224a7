package dev.continuum;

import dev.continuum.spi.VersionHistoryFactory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.SingularAttribute;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and rewinds the recorded history of {@link Versioned} entities through one
 * {@link EntityManager} (or Hibernate {@code Session}): all versions of an entity, an entity or
 * all entities of a type as of a transaction or an instant, transactions and what they changed,
 * the history of one property, revert, undo and redo.
 *
 * <p>Reads run on the entity manager's connection, inside its current transaction when there is
 * one, and see committed history only: the versions of the running transaction are written when
 * it commits. Every read costs a fixed number of statements, whatever the number of versions;
 * each method says how many. A history is as thread-safe as its entity manager, that is, not.
 *
 * <pre>{@code
 * VersionHistory history = VersionHistory.of(em);
 * for (Version<Article> version : history.versions(article)) {
 *     System.out.println(version.transaction().issuedAt() + " " + version.changeset());
 * }
 * }</pre>
 */
public interface VersionHistory {

    /**
     * The history of the entities of {@code entityManager}'s persistence unit, read through it.
     *
     * @param entityManager an open entity manager, or a Hibernate {@code Session}
     * @return a history bound to {@code entityManager}
     * @throws ContinuumException if no Continuum integration for the entity manager's JPA provider
     *         is on the class path (for Hibernate ORM, add {@code continuum-hibernate})
     */
    static VersionHistory of(EntityManager entityManager) {
        if (entityManager == null) {
            throw new ContinuumException("VersionHistory.of(entityManager) needs an open EntityManager, got null");
        }
        List<VersionHistoryFactory> factories = ServiceProviders.all(VersionHistoryFactory.class);
        for (VersionHistoryFactory factory : factories) {
            Optional<VersionHistory> history = factory.open(entityManager);
            if (history.isPresent()) {
                return history.get();
            }
        }
        throw new ContinuumException(factories.isEmpty()
                ? "No Continuum integration is on the class path, so the history cannot be read; add the "
                        + "dev.continuum:continuum-hibernate dependency (for Hibernate ORM 7)"
                : "No Continuum integration supports " + entityManager.getClass().getName()
                        + "; Continuum reads history through Hibernate ORM 7 (continuum-hibernate)");
    }

    /**
     * All versions of an entity, oldest first, each with its transaction, in one statement. The
     * versions are linked: navigating them runs no statement.
     *
     * @param <T> the entity type
     * @param entity a managed, detached or snapshot instance of a versioned entity
     * @return the versions, empty when none was recorded
     * @throws HistoryLookupException if the entity's type is not versioned or it has no identifier
     */
    <T> List<Version<T>> versions(T entity);

    /**
     * All versions of the entity of type {@code type} with identifier {@code id}, oldest first,
     * each with its transaction, in one statement; deleted entities included.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @return the versions, empty when none was recorded
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    <T> List<Version<T>> versions(Class<T> type, Object id);

    /**
     * One page of the versions of the entity of type {@code type} with identifier {@code id},
     * oldest first, each with its transaction, in one statement: the versions at positions
     * {@code firstResult} to {@code firstResult + maxResults - 1} (their {@link Version#index()}),
     * paged by the database. Versions of the page are linked to each other; the first one's
     * {@link Version#previous()} and the last one's {@link Version#next()} cost one lookup each.
     * With {@link #count(Class, Object)}, pages can be served newest first.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @param firstResult the index of the first version to return, from 0
     * @param maxResults the most versions to return
     * @return the versions of the page, empty past the last version
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     * @throws IllegalArgumentException if {@code firstResult} is negative or {@code maxResults} is
     *         not positive
     */
    <T> List<Version<T>> versions(Class<T> type, Object id, int firstResult, int maxResults);

    /**
     * The versions of the entity of type {@code type} with identifier {@code id} as typed version
     * class instances (generated by the annotation processor, see {@link VersionOf}), oldest first,
     * in one statement: for example {@code typedVersions(ArticleVersion.class, 42L)}. Each instance
     * is a {@link Version} too; the first use of a {@code Version} method reads the versions of the
     * whole list in one more statement, after which navigating the list and its changesets runs
     * none. Named apart from {@link #versions(Class, Object)} because both take a class and an
     * identifier.
     *
     * @param <V> the typed version class
     * @param versionClass a class annotated {@link VersionOf}, mapped in the persistence unit
     * @param id the identifier of the versioned entity
     * @return the versions, empty when none was recorded
     * @throws HistoryLookupException if {@code versionClass} is not a mapped {@link VersionOf}
     *         class, its entity is not versioned, or {@code id} has the wrong type
     */
    <V extends Version<?>> List<V> typedVersions(Class<V> versionClass, Object id);

    /**
     * The version of an entity that transaction {@code transactionId} recorded: exactly that row of
     * the version table, in one statement. Not a point-in-time read: {@link #asOf(Class, Object, long)}
     * gives the version that was current after a transaction, whichever transaction wrote it, while
     * this method gives only the version written by {@code transactionId} itself, a delete version
     * included, and empty when that transaction did not change the entity.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @param transactionId the id of the transaction that recorded the version
     * @return the version, or empty when that transaction recorded none for the entity
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    <T> Optional<Version<T>> recordedIn(Class<T> type, Object id, long transactionId);

    /**
     * The number of versions of an entity, in one statement.
     *
     * @param entity a managed, detached or snapshot instance of a versioned entity
     * @return the number of versions, 0 when none was recorded
     * @throws HistoryLookupException if the entity's type is not versioned or it has no identifier
     */
    long count(Object entity);

    /**
     * The number of versions of the entity of type {@code type} with identifier {@code id}, in
     * one statement.
     *
     * @param type a versioned entity class
     * @param id the identifier
     * @return the number of versions, 0 when none was recorded
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    long count(Class<?> type, Object id);

    /**
     * The version of an entity that was current right after transaction {@code transactionId}
     * committed, in one statement: a point-in-time read of the whole graph. Its {@code entity()}
     * holds the relations as of {@code transactionId} too (the author as it was then, even when
     * only the author changed after the entity's own last change), while its {@code previous()},
     * {@code next()} and other versions of the entity show theirs as of their own transactions.
     * For the version that one transaction wrote, see {@link #recordedIn(Class, Object, long)}.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @param transactionId a transaction id
     * @return the version, or empty when the entity did not exist then (not yet inserted, or
     *         deleted)
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    <T> Optional<Version<T>> asOf(Class<T> type, Object id, long transactionId);

    /**
     * The version of an entity that was current at {@code instant}: as of the last transaction
     * issued at or before it, relations included, as {@link #asOf(Class, Object, long)}. One
     * statement.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @param instant a point in time
     * @return the version, or empty when the entity did not exist then
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    <T> Optional<Version<T>> asOf(Class<T> type, Object id, Instant instant);

    /**
     * One page of the entities of a type (subclasses included) that existed right after
     * transaction {@code transactionId}, ordered by identifier, in one statement; their relations
     * as of that transaction too, as {@link #asOf(Class, Object, long)}.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param transactionId a transaction id
     * @param firstResult the position of the first entity to return, from 0
     * @param maxResults the most entities to return
     * @return the versions current then, at most {@code maxResults}
     * @throws HistoryLookupException if {@code type} is not versioned
     * @throws IllegalArgumentException if {@code firstResult} is negative or {@code maxResults} is
     *         not positive
     */
    <T> List<Version<T>> allAsOf(Class<T> type, long transactionId, int firstResult, int maxResults);

    /**
     * One page of the entities of a type that existed at {@code instant} (as of the last
     * transaction issued at or before it, relations included), ordered by identifier, in one
     * statement.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param instant a point in time
     * @param firstResult the position of the first entity to return, from 0
     * @param maxResults the most entities to return
     * @return the versions current then, at most {@code maxResults}
     * @throws HistoryLookupException if {@code type} is not versioned
     * @throws IllegalArgumentException if {@code firstResult} is negative or {@code maxResults} is
     *         not positive
     */
    <T> List<Version<T>> allAsOf(Class<T> type, Instant instant, int firstResult, int maxResults);

    /**
     * A transaction by id, in one statement.
     *
     * @param transactionId the transaction id
     * @return the transaction, or empty when there is none with this id
     */
    Optional<Transaction> transaction(long transactionId);

    /**
     * The versions recorded by one transaction, ordered by entity name and identifier: one
     * statement per version table.
     *
     * @param transactionId the transaction id
     * @return the versions, empty when the transaction recorded none (or does not exist)
     */
    List<Version<?>> changedIn(long transactionId);

    /**
     * The transactions whose metadata has {@code key} set to {@code value} (see
     * {@link ChangeContext#meta}), newest first, at most {@code maxResults}; one statement on the
     * indexed metadata table, for example the imports: {@code transactionsWithMetadata("reason",
     * "import", 100)}.
     *
     * @param key the metadata key
     * @param value the value it must have
     * @param maxResults the most transactions returned, positive
     * @return the transactions, each with its metadata, empty when none has the pair
     */
    List<Transaction> transactionsWithMetadata(String key, String value, int maxResults);

    /**
     * The changes of one property over an entity's history, oldest first, in one statement: each
     * version whose changeset holds the property, with its transaction ("who changed the price,
     * when, from what to what").
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @param property the name of a versioned property
     * @return the changes, empty when none was recorded
     * @throws HistoryLookupException if {@code type} is not versioned, {@code id} has the wrong
     *         type, or {@code property} is not a versioned property of {@code type}
     */
    <T> List<PropertyRevision<?>> propertyHistory(Class<T> type, Object id, String property);

    /**
     * The changes of one property over an entity's history, typed through the JPA static
     * metamodel, for example {@code propertyHistory(Article.class, id, Article_.title)}.
     *
     * @param <T> the entity type
     * @param <V> the property's type
     * @param type a versioned entity class
     * @param id the identifier
     * @param attribute the attribute of a versioned property
     * @return the changes, oldest first, empty when none was recorded
     * @throws HistoryLookupException as {@link #propertyHistory(Class, Object, String)}
     */
    <T, V> List<PropertyRevision<V>> propertyHistory(Class<T> type, Object id,
            SingularAttribute<? super T, V> attribute);

    /**
     * Steps an entity back one version: reverts it (see {@link Version#revert()}) to the version
     * before the one it currently shows, and records where it stands so that {@link #redo} can
     * step forward again. The position is stored in the database, in the same transaction, so it
     * survives restarts and is shared by every entity manager. Any other change of the entity
     * clears the redo path. Must run inside a transaction; committing records a new version.
     *
     * @param <T> the entity type
     * @param entity a managed or detached instance of a versioned entity
     * @return the version the entity was stepped back to, or empty when there is nothing to undo
     *         (it is at its first version)
     * @throws HistoryLookupException if the entity's type is not versioned, it has no identifier,
     *         or it has no recorded history
     */
    <T> Optional<Version<T>> undo(T entity);

    /**
     * Steps the entity of type {@code type} with identifier {@code id} back one version, like
     * {@link #undo(Object)}; works also when the entity is currently deleted.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @return the version the entity was stepped back to, or empty when there is nothing to undo
     * @throws HistoryLookupException if {@code type} is not versioned, {@code id} has the wrong
     *         type, or the entity has no recorded history
     */
    <T> Optional<Version<T>> undo(Class<T> type, Object id);

    /**
     * Steps an entity forward one version after {@link #undo}: reverts it to the version after
     * the one it shows. Must run inside a transaction; committing records a new version.
     *
     * @param <T> the entity type
     * @param entity a managed or detached instance of a versioned entity
     * @return the version the entity was stepped forward to, or empty when there is nothing to
     *         redo (no undo happened, all undos were redone, or the entity changed since)
     * @throws HistoryLookupException if the entity's type is not versioned or it has no identifier
     */
    <T> Optional<Version<T>> redo(T entity);

    /**
     * Steps the entity of type {@code type} with identifier {@code id} forward one version, like
     * {@link #redo(Object)}; works also when an undo deleted the entity.
     *
     * @param <T> the entity type
     * @param type a versioned entity class
     * @param id the identifier
     * @return the version the entity was stepped forward to, or empty when there is nothing to redo
     * @throws HistoryLookupException if {@code type} is not versioned or {@code id} has the wrong type
     */
    <T> Optional<Version<T>> redo(Class<T> type, Object id);

    /**
     * Takes back the latest step of a scope spanning several entities: restores the root entity,
     * the children of its one-to-many relations and the rows of its many-to-many relations and
     * element collections named in the scope to their state right after the step before, whatever
     * number of entities the step changed. A step is a transaction that changed any part of the
     * scope. Like {@link #undo(Class, Object)}, the position is stored in the database in the same
     * transaction (one row per scope), repeated calls keep stepping back through the steps that
     * existed when the first undo of the series ran, and any other change of the scope clears the
     * redo path. Entities are re-created with their identifiers where the restored state has them
     * and they were deleted since, and removed where it has not. Must run inside a transaction;
     * committing records the changes as one new transaction. Statements: one read of the root's
     * versions and one per relation (whatever the number of versions), the position, the
     * transaction undone, the live entities' loads, the collections' rows of then, and one
     * position write.
     *
     * @param scope the root entity and its relations that form one unit of undo
     * @return the transaction whose changes were taken back (who made them, when), or empty when
     *         there is nothing to undo (the scope is at the first step of its history)
     * @throws HistoryLookupException if the root's type is not versioned, {@code id} has the wrong
     *         type, a relation is not a collection of the root that history records, or the root
     *         has no recorded history
     * @throws ContinuumException if no transaction is running
     */
    Optional<Transaction> undo(UndoScope scope);

    /**
     * Makes the next step of a scope again after {@link #undo(UndoScope)}: restores the scope to
     * its state right after that step. Must run inside a transaction; committing records the
     * changes as one new transaction.
     *
     * @param scope the root entity and its relations that form one unit of undo
     * @return the transaction whose changes were made again, or empty when there is nothing to
     *         redo (no undo happened, all undos were redone, or the scope changed since)
     * @throws HistoryLookupException as {@link #undo(UndoScope)}
     * @throws ContinuumException if no transaction is running
     */
    Optional<Transaction> redo(UndoScope scope);

    /**
     * How many steps {@link #undo(UndoScope)} and {@link #redo(UndoScope)} can take from where the
     * scope stands, without changing anything: one read of the root's versions, one per relation
     * and one of the position. Inside the transaction of an undo or redo, that step is counted.
     *
     * @param scope the root entity and its relations that form one unit of undo
     * @return the steps available each way; none each way for a scope without history
     * @throws HistoryLookupException if the root's type is not versioned, {@code id} has the wrong
     *         type, or a relation is not a collection of the root that history records
     */
    UndoSteps undoSteps(UndoScope scope);

    /**
     * The activity stream, recorded and read through the same entity manager.
     *
     * @return the activity stream of this history's entity manager
     */
    ActivityStream activities();
}
