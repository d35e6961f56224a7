package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.HistoryAdmin;
import dev.continuum.spi.HistoryAdminFactory;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import java.util.Optional;

/**
 * Serves {@link HistoryAdmin#of(EntityManagerFactory)} for Hibernate ORM. Registered through
 * {@link java.util.ServiceLoader}.
 */
public final class HibernateHistoryAdminFactory implements HistoryAdminFactory {

    /** For {@link java.util.ServiceLoader}. */
    public HibernateHistoryAdminFactory() {
    }

    @Override
    public Optional<HistoryAdmin> open(EntityManagerFactory entityManagerFactory) {
        SessionFactoryImplementor factory;
        try {
            factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        } catch (PersistenceException | ClassCastException e) {
            return Optional.empty();
        }
        return Optional.of(new HibernateHistoryAdmin(factory));
    }
}
