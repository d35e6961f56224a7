package dev.continuum.hibernate.internal.boot;

import dev.continuum.hibernate.internal.model.ContinuumService;

import org.hibernate.service.spi.SessionFactoryServiceContributor;
import org.hibernate.service.spi.SessionFactoryServiceInitiator;
import org.hibernate.service.spi.SessionFactoryServiceInitiatorContext;
import org.hibernate.service.spi.SessionFactoryServiceRegistryBuilder;

/**
 * Registers the {@link ContinuumService} in every session factory's service registry. Discovered
 * through {@link java.util.ServiceLoader}.
 */
public final class ContinuumServiceContributor implements SessionFactoryServiceContributor {

    @Override
    public void contribute(SessionFactoryServiceRegistryBuilder builder) {
        builder.addInitiator(Initiator.INSTANCE);
    }

    private enum Initiator implements SessionFactoryServiceInitiator<ContinuumService> {
        INSTANCE;

        @Override
        public Class<ContinuumService> getServiceInitiated() {
            return ContinuumService.class;
        }

        @Override
        public ContinuumService initiateService(SessionFactoryServiceInitiatorContext context) {
            return new ContinuumService();
        }
    }
}
