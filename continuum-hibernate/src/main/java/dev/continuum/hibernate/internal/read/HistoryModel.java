package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.ActivityEntry;
import dev.continuum.hibernate.internal.compact.ValueTable;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.type.BasicType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read path's view of one session factory: a {@link TableReader} per version table (and per
 * TABLE_PER_CLASS entity read from a union), and the relations of each entity type, built from the
 * factory's {@link VersionModel} on first use and kept by its {@link ContinuumService}.
 */
final class HistoryModel {

    private final VersionModel versions;
    private final ContinuumService service;
    private final TransactionReader transactions;
    /** The value table of compact properties, or null when no entity has one. */
    private final ValueTable values;
    /** The rendered name of the table of the entity types each transaction changed, or null when it is off. */
    private final String changesTable;
    private final Map<String, TableReader> byEntity = new LinkedHashMap<>();
    private final List<TableReader> tables = new ArrayList<>();
    private final Map<String, EntityRelations> relations = new ConcurrentHashMap<>();
    private final SnapshotProxies proxies;
    private final ActivityQuery activities;
    /** Whether a page of versions joins the transaction table with {@code straight_join} (MySQL, MariaDB). */
    private final boolean straightJoin;

    private HistoryModel(SessionFactoryImplementor factory, ContinuumService service, VersionModel versions) {
        this.versions = versions;
        this.service = service;
        this.proxies = new SnapshotProxies(factory);
        this.straightJoin = factory.getJdbcServices().getDialect() instanceof MySQLDialect;
        BasicType<Instant> instantType = factory.getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        BasicType<String> stringType = factory.getTypeConfiguration().getBasicTypeForJavaType(String.class);
        this.values = versions.hasCompactProperties()
                ? new ValueTable(versions.names().valueTable(), factory.getJdbcServices().getDialect()) : null;
        this.transactions = new TransactionReader(versions.names(), instantType, stringType,
                factory.getTypeConfiguration().getBasicTypeForJavaType(Long.class),
                new TransactionMetadata(TransactionExtraTables.rendered(factory, versions.settings(),
                        TransactionExtraTables.META_SUFFIX)));
        this.activities = new ActivityQuery(factory, versions, transactions);
        this.changesTable = versions.settings().transactionChanges() ? TransactionExtraTables.rendered(factory,
                versions.settings(), TransactionExtraTables.CHANGES_SUFFIX) : null;
        Map<String, List<EntityModel>> byTable = new LinkedHashMap<>();
        for (EntityModel entity : versions.entities()) {
            byTable.computeIfAbsent(entity.root().name(), name -> new ArrayList<>()).add(entity);
        }
        byTable.values().forEach(group -> {
            TableReader reader = reader(TableLayout.of(versions.names(), group));
            tables.add(reader);
            group.forEach(entity -> byEntity.put(entity.entityName(), reader));
        });
        tables.sort((a, b) -> a.root().getEntityName().compareTo(b.root().getEntityName()));
        factory.getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (!(persister instanceof UnionSubclassEntityPersister)) {
                return;
            }
            // a TABLE_PER_CLASS entity with subclasses (or abstract) has its versions in several tables
            List<EntityModel> own = new ArrayList<>();
            for (EntityModel entity : versions.entities()) {
                String name = entity.entityName();
                if (name.equals(persister.getEntityName()) || persister.isSubclassEntityName(name)) {
                    own.add(entity);
                }
            }
            boolean single = own.size() == 1 && own.get(0).persister() == persister;
            if (!own.isEmpty() && !single) {
                byEntity.put(persister.getEntityName(),
                        reader(TableLayout.union(versions.names(), persister, own, stringType)));
            }
        });
    }

    private TableReader reader(TableLayout layout) {
        return new TableReader(layout, versions.names(), transactions, values, straightJoin);
    }

    /** The model of a factory, or empty when it versions nothing. */
    static Optional<HistoryModel> of(SessionFactoryImplementor factory) {
        ContinuumService service = ContinuumService.of(factory);
        return service.model().map(versions ->
                service.derived(HistoryModel.class, model -> new HistoryModel(factory, service, model)));
    }

    /** The relations of an entity type that snapshots hold as of a transaction, worked out once. */
    EntityRelations relations(EntityDecoder decoder) {
        return relations.computeIfAbsent(decoder.persister().getEntityName(),
                name -> EntityRelations.of(decoder, this));
    }

    /** The proxies of the to-ones of related snapshots. */
    SnapshotProxies proxies() {
        return proxies;
    }

    /** The version model the readers were built from. */
    VersionModel versions() {
        return versions;
    }

    /** The rendered names of the bookkeeping tables and columns. */
    TableNames names() {
        return versions.names();
    }

    TransactionReader transactions() {
        return transactions;
    }

    /** The rendered name of the table of the entity types each transaction changed, or empty when it is off. */
    Optional<String> changesTable() {
        return Optional.ofNullable(changesTable);
    }

    /** Tells the write path that revert re-created an entity under an identifier it had before. */
    void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        service.writePath().recreated(session, persister, id);
    }

    /** Hands an activity to the write path, for the session's running transaction. */
    void recordActivity(SharedSessionContractImplementor session, ActivityEntry activity) {
        service.writePath().recordActivity(session, activity);
    }

    /** The reads of the activity table. */
    ActivityQuery activities() {
        return activities;
    }

    Optional<TableReader> table(String entityName) {
        return Optional.ofNullable(byEntity.get(entityName));
    }

    /** The readers of the version tables, each once, by root entity name. */
    Collection<TableReader> tables() {
        return tables;
    }
}
