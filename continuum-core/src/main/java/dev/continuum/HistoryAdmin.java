package dev.continuum;

import dev.continuum.spi.HistoryAdminFactory;

import jakarta.persistence.EntityManagerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance of the recorded history of a persistence unit, run by operators and scheduled jobs
 * rather than by service code: each operation works through the {@link EntityManagerFactory}'s
 * own connections, in bounded batches that each commit on their own, so that it can run beside the
 * application on tables of millions of rows and be started again where it stopped.
 *
 * <pre>{@code
 * HistoryAdmin admin = HistoryAdmin.of(entityManagerFactory);
 * BaselineResult result = admin.baseline(Article.class);   // versions for rows that predate Continuum
 * }</pre>
 */
public interface HistoryAdmin {

    /** The number of rows a batch of {@link #baseline(Class)} handles when none is given. */
    int DEFAULT_BATCH_SIZE = 10_000;

    /**
     * The maintenance operations of {@code entityManagerFactory}'s persistence unit.
     *
     * @param entityManagerFactory an open entity manager factory
     * @return the operations
     * @throws ContinuumException if no Continuum integration for the factory's JPA provider is on
     *         the class path
     */
    static HistoryAdmin of(EntityManagerFactory entityManagerFactory) {
        if (entityManagerFactory == null) {
            throw new ContinuumException("HistoryAdmin.of(entityManagerFactory) needs an open EntityManagerFactory, "
                    + "got null");
        }
        List<HistoryAdminFactory> factories = ServiceProviders.all(HistoryAdminFactory.class);
        for (HistoryAdminFactory factory : factories) {
            Optional<HistoryAdmin> admin = factory.open(entityManagerFactory);
            if (admin.isPresent()) {
                return admin.get();
            }
        }
        throw new ContinuumException("No Continuum integration supports " + entityManagerFactory.getClass().getName()
                + "; add the dev.continuum:continuum-hibernate dependency (for Hibernate ORM 7)");
    }

    /**
     * Records a version for every row of a versioned entity type that has none open: the rows
     * that existed before versioning was turned on for the type (or were written while it was
     * off). Each such row gets one INSERT version holding its current state, its versioned
     * collections' rows included, all in one transaction row whose user id is
     * {@value #BASELINE_USER}, so that its first update afterwards has a version to close and its
     * history starts at the baseline rather than in the middle. Rows that have an open version are
     * left alone, so running it again, or after an interruption, only does what is left (an
     * interrupted run's transaction row is reused). Runs in batches of
     * {@value #DEFAULT_BATCH_SIZE} rows, each its own database transaction that locks its rows
     * while it records them, so that concurrent writers keep the validity chain intact.
     *
     * @param entityType a versioned entity class; its subclasses (and, for the root of a
     *        hierarchy, the whole hierarchy) are included
     * @return what was recorded
     * @throws HistoryLookupException if the type is not versioned
     */
    default BaselineResult baseline(Class<?> entityType) {
        return baseline(entityType, DEFAULT_BATCH_SIZE);
    }

    /**
     * {@link #baseline(Class)} with batches of {@code batchSize} rows.
     *
     * @param entityType a versioned entity class
     * @param batchSize the most rows a batch records, at least 1
     * @return what was recorded
     * @throws HistoryLookupException if the type is not versioned
     * @throws IllegalArgumentException if {@code batchSize} is not positive
     */
    BaselineResult baseline(Class<?> entityType, int batchSize);

    /**
     * Removes the versions that the retention rules of every versioned entity type allow to go
     * ({@link HistoryRetention} on the entity, else the {@code continuum.retention.*} settings;
     * types with neither keep everything). See {@link #prune(Class, RetentionPolicy)}.
     *
     * @return what was removed, over all types
     */
    PruneResult prune();

    /**
     * Removes the versions of one entity type that the policy allows to go, in batches of
     * {@value #DEFAULT_BATCH_SIZE} entities, each its own database transaction; the current
     * version of every entity always stays. The versions that remain keep their
     * {@code end_transaction_id}: where versions were removed, the last one before the gap still
     * says when it stopped being current, so the gap shows (its successor's transaction differs)
     * rather than a wrong validity. Collection version rows that no remaining version of their
     * owner needs, transaction rows that no version refers to any more and undo/redo positions
     * that referred to removed versions go too. Safe to interrupt and run again.
     *
     * @param entityType a versioned entity class; its whole hierarchy is pruned
     * @param policy the rules
     * @return what was removed
     * @throws HistoryLookupException if the type is not versioned
     */
    PruneResult prune(Class<?> entityType, RetentionPolicy policy);

