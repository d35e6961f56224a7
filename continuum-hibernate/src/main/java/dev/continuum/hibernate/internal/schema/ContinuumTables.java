package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.ContinuumTransaction;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.UndoScopeTable;
import dev.continuum.hibernate.internal.model.VersionModelBuilder.CollectionPlan;
import dev.continuum.hibernate.internal.model.VersionModelBuilder.EntityPlan;
import dev.continuum.hibernate.internal.model.VersionedCollection;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything Continuum added to one persistence unit's relational model, found again in the
 * built metadata: the versioned entities and collections with their version tables, the
 * transaction table and its sequence, and the undo table. What the schema check compares with
 * the database, the DDL export writes, and the version model is built from.
 *
 * @param entities the versioned entities with physical tables, with their version tables
 * @param collections the versioned collections, with their version tables (none for a join-column one-to-many)
 * @param transactionTable the transaction table
 * @param sequence the sequence of transaction ids
 * @param undoTable the table of undo/redo positions
 * @param undoScopeTable the table of undo/redo positions of scopes of several entities
 * @param versionTables every version table once, with the sources of its columns
 * @param transactionExtras the tables beside the transaction table (metadata, changes), those mapped
 */
public record ContinuumTables(List<EntityPlan> entities, List<CollectionPlan> collections, Table transactionTable,
        Sequence sequence, Table undoTable, Table undoScopeTable, List<VersionTableMapping> versionTables,
        List<Table> transactionExtras) {

    /** Copies the lists, so that the value cannot change. */
    public ContinuumTables {
        entities = List.copyOf(entities);
        collections = List.copyOf(collections);
        versionTables = List.copyOf(versionTables);
        transactionExtras = List.copyOf(transactionExtras);
    }

    /**
     * Continuum's objects in {@code metadata}, or empty when no entity with a table of its own is
     * versioned (then Continuum contributed nothing).
     */
    public static Optional<ContinuumTables> of(Metadata metadata, Settings settings) {
        List<EntityPlan> entities = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            VersionedEntity view = VersionedEntity.of(entity, settings);
            if (view == null || !SchemaContributor.hasPhysicalTable(entity)) {
                continue;
            }
            List<Table> tables = new ArrayList<>();
            for (VersionedEntity.Level level : view.levels()) {
                tables.add(versionTable(metadata, level.versionTableName(), level.liveTable()));
            }
            entities.add(new EntityPlan(view, tables));
        }
        if (entities.isEmpty()) {
            return Optional.empty();
        }
        List<CollectionPlan> collections = new ArrayList<>();
        for (org.hibernate.mapping.Collection collection : metadata.getCollectionBindings()) {
            VersionedCollection plan = VersionedCollection.of(collection, settings);
            if (plan != null) {
                collections.add(new CollectionPlan(plan, plan.isJoinColumnOneToMany() ? null
                        : versionTable(metadata, plan.versionTableName(), collection.getCollectionTable())));
            }
        }
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table transactionTable = metadata.getEntityBinding(ContinuumTransaction.class.getName()).getTable();
        Sequence sequence = namespace.locateSequence(helper.toIdentifier(settings.transactionSequence()));
        Table undoTable = namespace.locateTable(helper.toIdentifier(settings.undoTable()));
        Table undoScopeTable = namespace.locateTable(
                helper.toIdentifier(UndoScopeTable.name(settings.undoTable()).getText()));
        return Optional.of(new ContinuumTables(entities, collections, transactionTable, sequence, undoTable,
                undoScopeTable,
                VersionTableMapping.of(entities, collections, settings), transactionExtras(metadata, settings)));
    }

    /** The tables beside the transaction table that the mapping has. */
    private static List<Table> transactionExtras(Metadata metadata, Settings settings) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        List<Table> tables = new ArrayList<>();
        for (String suffix : List.of(TransactionExtraTables.META_SUFFIX, TransactionExtraTables.CHANGES_SUFFIX,
                TransactionExtraTables.ACTIVITY_SUFFIX)) {
            Identifier name = TransactionExtraTables.name(settings.transactionTable(), suffix);
            Table table = namespace.locateTable(helper.toIdentifier(name.getText(), name.isQuoted()));
            if (table != null) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** The version table named {@code name} beside {@code live}, as the schema contributor named it. */
    static Table versionTable(Metadata metadata, String name, Table live) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        return metadata.getDatabase().locateNamespace(live.getCatalogIdentifier(), live.getSchemaIdentifier())
                .locateTable(versionTableIdentifier(helper, name, live));
    }

    /** The identifier of a version table: quoted like its live table, and as Hibernate quotes names. */
    static Identifier versionTableIdentifier(IdentifierHelper helper, String name, Table live) {
        return helper.toIdentifier(name, live.isQuoted());
    }
}
