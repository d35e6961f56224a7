package dev.continuum;

import dev.continuum.spi.HistoryAdminFactory;

import jakarta.persistence.EntityManagerFactory;

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

    /** The user id of the transaction row a {@link #baseline(Class)} records its versions in. */
    String BASELINE_USER = "continuum:baseline";
}
