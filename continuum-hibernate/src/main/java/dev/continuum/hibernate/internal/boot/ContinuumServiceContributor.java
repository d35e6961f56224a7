package dev.continuum.hibernate.internal.boot;

import dev.continuum.hibernate.internal.model.ContinuumService;

import org.hibernate.service.spi.SessionFactoryServiceContributor;
import org.hibernate.service.spi.SessionFactoryServiceInitiator;
import org.hibernate.service.spi.SessionFactoryServiceInitiatorContext;
import org.hibernate.service.spi.SessionFactoryServiceRegistryBuilder;

/**
 * Registers the {@link ContinuumService} in every session factory's service registry, and creates
 * it there. Discovered through {@link java.util.ServiceLoader}.
 */
public final class ContinuumServiceContributor
        implements SessionFactoryServiceContributor, SessionFactoryServiceInitiator<ContinuumService> {

    @Override
    public void contribute(SessionFactoryServiceRegistryBuilder builder) {
        builder.addInitiator(this);
    }

    @Override
    public Class<ContinuumService> getServiceInitiated() {
        return ContinuumService.class;
    }

    @Override
    public ContinuumService initiateService(SessionFactoryServiceInitiatorContext context) {
        return new ContinuumService();
    }
}
