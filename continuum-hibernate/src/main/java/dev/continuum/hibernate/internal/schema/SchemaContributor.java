package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.CompactProperties;
import dev.continuum.hibernate.internal.model.ModifiedFlags;
import dev.continuum.hibernate.internal.model.NativeVersioning;
import dev.continuum.hibernate.internal.nativemode.NativeSupport;
import dev.continuum.hibernate.internal.nativemode.NativeTable;
import dev.continuum.hibernate.internal.nativemode.NativeTriggers;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionIdSource;
import dev.continuum.hibernate.internal.model.VersionedEntity;
import dev.continuum.hibernate.internal.model.VersionedCollection;
import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.ContinuumTransaction;
import dev.continuum.ContinuumSettings;
import dev.continuum.Versioned;

import org.hibernate.binder.internal.TenantIdBinder;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.ExtractedDatabaseMetaData;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Table;
import org.hibernate.models.spi.ClassDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds the version tables, the transaction table and its sequence (on a database without
 * sequences, the table's identity column hands out transaction ids) to Hibernate's relational
 * model, so that schema creation, update, validation and the {@code SchemaManager} handle them
 * like mapped tables. Also the earliest point at which {@code @Versioned} is checked against the
 * mapping. Discovered through {@link java.util.ServiceLoader}.
 */
public final class SchemaContributor extends ContinuumContributor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");

    /** For {@link java.util.ServiceLoader}. */
    public SchemaContributor() {
        super("");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        checkNoVersionedNonEntities(metadata, context);
        List<PersistentClass> versioned = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (VersionedEntity.annotation(entity) != null) {
                VersionedEntity.checkExcludes(entity);
                VersionedEntity.of(entity, settings);
                versioned.add(entity);
            }
        }
        if (versioned.isEmpty()) {
            return;
        }
        versioned.sort((a, b) -> a.getEntityName().compareTo(b.getEntityName()));
        Dialect dialect = metadata.getDatabase().getDialect();
        ExtractedDatabaseMetaData server = metadata.getDatabase().getJdbcEnvironment().getExtractedDatabaseMetaData();
        MySqlServer.check(dialect, server.getDatabaseProductName(), server.getDatabaseProductVersion())
                .ifPresent(LOG::warn);
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Identifiers.checkSettings(settings, dialect, helper);
        if (settings.partitioned()) {
            VersionPartitions.checkDialect(dialect);
        }
        for (PersistentClass entity : versioned) {
            EmbeddedExclusions.check(entity);
            if (NativeVersioning.enabled(entity, settings)) {
                NativeSupport.check(entity, settings, dialect, hasTenantId(metadata), metadata.getCollectionBindings());
            }
        }
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        checkNoClash(metadata, helper.toIdentifier(settings.transactionTable()), "transaction table",
                ContinuumSettings.TRANSACTION_TABLE);
        TransactionIdSource ids = TransactionIdSource.of(dialect);
        contributions.contributeBinding(new ByteArrayInputStream(
                TransactionMapping.ormXml(settings.transactionTable(), settings.userIdLength(),
                        settings.remoteAddrLength(), hasTenantId(metadata), ids).getBytes(StandardCharsets.UTF_8)));
        if (ids == TransactionIdSource.SEQUENCE) {
            contributions.contributeSequence(new Sequence(CONTRIBUTOR,
                    namespace.getPhysicalName().catalog(), namespace.getPhysicalName().schema(),
                    helper.toIdentifier(settings.transactionSequence()), 1, 1));
        }
        Map<String, VersionTableBuilder> tables = new LinkedHashMap<>();
        boolean anyCompact = false;
        for (PersistentClass entity : versioned) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            if (!hasPhysicalTable(entity)) {
                continue;
            }
            for (VersionedEntity.Level level : view.levels()) {
                VersionTableBuilder builder = VersionTableBuilder.of(tables, level.versionTableName(), level.liveTable(),
                        VersionedEntity.simpleName(entity), "name it with @Versioned(table = \"...\") on "
                                + levelClass(entity, level) + ", or choose a shorter " + ContinuumSettings.TABLE_SUFFIX,
                        metadata);
                builder.key(level.keyColumns());
                if (level.discriminator()) {
                    for (Selectable selectable : entity.getRootClass().getDiscriminator().getSelectables()) {
                        if (selectable instanceof Column column) {
                            builder.data(column, level.liveTable(), "the discriminator");
                        }
                    }
                }
                boolean flagged = ModifiedFlags.enabled(entity, settings);
                for (Property property : level.properties()) {
                    boolean compact = CompactProperties.isCompact(entity, property);
                    anyCompact |= compact;
                    for (Column column : VersionedEntity.columnsOf(property)) {
                        builder.data(column, property.getValue().getTable(),
                                VersionedEntity.simpleName(entity) + "." + property.getName());
                        if (compact) {
                            builder.compact.add(column.getName());
                        }
                    }
                    if (flagged) {
                        builder.flags.putIfAbsent(ModifiedFlags.identifier(helper, property),
                                VersionedEntity.simpleName(entity) + "." + property.getName());
                    }
                }
            }
        }
        for (org.hibernate.mapping.Collection collection : sorted(metadata.getCollectionBindings())) {
            indexChildKeys(tables, collection, settings);
            VersionedCollection plan = VersionedCollection.of(collection, settings);
            if (plan == null) {
                continue;
            }
            if (plan.isJoinColumnOneToMany()) {
                addJoinColumns(tables, plan, settings);
                continue;
            }
            VersionTableBuilder builder = VersionTableBuilder.of(tables, plan.versionTableName(), collection.getCollectionTable(),
                    plan.description(), "give the collection table of " + plan.description() + " a shorter name "
                            + "(@JoinTable or @CollectionTable), or choose a shorter " + ContinuumSettings.TABLE_SUFFIX,
                    metadata);
            builder.key(plan.keyColumns());
            for (Column column : plan.rowColumns()) {
                builder.data(column, collection.getCollectionTable(), plan.description());
            }
            builder.primaryKey = plan.primaryKeyColumns();
        }
        Map<String, Table> built = new LinkedHashMap<>();
        for (Map.Entry<String, VersionTableBuilder> entry : tables.entrySet()) {
            VersionTableBuilder builder = entry.getValue();
            Table table = builder.build(settings, context, helper, dialect);
            Table mapped = builder.namespace.locateTable(builder.name);
            built.put(entry.getKey(), mapped == null ? table : mapped);
            if (mapped == null) {
                contributions.contributeTable(table);
            } else {
                // a typed version class maps this table: keep it, checked against the table Continuum expects
                GeneratedVersionClasses.reconcile(mapped, table, builder.live, builder.owner, settings, metadata);
                ValueTableContribution.markReferences(mapped, builder.compact);
                mapped.setOptions(table.getOptions());
            }
            if (settings.hashChain()) {
                IntegrityTablesContributor.addRowHash(mapped == null ? table : mapped, helper, context);
            }
            if (settings.partitioned()) {
                contributions.contributeAuxiliaryDatabaseObject(
                        new VersionPartitions(mapped == null ? table : mapped, settings.partitionSpan()));
            }
        }
        if (anyCompact) {
            ValueTableContribution.contribute(contributions, metadata, context, settings);
        }
        contributeTriggers(versioned, built, metadata, settings, dialect, helper, namespace);
    }

    /**
     * Adds the triggers of the natively versioned entities to the relational model, as one auxiliary
     * database object that schema management creates after the tables.
     */
    private static void contributeTriggers(List<PersistentClass> versioned, Map<String, Table> versionTables,
            InFlightMetadataCollector metadata, Settings settings, Dialect dialect, IdentifierHelper helper,
            Namespace namespace) {
        List<NativeTable> triggered = new ArrayList<>();
        for (PersistentClass entity : versioned) {
            if (NativeVersioning.enabled(entity, settings) && hasPhysicalTable(entity)) {
                Table version = versionTables.get(VersionedEntity.of(entity, settings).versionTableName());
                triggered.add(NativeSupport.table(entity, version, settings, dialect));
            }
        }
        if (!triggered.isEmpty()) {
            metadata.getDatabase().addAuxiliaryDatabaseObject(new NativeTriggers(
                    NativeSupport.bookkeeping(namespace, helper, settings, dialect,
                            () -> metadata.getEntityBinding(ContinuumTransaction.class.getName()).getTable()),
                    triggered));
        }
    }

    private static List<org.hibernate.mapping.Collection> sorted(
            java.util.Collection<org.hibernate.mapping.Collection> collections) {
        List<org.hibernate.mapping.Collection> list = new ArrayList<>(collections);
        list.sort((a, b) -> a.getRole().compareTo(b.getRole()));
        return list;
    }

    /** Whether the entity's rows live in a table of their own (not an abstract TABLE_PER_CLASS class). */
    public static boolean hasPhysicalTable(PersistentClass entity) {
        return entity.getTable().isPhysicalTable();
    }

    /**
     * Adds the foreign key columns a join-column one-to-many writes into its child's table to the
     * version table of the child's level that holds them (when the child is versioned).
     */
    private static void addJoinColumns(Map<String, VersionTableBuilder> tables, VersionedCollection plan, Settings settings) {
        for (VersionTableBuilder found : childVersionTables(tables, plan.collection(), settings)) {
            for (Column column : plan.keyColumns()) {
                found.data(column, plan.collection().getCollectionTable(), plan.description());
            }
        }
    }

    /**
     * A one-to-many of a versioned owner ({@code mappedBy} or {@code @JoinColumn}) to versioned
     * children is read as of a point by the owner's key in the children's version rows: those rows
     * get an index on that key, so that the read stays an index probe however long the children's
     * history grows.
     */
    private static void indexChildKeys(Map<String, VersionTableBuilder> tables,
            org.hibernate.mapping.Collection collection, Settings settings) {
        if (!collection.isOneToMany() || VersionedEntity.annotation(collection.getOwner()) == null) {
            return;
        }
        List<String> key = new ArrayList<>();
        for (Selectable selectable : collection.getKey().getSelectables()) {
            if (!(selectable instanceof Column column)) {
                return;
            }
            key.add(column.getName());
        }
        childVersionTables(tables, collection, settings).forEach(found -> found.lookups.add(key));
    }

    /** The version tables of a one-to-many's children (and their subclasses) that hold its foreign key. */
    private static List<VersionTableBuilder> childVersionTables(Map<String, VersionTableBuilder> tables,
            org.hibernate.mapping.Collection collection, Settings settings) {
        PersistentClass child = ((OneToMany) collection.getElement()).getAssociatedClass();
        List<PersistentClass> entities = new ArrayList<>();
        entities.add(child);
        entities.addAll(child.getSubclassClosure().stream().filter(c -> c != child).toList());
        List<VersionTableBuilder> found = new ArrayList<>();
        for (PersistentClass entity : entities) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            if (view == null || !hasPhysicalTable(entity)) {
                continue;
            }
            for (VersionedEntity.Level level : view.levels()) {
                VersionTableBuilder builder = tables.get(level.versionTableName());
                if (level.liveTable() == collection.getCollectionTable() && builder != null && !found.contains(builder)) {
                    found.add(builder);
                }
            }
        }
        return found;
    }

    /**
     * Whether the unit has an entity with a {@code @TenantId} (discriminator multi-tenancy), which
     * Hibernate enforces through a filter of its own: then transactions belong to tenants.
     */
    private static boolean hasTenantId(InFlightMetadataCollector metadata) {
        return metadata.getFilterDefinition(TenantIdBinder.FILTER_NAME) != null;
    }

    /**
     * Fails when a class that is not an entity carries {@code @Versioned}: it would silently record
     * nothing.
     */
    private static void checkNoVersionedNonEntities(InFlightMetadataCollector metadata, MetadataBuildingContext context) {
        Set<String> offenders = new TreeSet<>();
        context.getBootstrapContext().getModelsContext().getClassDetailsRegistry().forEachClassDetails(details -> {
            Class<?> type = javaClass(details);
            if (type != null && type.isAnnotationPresent(Versioned.class)
                    && metadata.getEntityBinding(type.getName()) == null
                    && metadata.getEntityBindings().stream().noneMatch(e -> type.equals(e.getMappedClass()))) {
                offenders.add(type.getName());
            }
        });
        if (!offenders.isEmpty()) {
            String first = offenders.iterator().next();
            throw new ConfigurationException(first + " is annotated @Versioned but is not an @Entity, so nothing of it "
                    + "can be versioned; annotate it with @jakarta.persistence.Entity, or remove @Versioned"
                    + " (on an @Embeddable or @MappedSuperclass, put @Versioned on the entities that use it)"
                    + (offenders.size() > 1 ? ". Also affected: " + offenders : ""));
        }
    }

    private static Class<?> javaClass(ClassDetails details) {
        if (details.getClassName() == null) {
            return null;
        }
        try {
            return details.toJavaClass();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    static Column copy(Column live) {
        Column column = live.clone();
        column.setNullable(true);
        column.setUnique(false);
        column.setUniqueKeyName(null);
        return column;
    }

    /**
     * A column of one of Continuum's own tables, named by {@code name} (quoted as Hibernate quotes
     * the mapping's names), of the basic type {@code type}; a string column is 255 long.
     */
    static Column column(Identifier name, String type, boolean nullable, Table table, MetadataBuildingContext context) {
        BasicValue value = new BasicValue(context, table);
        value.setTypeName(type);
        Column column = new Column(name.render());
        column.setNullable(nullable);
        if ("string".equals(type)) {
            column.setLength(255);
        }
        column.setValue(value);
        value.addColumn(column);
        value.resolve();
        return column;
    }

    /**
     * Fails when the application maps a table that is, or may be, the one Continuum would create
     * as {@code name} in the default namespace: the same name in any letter case, in the default
     * namespace or in one that may be it (an explicit schema where Continuum's has none).
     */
    static void checkNoClash(InFlightMetadataCollector metadata, Identifier name, String what, String setting) {
        Namespace own = metadata.getDatabase().getDefaultNamespace();
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            if (!mayCoincide(namespace.getName().catalog(), own.getName().catalog())
                    || !mayCoincide(namespace.getName().schema(), own.getName().schema())) {
                continue;
            }
            for (Table table : namespace.getTables()) {
                if (table.getName().equalsIgnoreCase(name.getText())) {
                    String qualified = (table.getSchema() == null ? "" : table.getSchema() + ".") + table.getName();
                    throw new ConfigurationException("Continuum's " + what + " '" + name.getText() + "' would be the "
                            + "table '" + qualified + "' that " + mappedBy(metadata, table) + " maps; give Continuum's "
                            + what + " another name with the " + setting + " setting (for example " + setting + "="
                            + (what.startsWith("transaction") ? "continuum_transaction" : "continuum_undo_position")
                            + ")");
                }
            }
        }
    }

    private static boolean mayCoincide(Identifier theirs, Identifier ours) {
        return theirs == null || ours == null || theirs.getText().equalsIgnoreCase(ours.getText());
    }

    /** Who maps {@code table}, for messages: "entity Transaction", or the contributor. */
    private static String mappedBy(InFlightMetadataCollector metadata, Table table) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getTable() == table || entity.getJoins().stream().anyMatch(join -> join.getTable() == table)) {
                return "entity " + VersionedEntity.simpleName(entity);
            }
        }
        for (org.hibernate.mapping.Collection collection : metadata.getCollectionBindings()) {
            if (collection.getCollectionTable() == table) {
                return "collection " + collection.getRole();
            }
        }
        return "the mapping (" + table.getContributor() + ")";
    }

    /** The class whose {@code @Versioned(table)} names the version table of {@code level}. */
    private static String levelClass(PersistentClass entity, VersionedEntity.Level level) {
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            if (c.getTable() == level.liveTable()) {
                return VersionedEntity.simpleName(c);
            }
        }
        return VersionedEntity.simpleName(entity.getRootClass());
    }
}
