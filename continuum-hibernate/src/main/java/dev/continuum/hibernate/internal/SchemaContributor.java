package dev.continuum.hibernate.internal;

import dev.continuum.ConfigurationException;
import dev.continuum.Versioned;

import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.RootClass;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Table;
import org.hibernate.models.spi.ClassDetails;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds the version tables, the transaction table and its sequence to Hibernate's relational
 * model, so that schema creation, update, validation and the {@code SchemaManager} handle them
 * like mapped tables. Also the earliest point at which {@code @Versioned} is checked against the
 * mapping. Discovered through {@link java.util.ServiceLoader}.
 */
public final class SchemaContributor implements AdditionalMappingContributor {

    static final String CONTRIBUTOR = "continuum";

    @Override
    public String getContributorName() {
        return CONTRIBUTOR;
    }

    @Override
    public void contribute(
            AdditionalMappingContributions contributions,
            InFlightMetadataCollector metadata,
            ResourceStreamLocator resourceStreamLocator,
            MetadataBuildingContext context) {
        Map<String, Object> properties = context.getBootstrapContext().getServiceRegistry()
                .requireService(ConfigurationService.class).getSettings();
        Settings settings = Settings.from(properties);
        if (!settings.enabled()) {
            return;
        }
        checkNoVersionedNonEntities(metadata, context);
        List<PersistentClass> roots = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (VersionedEntity.annotation(entity) != null) {
                VersionedEntity.checkExcludes(entity);
                VersionedEntity.of(entity, settings);
                if (entity instanceof RootClass) {
                    roots.add(entity);
                }
            }
        }
        if (roots.isEmpty()) {
            return;
        }
        roots.sort((a, b) -> a.getEntityName().compareTo(b.getEntityName()));
        if (!metadata.getDatabase().getDialect().getSequenceSupport().supportsSequences()) {
            throw new ConfigurationException("Continuum takes transaction ids from a database sequence, but "
                    + metadata.getDatabase().getDialect().getClass().getSimpleName()
                    + " has no sequences; use a database with sequences (H2, PostgreSQL, MariaDB 10.3+, Oracle, "
                    + "SQL Server) or remove @Versioned from " + VersionedEntity.simpleName(roots.get(0)));
        }
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table existing = namespace.locateTable(Identifier.toIdentifier(settings.transactionTable()));
        if (existing != null) {
            throw new ConfigurationException("Continuum's transaction table '" + settings.transactionTable()
                    + "' is already mapped (by " + existing.getContributor() + "); choose another name with the "
                    + dev.continuum.ContinuumSettings.TRANSACTION_TABLE + " setting");
        }
        contributions.contributeBinding(new ByteArrayInputStream(
                TransactionRecord.ormXml(settings.transactionTable()).getBytes(StandardCharsets.UTF_8)));
        contributions.contributeSequence(new Sequence(CONTRIBUTOR,
                namespace.getPhysicalName().catalog(), namespace.getPhysicalName().schema(),
                Identifier.toIdentifier(settings.transactionSequence()), 1, 1));
        for (PersistentClass root : roots) {
            contributions.contributeTable(versionTable(root, settings, metadata, context));
        }
    }

    private static Table versionTable(PersistentClass root, Settings settings, InFlightMetadataCollector metadata,
            MetadataBuildingContext context) {
        Table live = root.getTable();
        VersionedEntity rootView = VersionedEntity.of(root, settings);
        Identifier name = Identifier.toIdentifier(rootView.versionTableName(), live.isQuoted());
        Namespace namespace = metadata.getDatabase().locateNamespace(live.getCatalogIdentifier(), live.getSchemaIdentifier());
        Table existing = namespace.locateTable(name);
        if (existing != null) {
            throw new ConfigurationException(VersionedEntity.simpleName(root) + " is @Versioned and its version table "
                    + "would be '" + name.getText() + "', but that table is already mapped (by "
                    + existing.getContributor() + "); choose another name with @Versioned(table = \"...\") "
                    + "or the " + dev.continuum.ContinuumSettings.TABLE_SUFFIX + " setting");
        }
        Table table = new Table(CONTRIBUTOR, namespace, name, false);
        table.setComment("Version history of " + live.getName() + " (Continuum)");

        Map<String, Column> columns = new LinkedHashMap<>();
        List<Column> idColumns = new ArrayList<>();
        for (Selectable selectable : root.getIdentifier().getSelectables()) {
            Column column = copy((Column) selectable);
            column.setNullable(false);
            columns.put(column.getName(), column);
            idColumns.add(column);
        }
        if (root.getDiscriminator() != null) {
            for (Selectable selectable : root.getDiscriminator().getSelectables()) {
                if (selectable instanceof Column column && !columns.containsKey(column.getName())) {
                    columns.put(column.getName(), copy(column));
                }
            }
        }
        for (PersistentClass entity : root.getSubclassClosure()) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            for (Property property : view.versionedProperties()) {
                for (Column column : VersionedEntity.columnsOf(property)) {
                    columns.putIfAbsent(column.getName(), copy(column));
                }
            }
        }
        Column transactionId = bookkeeping(settings.transactionIdColumn(), "long", false, table, context);
        Column endTransactionId = bookkeeping(settings.endTransactionIdColumn(), "long", true, table, context);
        Column operationType = bookkeeping(settings.operationTypeColumn(), "short", false, table, context);
        for (String reserved : List.of(transactionId.getName(), endTransactionId.getName(), operationType.getName())) {
            if (columns.containsKey(reserved)) {
                throw new ConfigurationException(VersionedEntity.simpleName(root) + " maps a column named '" + reserved
                        + "', which its version table " + name.getText() + " needs for Continuum's bookkeeping; "
                        + "rename the column or configure other names with the continuum.*_column settings");
            }
        }
        columns.values().forEach(table::addColumn);
        table.addColumn(transactionId);
        table.addColumn(endTransactionId);
        table.addColumn(operationType);

        PrimaryKey primaryKey = new PrimaryKey(table);
        primaryKey.setName(constraintName("pk", name.getText(), ""));
        idColumns.forEach(primaryKey::addColumn);
        primaryKey.addColumn(transactionId);
        table.setPrimaryKey(primaryKey);

        index(table, name.getText(), transactionId);
        index(table, name.getText(), endTransactionId);

        table.createForeignKey(constraintName("fk", name.getText(), transactionId.getName()),
                List.of(transactionId), TransactionRecord.class.getName(), null, null, null);
        return table;
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

    private static Column copy(Column live) {
        Column column = live.clone();
        column.setNullable(true);
        column.setUnique(false);
        column.setUniqueKeyName(null);
        return column;
    }

    private static Column bookkeeping(String name, String type, boolean nullable, Table table,
            MetadataBuildingContext context) {
        BasicValue value = new BasicValue(context, table);
        value.setTypeName(type);
        Column column = new Column(name);
        column.setNullable(nullable);
        column.setValue(value);
        value.addColumn(column);
        value.resolve();
        return column;
    }

    private static void index(Table table, String tableName, Column column) {
        Index index = table.getOrCreateIndex(constraintName("ix", tableName, column.getName()));
        index.addColumn(column);
    }

    /** A constraint name of at most 60 characters, unique for the table and column. */
    static String constraintName(String prefix, String table, String column) {
        String name = prefix + "_" + table + (column.isEmpty() ? "" : "_" + column);
        if (name.length() <= 60) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode());
        return name.substring(0, 59 - hash.length()) + "_" + hash;
    }
}
