package dev.continuum.spi;

import dev.continuum.VersionHistory;

import jakarta.persistence.EntityManager;

import java.util.Optional;

/**
 * Opens a {@link VersionHistory} on an {@link EntityManager} of a particular JPA provider.
 * {@link VersionHistory#of(EntityManager)} asks each implementation registered through
 * {@link java.util.ServiceLoader} in turn; the Continuum module of each supported provider (for
 * Hibernate ORM, {@code continuum-hibernate}) registers one. Implementations must be thread-safe.
 */
public interface VersionHistoryFactory {

    /**
     * A history reading through {@code entityManager}.
     *
     * @param entityManager an open entity manager
     * @return the history, or empty when this factory does not support the entity manager's
     *         provider
     */
    Optional<VersionHistory> open(EntityManager entityManager);
}
