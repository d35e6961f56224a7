package dev.continuum;

import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * The activity stream of one {@link EntityManager}: application-level activities ("alice
 * published article 12"), each recorded in the transaction that is running, with the exact
 * versions of its object and target at that moment, and read newest first, filtered and paged.
 * Needs {@link ContinuumSettings#ACTIVITIES} on. Obtained with {@link #of(EntityManager)} or
 * {@link VersionHistory#activities()}; as thread-safe as its entity manager, that is, not.
 *
 * <pre>{@code
 * ActivityStream activities = ActivityStream.of(em);
 * activities.record(NewActivity.of("publish", article).target(blog));   // inside a transaction
 * List<Activity> recent = activities.read(ActivityFilter.object(Article.class, 12L), 0, 20);
 * }</pre>
 */
public interface ActivityStream {

    /**
     * The activity stream of {@code entityManager}'s persistence unit.
     *
     * @param entityManager an open entity manager, or a Hibernate {@code Session}
     * @return the stream, bound to {@code entityManager}
     * @throws ContinuumException as {@link VersionHistory#of(EntityManager)}
     */
    static ActivityStream of(EntityManager entityManager) {
        return VersionHistory.of(entityManager).activities();
    }

    /**
     * Records an activity in the entity manager's running transaction: it is written with the
     * transaction's history, just before the commit (a rollback writes nothing), and points at the
     * versions of its object and target current then: the version this transaction writes of an
     * entity it changes (before or after this call), else the entity's latest version (its delete
     * version for an entity deleted earlier). The actor, when not given, is the transaction's user
     * ({@link ChangeContext}, else the {@code TransactionContextProvider}). Runs no statement.
     *
     * @param activity the activity to record
     * @throws ConfigurationException if {@link ContinuumSettings#ACTIVITIES} is off
     * @throws HistoryLookupException if the object or target is not a versioned entity, has no
     *         identifier yet or an identifier of more than one column
     * @throws VersioningException if there is no transaction in progress; at commit, if the object
     *         or target has no version (the commit then fails and the transaction rolls back)
     */
    void record(NewActivity activity);

    /**
     * Records an activity with an object and no target; see {@link #record(NewActivity)}.
     *
     * @param verb what was done
     * @param object a managed, detached or snapshot instance of a versioned entity
     */
    default void record(String verb, Object object) {
        record(NewActivity.of(verb, object));
    }

    /**
     * A page of the activities that match {@code filter}, newest first (by transaction, then by
     * position in it), with the versions they point at: one statement for the page, then one per
     * entity type the page points at (per 500 versions), whatever the number of activities.
     * Restricted to the session's tenant under discriminator multi-tenancy.
     *
     * @param filter which activities, {@link ActivityFilter#all()} for all
     * @param firstResult the index of the first activity of the page, from 0
     * @param maxResults the most activities to return, at least 1
     * @return the activities, empty when none matches
     * @throws IllegalArgumentException if the page is invalid
     * @throws ConfigurationException if {@link ContinuumSettings#ACTIVITIES} is off
     */
    List<Activity> read(ActivityFilter filter, int firstResult, int maxResults);
}
