package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionedEntity;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.VersionOf;

import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lets the typed version classes the annotation processor generates (read-only entities marked
 * {@link VersionOf}) map the version tables Continuum maintains.
 *
 * <p>A generated class maps the version table of its entity, so Hibernate already holds a table of
 * that name when Continuum contributes its own. {@link #reconcile} keeps Hibernate's table, adds
 * what the generated class cannot declare (the foreign key to the transaction table, the indexes,
 * nullable data columns) and checks its columns, by name and SQL type, against those Continuum
 * writes: a class generated before its entity changed is stale and fails the boot, asking to
 * recompile.
 *
 * <p>As a contributor of its own it also checks, for every persistence unit, that each
 * {@link VersionOf} class names a versioned entity of the unit and maps its version table.
 */
public final class GeneratedVersionClasses extends ContinuumContributor {

    /** For {@link java.util.ServiceLoader}. */
    public GeneratedVersionClasses() {
        super("-version-classes");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        for (PersistentClass mapped : sorted(metadata.getEntityBindings())) {
            VersionOf versionOf = versionOf(mapped);
            if (versionOf != null) {
                check(mapped, versionOf.value(), metadata, settings);
            }
        }
    }

    /** A {@link VersionOf} class must name a versioned entity of the unit and map its version table. */
    private static void check(PersistentClass versionClass, Class<?> entityClass, InFlightMetadataCollector metadata,
            Settings settings) {
        String className = versionClass.getMappedClass().getName();
        PersistentClass entity = entityBinding(entityClass, metadata);
        if (entity == null) {
            throw new ConfigurationException(className + " is the version class of " + entityClass.getName()
                    + " (@VersionOf), but " + entityClass.getSimpleName() + " is not an entity of this persistence "
                    + "unit; add " + entityClass.getName() + " to the managed classes, or remove " + className);
        }
        if (VersionedEntity.annotation(entity) == null) {
            throw new ConfigurationException(className + " is the version class of " + entityClass.getName()
                    + " (@VersionOf), but " + entityClass.getSimpleName() + " is not @Versioned, so it has no version "
                    + "table; " + className + " is stale: recompile so that the annotation processor removes it, "
                    + "or annotate " + entityClass.getSimpleName() + " with @Versioned again");
        }
        if (!SchemaContributor.hasPhysicalTable(entity)) {
            return;
        }
        String expected = VersionedEntity.of(entity, settings).versionTableName();
        String actual = versionClass.getTable().getName();
        if (!expected.equalsIgnoreCase(actual)) {
            throw new ConfigurationException(className + " is the version class of " + entityClass.getSimpleName()
                    + " and maps table '" + actual + "', but the version table of " + entityClass.getSimpleName()
                    + " is '" + expected + "'; " + className + " is stale: recompile so that the annotation "
                    + "processor generates it anew (with -Acontinuum.table_suffix matching the "
                    + ContinuumSettings.TABLE_SUFFIX + " setting)");
        }
    }

    /**
     * Adopts a table that a generated version class maps as the version table Continuum would
     * have contributed, or fails when another mapping holds the name.
     *
     * <p>Called by the schema contributor for each version table whose name is already mapped,
     * in place of contributing its own table.
     *
     * @param existing the table Hibernate already maps under the version table's name
     * @param expected the version table Continuum would contribute: its columns, primary key,
     *        indexes and foreign keys
     * @param live the live table whose history it holds
     * @param owner the name of the versioned entity, for messages
     * @param metadata the metadata being built
     * @throws ConfigurationException when {@code existing} is not mapped by the version class of
     *         the entity, or the class does not match the columns Continuum expects
     */
    public static void reconcile(Table existing, Table expected, Table live, String owner,
            Settings settings, InFlightMetadataCollector metadata) {
        PersistentClass versionClass = mappingOf(existing, metadata);
        VersionOf versionOf = versionClass == null ? null : versionOf(versionClass);
        if (versionOf == null) {
            throw new ConfigurationException(owner + " is @Versioned and its version table would be '"
                    + expected.getName() + "', but that table is already mapped (by " + existing.getContributor()
                    + "); choose another name with @Versioned(table = \"...\") or the "
                    + ContinuumSettings.TABLE_SUFFIX + " setting");
        }
        String className = versionClass.getMappedClass().getSimpleName();
        PersistentClass entity = entityBinding(versionOf.value(), metadata);
        if (entity == null || entity.getRootClass().getTable() != live && entity.getTable() != live) {
            throw new ConfigurationException(owner + " is @Versioned and its version table would be '"
                    + expected.getName() + "', but that table is mapped by " + versionClass.getMappedClass().getName()
                    + ", the version class of " + versionOf.value().getName() + "; choose another name with "
                    + "@Versioned(table = \"...\"), or recompile so that " + className + " is generated anew");
        }
        if (settings.subquery()) {
            deriveEnd(existing, expected, versionClass, settings, metadata);
        }
        verifyColumns(existing, expected, versionOf.value().getSimpleName(), className, metadata);
        adopt(existing, expected);
    }

    private static void verifyColumns(Table existing, Table expected, String owner, String className,
            InFlightMetadataCollector metadata) {
        Map<String, Column> mapped = columnsByName(existing);
        Map<String, Column> wanted = columnsByName(expected);
        String stale = "; " + className + " is stale: recompile so that the annotation processor generates it anew"
                + " (a single-table root's subclasses and the parents of join-column collections must be compiled"
                + " with it)";
        for (Map.Entry<String, Column> entry : wanted.entrySet()) {
            Column column = mapped.get(entry.getKey());
            Column expectedColumn = entry.getValue();
            if (column == null) {
                throw new ConfigurationException(className + ", the version class of " + owner + ", has no column '"
                        + expectedColumn.getName() + "', which the version table " + expected.getName()
                        + " of " + owner + " has" + stale);
            }
            String actualType = column.getSqlType(metadata);
            String expectedType = expectedColumn.getSqlType(metadata);
            if (column.getSqlTypeCode(metadata) != expectedColumn.getSqlTypeCode(metadata)
                    || !normalized(actualType).equals(normalized(expectedType))) {
                throw new ConfigurationException(className + ", the version class of " + owner + ", maps column '"
                        + expectedColumn.getName() + "' as " + actualType + ", but the version table "
                        + expected.getName() + " of " + owner + " has it as " + expectedType + stale);
            }
        }
        Set<String> extra = new TreeSet<>();
        mapped.forEach((name, column) -> {
            if (!wanted.containsKey(name)) {
                extra.add(column.getName());
            }
        });
        if (!extra.isEmpty()) {
            throw new ConfigurationException(className + ", the version class of " + owner + ", maps column"
                    + (extra.size() > 1 ? "s " : " ") + String.join(", ", extra) + ", which the version table "
                    + expected.getName() + " of " + owner + " does not have (no longer versioned?)" + stale);
        }
        Set<String> primaryKey = names(existing.getPrimaryKey() == null ? List.of()
                : existing.getPrimaryKey().getColumns());
        Set<String> expectedKey = names(expected.getPrimaryKey() == null ? List.of()
                : expected.getPrimaryKey().getColumns());
        if (!primaryKey.equals(expectedKey)) {
            throw new ConfigurationException(className + ", the version class of " + owner + ", has the primary key "
                    + primaryKey + ", but the version table " + expected.getName() + " of " + owner + " has "
                    + expectedKey + stale);
        }
    }

    /**
     * Under the subquery strategy the version table has no end column, which a version class
     * (generated for either strategy) maps: the class keeps its attribute, read as the transaction
     * of the next version of its row, and the table loses the column.
     */
    private static void deriveEnd(Table existing, Table expected, PersistentClass versionClass, Settings settings,
            InFlightMetadataCollector metadata) {
        Column end = columnsByName(existing).get(canonical(settings.endTransactionIdColumn()));
        Column transactionId = columnsByName(existing).get(canonical(settings.transactionIdColumn()));
        if (end == null || transactionId == null || expected.getPrimaryKey() == null) {
            return;
        }
        Dialect dialect = metadata.getDatabase().getDialect();
        String tx = transactionId.getQuotedName(dialect);
        StringBuilder read = new StringBuilder("(select min(nv.").append(tx).append(") from ")
                .append(qualified(existing, dialect))
                .append(" nv where nv.").append(tx).append(" > ").append(tx);
        for (Column key : expected.getPrimaryKey().getColumns()) {
            String name = key.getQuotedName(dialect);
            if (!canonical(key.getName()).equals(canonical(transactionId.getName()))) {
                read.append(" and nv.").append(name).append(" = ").append(name);
            }
        }
        end.setCustomRead(read.append(')').toString());
        for (Property property : versionClass.getProperties()) {
            if (property.getValue().getColumns().contains(end)) {
                property.setInsertable(false);
                property.setUpdatable(false);
            }
        }
        existing.getColumns().remove(end);
    }

    /** The table's name with its explicit catalog and schema, quoted as the mapping says. */
    private static String qualified(Table table, Dialect dialect) {
        StringBuilder name = new StringBuilder();
        if (table.getCatalog() != null) {
            name.append(table.getQuotedCatalog(dialect)).append('.');
        }
        if (table.getSchema() != null) {
            name.append(table.getQuotedSchema(dialect)).append('.');
        }
        return name.append(table.getQuotedName(dialect)).toString();
    }

    /** Gives the mapped table what Continuum's own would have: nullable data columns, indexes, foreign keys. */
    private static void adopt(Table existing, Table expected) {
        Map<String, Column> mapped = columnsByName(existing);
        Set<String> key = names(expected.getPrimaryKey() == null ? List.of() : expected.getPrimaryKey().getColumns());
        for (Column expectedColumn : expected.getColumns()) {
            Column column = mapped.get(canonical(expectedColumn.getName()));
            if (!key.contains(canonical(column.getName()))) {
                column.setNullable(expectedColumn.isNullable());
            }
            column.setUnique(false);
            column.setUniqueKeyName(null);
        }
        if (existing.getComment() == null) {
            existing.setComment(expected.getComment());
        }
        for (Index index : expected.getIndexes().values()) {
            Index adopted = existing.getOrCreateIndex(index.getName());
            for (var selectable : index.getSelectables()) {
                if (selectable instanceof Column column) {
                    adopted.addColumn(mapped.get(canonical(column.getName())));
                }
            }
        }
        for (ForeignKey foreignKey : new ArrayList<>(expected.getForeignKeyCollection())) {
            List<Column> columns = new ArrayList<>();
            foreignKey.getColumns().forEach(column -> columns.add(mapped.get(canonical(column.getName()))));
            existing.createForeignKey(foreignKey.getName(), columns, foreignKey.getReferencedEntityName(),
                    foreignKey.getKeyDefinition(), foreignKey.getOptions(), null);
        }
    }

    private static String normalized(String sqlType) {
        return sqlType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Column> columnsByName(Table table) {
        Map<String, Column> columns = new LinkedHashMap<>();
        table.getColumns().forEach(column -> columns.put(canonical(column.getName()), column));
        return columns;
    }

    private static Set<String> names(List<Column> columns) {
        Set<String> names = new TreeSet<>();
        columns.forEach(column -> names.add(canonical(column.getName())));
        return names;
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The entity mapped onto {@code table}, or null when none is (a table of another contributor). */
    private static PersistentClass mappingOf(Table table, InFlightMetadataCollector metadata) {
        for (PersistentClass entity : sorted(metadata.getEntityBindings())) {
            if (entity.getTable() == table && versionOf(entity) != null) {
                return entity;
            }
        }
        return null;
    }

    private static PersistentClass entityBinding(Class<?> type, InFlightMetadataCollector metadata) {
        PersistentClass entity = metadata.getEntityBinding(type.getName());
        if (entity != null) {
            return entity;
        }
        return metadata.getEntityBindings().stream()
                .filter(candidate -> type.equals(candidate.getMappedClass()))
                .findFirst().orElse(null);
    }

    private static VersionOf versionOf(PersistentClass entity) {
        Class<?> type;
        try {
            type = entity.getMappedClass();
        } catch (RuntimeException e) {
            return null;
        }
        return type == null ? null : type.getAnnotation(VersionOf.class);
    }

    private static List<PersistentClass> sorted(java.util.Collection<PersistentClass> entities) {
        List<PersistentClass> list = new ArrayList<>(entities);
        list.sort((a, b) -> a.getEntityName().compareTo(b.getEntityName()));
        return list;
    }
}
