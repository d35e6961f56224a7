package dev.continuum.hibernate.internal;

import dev.continuum.ContinuumSettings;
import dev.continuum.Versioned;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.persister.collection.CollectionPersister;
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
        Map<Table, VersionTableMapping> mappings = new LinkedHashMap<>();
        List<EntityPlan> entities = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            if (view == null || !SchemaContributor.hasPhysicalTable(entity)) {
                continue;
            }
            List<Table> tables = new ArrayList<>();
            String name = VersionedEntity.simpleName(entity);
            for (VersionedEntity.Level level : view.levels()) {
                Table table = versionTable(metadata, level.versionTableName(), level.liveTable());
                tables.add(table);
                VersionTableMapping mapping = mappings.computeIfAbsent(table, t -> new VersionTableMapping(
                        "entity " + VersionedEntity.simpleName(entity.getRootClass()),
                        VersionedEntity.simpleName(entity.getRootClass()), t, new LinkedHashMap<>()));
                for (Column column : level.keyColumns()) {
                    mapping.sources().putIfAbsent(column.getName(),
                            new VersionTableMapping.Source(level.liveTable(), name + " identifier"));
                }
                for (Property property : level.properties()) {
                    for (Column column : VersionedEntity.columnsOf(property)) {
                        mapping.sources().putIfAbsent(column.getName(), new VersionTableMapping.Source(
                                property.getValue().getTable(), name + "." + property.getName()));
                    }
                }
            }
            entities.add(new EntityPlan(view, tables));
        }
        if (entities.isEmpty()) {
            return;
        }
        List<CollectionPlan> collections = new ArrayList<>();
        for (org.hibernate.mapping.Collection collection : metadata.getCollectionBindings()) {
            VersionedCollection plan = VersionedCollection.of(collection, settings);
            if (plan == null) {
                continue;
            }
            Table table = null;
            if (!plan.isJoinColumnOneToMany()) {
                table = versionTable(metadata, plan.versionTableName(), collection.getCollectionTable());
                VersionTableMapping mapping = mappings.computeIfAbsent(table, t -> new VersionTableMapping(
                        "collection " + plan.description(), plan.description(), t, new LinkedHashMap<>()));
                for (Column column : plan.keyColumns()) {
                    mapping.sources().putIfAbsent(column.getName(),
                            new VersionTableMapping.Source(collection.getCollectionTable(), plan.description()));
                }
                for (Column column : plan.rowColumns()) {
                    mapping.sources().putIfAbsent(column.getName(),
                            new VersionTableMapping.Source(collection.getCollectionTable(), plan.description()));
                }
            }
            collections.add(new CollectionPlan(plan, table));
        }
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table transactionTable = metadata.getEntityBinding(dev.continuum.hibernate.ContinuumTransaction.class.getName()).getTable();
        if (SchemaCheck.applies(properties, settings)) {
            new SchemaCheck(factory, metadata, transactionTable).check(new ArrayList<>(mappings.values()));
        }
        VersionEventListener listener = new VersionEventListener();
        factory.addObserver(new SessionFactoryObserver() {
            @Override
            public void sessionFactoryCreated(SessionFactory created) {
                VersioningRuntime runtime = runtime(factory, settings, properties, entities, collections,
                        transactionTable, namespace);
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
        registry.appendListeners(EventType.PRE_COLLECTION_RECREATE, listener);
        registry.appendListeners(EventType.PRE_COLLECTION_UPDATE, listener);
        registry.appendListeners(EventType.PRE_COLLECTION_REMOVE, listener);
        registry.appendListeners(EventType.POST_LOAD, new VersionClassBinder());
    }

    /** A versioned entity and its version tables, root level first. */
    private record EntityPlan(VersionedEntity view, List<Table> tables) {
    }

    /** A versioned collection and its version table (null for a join-column one-to-many). */
    private record CollectionPlan(VersionedCollection plan, Table table) {
    }

    private static Table versionTable(Metadata metadata, String name, Table live) {
        return metadata.getDatabase().locateNamespace(live.getCatalogIdentifier(), live.getSchemaIdentifier())
                .locateTable(Identifier.toIdentifier(name, live.isQuoted()));
    }

    private static VersioningRuntime runtime(SessionFactoryImplementor factory, Settings settings,
            Map<String, Object> properties, List<EntityPlan> entities, List<CollectionPlan> collections,
            Table transactionTable, Namespace namespace) {
        SqlStringGenerationContext context = factory.getSqlStringGenerationContext();
        Dialect dialect = factory.getJdbcServices().getDialect();
        String transactionId = new Column(settings.transactionIdColumn()).getQuotedName(dialect);
        String endTransactionId = new Column(settings.endTransactionIdColumn()).getQuotedName(dialect);
        String operationType = new Column(settings.operationTypeColumn()).getQuotedName(dialect);
        Map<String, EntityVersionWriter> writers = new LinkedHashMap<>();
        java.util.Set<String> ownersVersioned = new java.util.HashSet<>();
        for (EntityPlan plan : entities) {
            EntityPersister persister = factory.getMappingMetamodel()
                    .getEntityDescriptor(plan.view().entity().getEntityName());
            List<EntityVersionWriter> tables = new ArrayList<>();
            List<VersionedEntity.Level> levels = plan.view().levels();
            for (int i = 0; i < levels.size(); i++) {
                VersionedEntity.Level level = levels.get(i);
                // a JOINED subclass's identifier mapping names its own table's key columns, so name them per level
                List<String> keyNames = level.keyColumns().stream().map(c -> c.getQuotedName(dialect)).toList();
                tables.add(new EntityVersionWriter(persister, context.format(plan.tables().get(i).getQualifiedTableName()),
                        level.propertyNames(), keyNames, level.discriminator(), transactionId, endTransactionId,
                        operationType));
            }
            EntityVersionWriter writer = tables.get(0);
            if (tables.size() > 1) {
                writer.addLevels(tables.subList(1, tables.size()));
            }
            writers.put(persister.getEntityName(), writer);
            Versioned.Setting option = VersionedEntity.annotation(plan.view().entity()).versionOwnerOnCollectionChange();
            if (option == Versioned.Setting.ENABLED
                    || option == Versioned.Setting.DEFAULT && settings.versionOwnerOnCollectionChange()) {
                ownersVersioned.add(persister.getEntityName());
            }
        }
        Map<String, CollectionVersionWriter> collectionWriters = new LinkedHashMap<>();
        Map<String, JoinColumnWriter> joinColumns = new LinkedHashMap<>();
        for (CollectionPlan plan : collections) {
            CollectionPersister persister = factory.getMappingMetamodel()
                    .getCollectionDescriptor(plan.plan().collection().getRole());
            if (plan.table() != null) {
                collectionWriters.put(persister.getRole(), new CollectionVersionWriter(persister,
                        context.format(plan.table().getQualifiedTableName()), transactionId, endTransactionId,
                        operationType));
                continue;
            }
            List<String> keyNames = plan.plan().keyColumns().stream().map(c -> c.getQuotedName(dialect)).toList();
            String liveTable = context.format(plan.plan().collection().getCollectionTable().getQualifiedTableName());
            boolean versionedChild = false;
            for (PersistentClass child : plan.plan().childEntities()) {
                EntityVersionWriter writer = writers.get(child.getEntityName());
                if (writer == null) {
                    continue;
                }
                int level = levelOf(child, plan.plan().collection().getCollectionTable(), settings);
                if (level >= 0) {
                    writer.tables().get(level).addLiveColumns(keyNames, liveTable);
                    versionedChild = true;
                }
            }
            if (versionedChild || ownersVersioned.contains(plan.plan().collection().getOwner().getEntityName())) {
                joinColumns.put(persister.getRole(), new JoinColumnWriter(persister));
            }
        }
        String sequence = context.format(new QualifiedSequenceName(namespace.getPhysicalName().catalog(),
                namespace.getPhysicalName().schema(), Identifier.toIdentifier(settings.transactionSequence())));
        VersioningRuntime runtime = new VersioningRuntime(factory, settings, writers, collectionWriters,
                joinColumns, ownersVersioned, context.format(transactionTable.getQualifiedTableName()), sequence,
                Settings.contextProvider(properties, factory.getServiceRegistry().requireService(ClassLoaderService.class)));
        LOG.info("Continuum versions {} entit{}: {}{}", writers.size(), writers.size() == 1 ? "y" : "ies",
                new TreeSet<>(writers.keySet()),
                collectionWriters.isEmpty() ? "" : "; collections: " + new TreeSet<>(collectionWriters.keySet()));
        return runtime;
    }

    /** The index of the level of {@code child} whose live table is {@code table}, or -1. */
    private static int levelOf(PersistentClass child, Table table, Settings settings) {
        List<VersionedEntity.Level> levels = VersionedEntity.of(child, settings).levels();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).liveTable() == table) {
                return i;
            }
        }
        return -1;
    }
}
