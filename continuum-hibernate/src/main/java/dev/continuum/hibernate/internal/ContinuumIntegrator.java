package dev.continuum.hibernate.internal;

import dev.continuum.ContinuumSettings;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hooks Continuum into a Hibernate session factory: checks the schema when Hibernate does not
 * manage it, and registers the listeners that record versions. Discovered through
 * {@link java.util.ServiceLoader}; the {@code continuum.enabled=false} setting turns it off.
 */
public final class ContinuumIntegrator implements Integrator {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
        Map<String, Object> properties = factory.getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        Settings settings = Settings.from(properties);
        if (!settings.enabled()) {
            LOG.info("Continuum is disabled ({}=false): no entity is versioned", ContinuumSettings.ENABLED);
            return;
        }
        List<VersionTableMapping> mappings = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            if (view != null) {
                mappings.add(new VersionTableMapping(view, versionTable(metadata, view)));
            }
        }
        if (mappings.isEmpty()) {
            return;
        }
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table transactionTable = metadata.getEntityBinding(TransactionRecord.class.getName()).getTable();
        if (SchemaCheck.applies(properties, settings)) {
            new SchemaCheck(factory, metadata, transactionTable).check(mappings);
        }
        VersionEventListener listener = new VersionEventListener();
        factory.addObserver(new SessionFactoryObserver() {
            @Override
            public void sessionFactoryCreated(SessionFactory created) {
                VersioningRuntime runtime = runtime(factory, settings, properties, mappings, transactionTable, namespace);
                runtime.register(factory);
                listener.start(runtime);
            }

            @Override
            public void sessionFactoryClosed(SessionFactory closed) {
                VersioningRuntime.unregister(factory);
            }
        });
        EventListenerRegistry registry = factory.getEventListenerRegistry();
        registry.appendListeners(EventType.POST_INSERT, listener);
        registry.appendListeners(EventType.POST_UPDATE, listener);
        registry.appendListeners(EventType.POST_DELETE, listener);
    }

    private static Table versionTable(Metadata metadata, VersionedEntity view) {
        Table live = view.entity().getRootClass().getTable();
        return metadata.getDatabase().locateNamespace(live.getCatalogIdentifier(), live.getSchemaIdentifier())
                .locateTable(Identifier.toIdentifier(view.versionTableName(), live.isQuoted()));
    }

    private static VersioningRuntime runtime(SessionFactoryImplementor factory, Settings settings,
            Map<String, Object> properties, List<VersionTableMapping> mappings, Table transactionTable,
            Namespace namespace) {
        SqlStringGenerationContext context = factory.getSqlStringGenerationContext();
        Map<String, EntityVersionWriter> writers = new LinkedHashMap<>();
        for (VersionTableMapping mapping : mappings) {
            EntityPersister persister = factory.getMappingMetamodel()
                    .getEntityDescriptor(mapping.view().entity().getEntityName());
            writers.put(persister.getEntityName(), new EntityVersionWriter(persister,
                    context.format(mapping.table().getQualifiedTableName()),
                    mapping.view().versionedPropertyNames(),
                    settings.transactionIdColumn(), settings.endTransactionIdColumn(), settings.operationTypeColumn()));
        }
        String sequence = context.format(new QualifiedSequenceName(namespace.getPhysicalName().catalog(),
                namespace.getPhysicalName().schema(), Identifier.toIdentifier(settings.transactionSequence())));
        VersioningRuntime runtime = new VersioningRuntime(factory, settings, writers,
                context.format(transactionTable.getQualifiedTableName()), sequence,
                Settings.contextProvider(properties, factory.getServiceRegistry().requireService(ClassLoaderService.class)));
        LOG.info("Continuum versions {} entit{}: {}", writers.size(), writers.size() == 1 ? "y" : "ies",
                new TreeSet<>(writers.keySet()));
        return runtime;
    }
}
