package dev.continuum.hibernate.internal.boot;

import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.maintenance.HibernateHistoryAdmin;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionIdSource;
import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.hibernate.internal.model.VersionModelBuilder;
import dev.continuum.hibernate.internal.model.VersionModelBuilder.CollectionPlan;
import dev.continuum.hibernate.internal.model.VersionModelBuilder.EntityPlan;
import dev.continuum.hibernate.internal.read.VersionClassBinder;
import dev.continuum.hibernate.internal.schema.ContinuumTables;
import dev.continuum.hibernate.internal.schema.GaleraSequence;
import dev.continuum.hibernate.internal.schema.SchemaCheck;
import dev.continuum.hibernate.internal.write.VersionEventListener;
import dev.continuum.hibernate.internal.write.VersioningRuntime;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hooks Continuum into a Hibernate session factory: checks the schema when Hibernate does not
 * manage it, registers the listeners that record versions, and, once the factory has started,
 * builds its {@link VersionModel} and hands it to the factory's {@link ContinuumService}.
 * Discovered through {@link java.util.ServiceLoader}; the {@code continuum.enabled=false} setting
 * turns it off.
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
        ContinuumTables tables = ContinuumTables.of(metadata, settings).orElse(null);
        if (tables == null) {
            return;
        }
        List<EntityPlan> entities = tables.entities();
        List<CollectionPlan> collections = tables.collections();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table transactionTable = tables.transactionTable();
        SchemaCheck check = new SchemaCheck(factory, metadata, tables, settings);
        check.beforeSchemaManagement();
        VersionEventListener listener = new VersionEventListener();
        factory.addObserver(new SessionFactoryObserver() {
            @Override
            public void sessionFactoryCreated(SessionFactory created) {
                // Hibernate's schema management has run by now (its observer comes first)
                check.afterSchemaManagement();
                VersionModel model = VersionModelBuilder.build(factory, settings, entities, collections,
                        transactionTable, namespace);
                VersioningRuntime runtime = new VersioningRuntime(factory, model, Settings.contextProvider(properties,
                        factory.getServiceRegistry().requireService(ClassLoaderService.class)));
                if (settings.schemaValidation() && TransactionIdSource.of(factory.getJdbcServices().getDialect())
                        == TransactionIdSource.SEQUENCE) {
                    new GaleraSequence(factory, model.names().transactionSequence(), check.managesSchema()).check();
                }
                if (settings.partitioned() && check.managesSchema()) {
                    HibernateHistoryAdmin.ensurePartitions(factory, model);
                }
                ContinuumService.of(factory).start(model, runtime);
                listener.start(runtime);
                TreeSet<String> names = new TreeSet<>();
                model.entities().forEach(entity -> names.add(entity.entityName()));
                TreeSet<String> roles = new TreeSet<>();
                model.collections().forEach(table -> roles.add(table.role()));
                LOG.info("Continuum versions {} entit{}: {}{}", names.size(), names.size() == 1 ? "y" : "ies", names,
                        roles.isEmpty() ? "" : "; collections: " + roles);
            }
        });
        EventListenerRegistry registry = factory.getEventListenerRegistry();
        registry.appendListeners(EventType.PRE_INSERT, listener);
        registry.appendListeners(EventType.PRE_UPDATE, listener);
        registry.appendListeners(EventType.PRE_DELETE, listener);
        registry.appendListeners(EventType.PRE_UPSERT, listener);
        registry.appendListeners(EventType.POST_INSERT, listener);
        registry.appendListeners(EventType.POST_UPDATE, listener);
        registry.appendListeners(EventType.POST_DELETE, listener);
        registry.appendListeners(EventType.POST_UPSERT, listener);
        registry.appendListeners(EventType.PRE_COLLECTION_RECREATE, listener);
        registry.appendListeners(EventType.PRE_COLLECTION_UPDATE, listener);
        registry.appendListeners(EventType.PRE_COLLECTION_REMOVE, listener);
        registry.appendListeners(EventType.POST_LOAD, new VersionClassBinder());
        if (settings.writeAtFlush()) {
            // after Hibernate's own flush listeners: the rows of the flush are written by then
            registry.appendListeners(EventType.FLUSH, listener);
            registry.appendListeners(EventType.AUTO_FLUSH, listener);
        }
    }
}