    /**
     * Removes everything the history holds about one entity (a subject who asked to be
     * forgotten): all its versions, in every version table of its hierarchy, its collections'
     * version rows, its undo/redo position, and the transaction rows left without any version.
     * Other entities' versions that refer to it (a foreign key in their rows) stay, since they are
     * those entities' history; erase or anonymise them separately. The live row is not touched.
     * Runs in one database transaction.
     *
     * @param entityType a versioned entity class
     * @param id the entity's identifier
     * @return what was removed
     * @throws HistoryLookupException if the type is not versioned or the id has the wrong type
     */
    ErasureResult erase(Class<?> entityType, Object id);

    /**
     * Anonymises every transaction row recorded for one user: clears its {@code user_id} and
     * {@code remote_addr}. The versions stay (the data of the entities is not the user's), but
     * nothing in the history says any more that this user made them. Runs in one database
     * transaction.
     *
     * @param userId the user id as recorded
     * @return the number of transaction rows anonymised (in {@link ErasureResult#transactions()})
     */
    ErasureResult eraseUser(String userId);

    /**
     * Checks the whole history against its hashes (tamper evidence,
     * {@link ContinuumSettings#INTEGRITY}{@code =hash-chain}): every version row against its hash
     * and the hash of the version before it, every transaction row against its hash and the
     * version rows it wrote, and the seals. Reads in batches, in bounded memory.
     *
     * @return what was checked, and the first broken link if any
     * @throws ConfigurationException if tamper evidence is off
     */
    IntegrityReport verify();

    /**
     * {@link #verify()} for the history of one entity: its versions in every version table of its
     * hierarchy, its collections' rows, and the transactions that wrote them.
     *
     * @param entityType a versioned entity class
     * @param id the entity's identifier
     * @return what was checked, and the first broken link if any
     * @throws ConfigurationException if tamper evidence is off
     * @throws HistoryLookupException if the type is not versioned
     */
    IntegrityReport verify(Class<?> entityType, Object id);

    /**
     * {@link #seal(Duration)} of the transactions issued a minute ago or earlier.
     *
     * @return the check, with the new seal as {@link IntegrityReport#lastSeal()}
     * @throws ConfigurationException if tamper evidence is off
     */
    default IntegrityReport seal() {
        return seal(Duration.ofMinutes(1));
    }

    /**
     * Checks the whole history like {@link #verify()} and, when it is intact, writes a seal over
     * the transactions written since the last seal and issued {@code settled} ago or earlier (so
     * that one still committing is not left out): a digest of their hashes chained to the
     * previous seal. A transaction deleted or inserted before a seal, with all its versions and
     * hashes, then no longer matches it. Keep the digest of the last seal outside the database.
     *
     * @param settled how long ago the last transaction sealed must have been issued, at least the
     *        longest time your transactions take from writing their history to committing
     * @return the check, with the new seal as {@link IntegrityReport#lastSeal()} (the previous
     *         one when there was nothing to seal or the history is not intact)
     * @throws ConfigurationException if tamper evidence is off
     */
    IntegrityReport seal(Duration settled);

    /**
     * With partitioned version tables ({@link ContinuumSettings#PARTITION_SPAN}, PostgreSQL):
     * makes the range partitions that the next transactions need, up to the one after the
     * partition of the newest transaction, in every version table, moving rows that the default
     * partition took for their ranges into them. Run it on a schedule (as often as a partition's
     * span of transactions fills); rows written beyond the last partition are never refused, they
     * land in the default partition until this runs. Schema creation and update run it at boot.
     *
     * @return how many partitions it made
     * @throws ConfigurationException if version tables are not partitioned
     */
    int ensurePartitions();

    /** The user id of the transaction row a {@link #baseline(Class)} records its versions in. */
    String BASELINE_USER = "continuum:baseline";
}
