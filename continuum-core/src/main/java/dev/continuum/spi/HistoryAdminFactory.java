package dev.continuum.spi;

import dev.continuum.HistoryAdmin;

import jakarta.persistence.EntityManagerFactory;

import java.util.Optional;

/**
 * Opens the {@link HistoryAdmin} of an {@link EntityManagerFactory} of a particular JPA provider.
 * {@link HistoryAdmin#of(EntityManagerFactory)} asks each implementation registered through
 * {@link java.util.ServiceLoader} in turn; the Continuum module of each supported provider
 * registers one. Implementations must be thread-safe.
 */
public interface HistoryAdminFactory {

    /**
     * The maintenance operations of {@code entityManagerFactory}.
     *
     * @param entityManagerFactory an open entity manager factory
     * @return the operations, or empty when this factory does not support the provider
     */
    Optional<HistoryAdmin> open(EntityManagerFactory entityManagerFactory);
}
