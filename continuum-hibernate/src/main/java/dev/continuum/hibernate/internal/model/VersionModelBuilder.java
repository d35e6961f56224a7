package dev.continuum.hibernate.internal.model;

import dev.continuum.Versioned;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link VersionModel} of a session factory once it has started: from the boot-time
 * views of the versioned entities and collections (their version tables in Hibernate's relational
 * model) and the factory's persisters (JDBC mappings, attribute positions, generators).
 */
public final class VersionModelBuilder {

    /** A versioned entity and its version tables in the relational model, root level first. */
    public record EntityPlan(VersionedEntity view, List<Table> tables) {
    }

    /** A versioned collection and its version table (null for a join-column one-to-many). */
    public record CollectionPlan(VersionedCollection plan, Table table) {
    }

    private VersionModelBuilder() {
    }

    /**
     * The model of {@code factory}.
     *
     * @param transactionTable the transaction table in the relational model
     * @param namespace the default namespace, which holds the transaction sequence
     */
    public static VersionModel build(SessionFactoryImplementor factory, Settings settings, List<EntityPlan> entities,
            List<CollectionPlan> collections, Table transactionTable, Namespace namespace) {
        SqlStringGenerationContext context = factory.getSqlStringGenerationContext();
        Dialect dialect = factory.getJdbcServices().getDialect();
        Map<String, EntityPlan> plansByName = new HashMap<>();
        entities.forEach(plan -> plansByName.put(plan.view().entity().getEntityName(), plan));

        // the foreign keys of join-column one-to-manys, which versioned children's rows read from the live row
        Map<String, List<String>> liveColumnsByLevel = new HashMap<>();
        Set<String> joinColumnRoles = new HashSet<>();
        Set<String> ownersVersioned = new HashSet<>();
        for (EntityPlan plan : entities) {
            if (versionedOnCollectionChange(plan.view().entity(), settings)) {
                ownersVersioned.add(plan.view().entity().getEntityName());
            }
        }
        for (CollectionPlan plan : collections) {
            if (plan.table() != null) {
                continue;
            }
            Table live = plan.plan().collection().getCollectionTable();
            boolean versionedChild = false;
            for (PersistentClass child : plan.plan().childEntities()) {
                int level = plansByName.containsKey(child.getEntityName()) ? levelOf(child, live, settings) : -1;
                if (level >= 0) {
                    versionedChild = true;
                    List<String> columns = liveColumnsByLevel.computeIfAbsent(child.getEntityName() + "#" + level,
                            key -> new ArrayList<>());
                    for (Column column : plan.plan().keyColumns()) {
                        String name = column.getQuotedName(dialect);
                        if (!columns.contains(name)) {
                            columns.add(name);
                        }
                    }
                }
            }
            if (versionedChild || ownersVersioned.contains(plan.plan().collection().getOwner().getEntityName())) {
                joinColumnRoles.add(plan.plan().collection().getRole());
            }
        }

        Map<String, EntityModel> models = new LinkedHashMap<>();
        for (EntityPlan plan : entities) {
            EntityPersister persister = factory.getMappingMetamodel()
                    .getEntityDescriptor(plan.view().entity().getEntityName());
            List<EntityTable> levels = new ArrayList<>();
            int offset = 0;
            List<VersionedEntity.Level> views = plan.view().levels();
            for (int i = 0; i < views.size(); i++) {
                VersionedEntity.Level level = views.get(i);
                // a JOINED subclass's identifier mapping names its own table's key columns, so name them per level
                List<String> keyNames = level.keyColumns().stream().map(c -> c.getQuotedName(dialect)).toList();
                Map<String, String> flags = new HashMap<>();
                if (ModifiedFlags.enabled(plan.view().entity(), settings)) {
                    IdentifierHelper flagNames = factory.getJdbcServices().getJdbcEnvironment().getIdentifierHelper();
                    level.properties().forEach(property -> flags.put(property.getName(),
                            ModifiedFlags.identifier(flagNames, property).render(dialect)));
                }
                EntityTable table = EntityTable.of(persister, context.format(plan.tables().get(i).getQualifiedTableName()),
                        level.propertyNames(), keyNames, level.discriminator(),
                        liveColumnsByLevel.getOrDefault(persister.getEntityName() + "#" + i, List.of()),
                        context.format(level.liveTable().getQualifiedTableName()), offset,
                        defaultedColumns(plan.view().entity(), level.liveTable(), dialect), flags);
                offset += table.columns().size();
                levels.add(table);
            }
            models.put(persister.getEntityName(), new EntityModel(persister, levels,
                    ownersVersioned.contains(persister.getEntityName()),
                    NativeVersioning.enabled(plan.view().entity(), settings)));
        }

        Map<String, CollectionTable> collectionTables = new LinkedHashMap<>();
        for (CollectionPlan plan : collections) {
            if (plan.table() != null) {
                CollectionPersister persister = factory.getMappingMetamodel()
                        .getCollectionDescriptor(plan.plan().collection().getRole());
                collectionTables.put(persister.getRole(),
                        CollectionTable.of(persister, context.format(plan.table().getQualifiedTableName())));
            }
        }

        // every name rendered as Hibernate renders the mapping's: quoted under global quoting, backticks honoured
        IdentifierHelper helper = factory.getJdbcServices().getJdbcEnvironment().getIdentifierHelper();
        String sequence = context.format(new QualifiedSequenceName(namespace.getPhysicalName().catalog(),
                namespace.getPhysicalName().schema(), helper.toIdentifier(settings.transactionSequence())));
        Map<String, String> transactionColumns = new HashMap<>();
        transactionTable.getColumns().forEach(column -> transactionColumns.put(column.getName(),
                column.getQuotedName(dialect)));
        TableNames names = new TableNames(context.format(transactionTable.getQualifiedTableName()), sequence,
                context.format(new QualifiedTableName(null, null, helper.toIdentifier(settings.undoTable()))),
                helper.toIdentifier(settings.transactionIdColumn()).render(dialect),
                helper.toIdentifier(settings.endTransactionIdColumn()).render(dialect),
                helper.toIdentifier(settings.operationTypeColumn()).render(dialect),
                TableNames.TransactionColumns.NAMES.map(name -> name.equals(TableNames.TransactionColumns.NAMES.tenantId())
                        && !transactionColumns.containsKey(name) ? null : transactionColumns.getOrDefault(name, name)),
                TableNames.UndoColumns.NAMES.map(name -> helper.toIdentifier(name).render(dialect)),
                context.format(new QualifiedTableName(null, null,
                        helper.toIdentifier(UndoScopeTable.name(settings.undoTable()).getText()))),
                helper.toIdentifier(TableNames.UNDO_SCOPE_RELATIONS).render(dialect),
                context.format(new QualifiedTableName(null, null,
                        helper.toIdentifier(IntegrityTables.name(settings, CompactProperties.VALUE_TABLE_SUFFIX)))),
                new ValidityStrategy(settings.subquery(), helper.toIdentifier(settings.transactionIdColumn()).render(dialect),
                        helper.toIdentifier(settings.endTransactionIdColumn()).render(dialect), NullSafeEquality.of(dialect)));
        return new VersionModel(models, collectionTables, joinColumnRoles, names, settings);
    }

    /**
     * The rendered names of the columns of {@code table} that the database fills with a default
     * when an insert of {@code entity} leaves them out: with {@code @DynamicInsert}, Hibernate
     * leaves out the null ones, and the entity's state then holds null where the row holds the default.
     */
    private static Set<String> defaultedColumns(PersistentClass entity, Table table, Dialect dialect) {
        if (!entity.useDynamicInsert()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (Column column : table.getColumns()) {
            if (column.getDefaultValue() != null) {
                names.add(column.getQuotedName(dialect));
            }
        }
        return names;
    }

    /** Whether {@code entity} gets a version when only its owned collections change. */
    public static boolean versionedOnCollectionChange(PersistentClass entity, Settings settings) {
        Versioned.Setting option = VersionedEntity.annotation(entity).versionOwnerOnCollectionChange();
        return option == Versioned.Setting.ENABLED
                || option == Versioned.Setting.DEFAULT && settings.versionOwnerOnCollectionChange();
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
