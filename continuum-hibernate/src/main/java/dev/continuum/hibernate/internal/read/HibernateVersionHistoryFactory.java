package dev.continuum.hibernate.internal.read;

import dev.continuum.VersionHistory;
import dev.continuum.spi.VersionHistoryFactory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.engine.spi.SessionImplementor;

import java.util.Optional;

/**
 * Serves {@link VersionHistory#of(EntityManager)} for Hibernate ORM entity managers and sessions.
 * Registered through {@link java.util.ServiceLoader}.
 */
public final class HibernateVersionHistoryFactory implements VersionHistoryFactory {

    /** For {@link java.util.ServiceLoader}. */
    public HibernateVersionHistoryFactory() {
    }

    @Override
    public Optional<VersionHistory> open(EntityManager entityManager) {
        SessionImplementor session;
        try {
            session = entityManager.unwrap(SessionImplementor.class);
        } catch (PersistenceException | ClassCastException e) {
            return Optional.empty();
        }
        return Optional.of(new HibernateVersionHistory(session, HistoryModel.of(session.getFactory()).orElse(null)));
    }
}
