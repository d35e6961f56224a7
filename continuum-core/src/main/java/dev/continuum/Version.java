package dev.continuum;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One recorded state of one entity: its state at the end of one transaction, or its last state
 * when the transaction deleted it. Obtained from {@link VersionHistory}; bound to the
 * {@code EntityManager} the history was opened on, which must stay open for the methods that say
 * they may run a statement. Not thread-safe.
 *
 * <p>Versions of a list returned by {@link VersionHistory#versions(Object)} are linked in memory:
 * {@link #previous()}, {@link #next()} and {@link #index()} run no statement, and
 * {@link #changeset()} none but the reads of the entity's collections, shared by the whole list.
 * A version obtained on its own (point in time, transaction lookup) finds its neighbours with one
 * indexed lookup each, the first time they are asked for.
 *
 * @param <T> the entity type
 */
public interface Version<T> {

    /**
     * A detached snapshot of the entity as it was in this version: every versioned property holds
     * its value of then. Properties that are not versioned (excluded, {@code @NotVersioned}, the
     * optimistic-lock version) hold the values the entity's no-argument constructor gives them.
     * Relations hold snapshots of the related entities as of this version's transaction (as of
     * the point in time, for a version read by {@code asOf} or {@code allAsOf}), read in batch:
     * to-ones with the snapshot, collections on first use, and the relations of related snapshots
     * on first use too, to any depth; read them while the {@code EntityManager} is open. The
     * snapshot is never managed: changing it changes nothing in the database.
     *
     * @return the same snapshot instance on every call
     */
    T entity();

    /**
     * The Hibernate entity name of the snapshot (the fully qualified class name unless mapped
     * otherwise).
     *
     * @return the entity name
     */
    String entityName();

    /**
     * The entity's identifier.
     *
     * @return the identifier, never null
     */
    Object id();

    /**
     * The id of the transaction that recorded this version.
     *
     * @return the transaction id
     */
    long transactionId();

    /**
     * The id of the transaction that recorded the next version of the entity, which ended the
     * validity of this one.
     *
     * @return the superseding transaction id, or empty while this version is current (a delete
     *         version stays current until the id is inserted again)
     */
    OptionalLong endTransactionId();

    /**
     * Whether the transaction inserted, updated or deleted the entity.
     *
     * @return the operation
     */
    Operation operation();

    /**
     * The transaction that recorded this version, loaded with the version.
     *
     * @return the transaction
     */
    Transaction transaction();

    /**
     * The position of this version among the versions of the same entity, oldest first: 0 for
     * the first version, 1 for the second, whatever other entities changed in between (and
     * counting only the versions that remain after retention pruned some). Free for a
     * version of a loaded list; one counting statement (then cached) for a version obtained on
     * its own.
     *
     * @return the zero-based index
     */
    int index();

    /**
     * The version of the same entity before this one: the one recorded last before this version's
     * transaction, also across versions that retention pruned. Free for a version of a loaded
     * list; one indexed lookup (then cached) otherwise.
     *
     * @return the previous version, or empty for the first version
     */
    Optional<Version<T>> previous();

    /**
     * The version of the same entity after this one: the one recorded first after this version's
     * transaction, also across versions that retention pruned. Free for a version of a loaded
     * list; one indexed lookup (then cached) otherwise, none when this version is current.
     *
     * @return the next version, or empty for the current version
     */
    Optional<Version<T>> next();

    /**
     * What this version changed compared with the previous version of the entity: its values and
     * its collections; see {@link Changeset} for inserts and deletes. Needs the previous version,
     * so it costs what {@link #previous()} costs; when the entity has versioned collections, also
     * each collection as of both versions, read once for all the versions of a loaded list (one
     * statement per collection, two for a many-to-many), so the {@code EntityManager} must be open.
     *
     * @return the changes by property, empty when none
     */
    Changeset<T> changeset();

    /**
     * Writes the live entity back to this version's state in the current persistence context,
     * without flushing: every versioned property of the managed entity is set to its value in
     * this version; properties that are not versioned keep their current values. When the entity
     * has been deleted it is inserted again with the same identifier (also a generated one); when
     * this version is a delete, the live entity is removed. Committing the transaction records a
     * new version through the normal write path. Must run inside a transaction.
     *
     * @return the managed entity, or empty when this version is a delete
     * @throws ContinuumException if the entity was deleted and its identifier is generated by an
     *         identity column, so that it cannot be inserted again with the same value
     */
    Optional<T> revert();

    /**
     * Like {@link #revert()}, and restores the named relations of the entity to their state at
     * this version too. A name is a relation of the entity ({@code "comments"}), or a dotted path
     * to a relation of the related entities ({@code "comments.likes"}), each step restored before
     * the next. For a relation to entities, each entity related at this version is reverted to
     * its version then (re-created with its identifier if it was deleted); of a one-to-many, the
     * entities related now but not then are reverted to their state then when they existed, else
     * removed; a many-to-many and an element collection get exactly their rows of then (entities
     * added later are detached from the association, not removed). Must run inside a transaction.
     *
     * @param relations names or dotted paths of relations; none reverts the entity alone
     * @return the managed entity, or empty when this version is a delete
     * @throws HistoryLookupException if a name is not a relation of the entity, naming the valid ones
     * @throws ContinuumException as {@link #revert()}
     */
    Optional<T> revert(String... relations);
}
