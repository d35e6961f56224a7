package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.HibernateCompatibility;
import dev.continuum.hibernate.internal.model.Settings;

import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;

import java.util.Map;

/**
 * What Continuum's mapping contributors share: they read the settings, and contribute nothing when
 * Continuum is disabled.
 */
abstract class ContinuumContributor implements AdditionalMappingContributor {

    /** The name every contributor's name starts with, which tables record as their contributor. */
    static final String CONTRIBUTOR = "continuum";

    private final String name;

    /** @param suffix what follows {@link #CONTRIBUTOR} in this contributor's name */
    ContinuumContributor(String suffix) {
        this.name = CONTRIBUTOR + suffix;
    }

    @Override
    public final String getContributorName() {
        return name;
    }

    @Override
    public final void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            ResourceStreamLocator resourceStreamLocator, MetadataBuildingContext context) {
        Map<String, Object> properties = context.getBootstrapContext().getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        Settings settings = Settings.from(properties);
        if (settings.enabled()) {
            HibernateCompatibility.check();
            contribute(contributions, metadata, context, settings);
        }
    }

    /** Contributes to the mapping of a persistence unit in which Continuum is enabled. */
    abstract void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings);
}
