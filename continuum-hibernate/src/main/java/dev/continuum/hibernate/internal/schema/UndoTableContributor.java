package dev.continuum.hibernate.internal.schema;

import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TableNames.UndoColumns;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds the table of undo/redo positions ({@code continuum_undo} by default) to Hibernate's
 * relational model when an entity is versioned, so that schema management creates it. One row
 * per entity that was undone: where its undo/redo timeline ends, which of its versions it shows,
 * and the version it had when the position was written. Discovered through
 * {@link java.util.ServiceLoader}.
 */
public final class UndoTableContributor extends ContinuumContributor {

    /** For {@link java.util.ServiceLoader}. */
    public UndoTableContributor() {
        super("-undo");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        boolean versioned = false;
        for (PersistentClass entity : metadata.getEntityBindings()) {
            versioned |= VersionedEntity.annotation(entity) != null;
        }
        if (!versioned) {
            return;
        }
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Identifier name = helper.toIdentifier(settings.undoTable());
        SchemaContributor.checkNoClash(metadata, name, "undo table", ContinuumSettings.UNDO_TABLE);
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table table = new Table(getContributorName(), namespace, name, false);
        table.setComment("Undo/redo positions of versioned entities (Continuum)");
        UndoColumns names = UndoColumns.NAMES;
        List<Column> columns = new ArrayList<>();
        for (String column : names.all()) {
            boolean text = column.equals(names.entityName()) || column.equals(names.entityId());
            columns.add(SchemaContributor.column(helper.toIdentifier(column), text ? "string" : "long", false, table,
                    context));
        }
        columns.forEach(table::addColumn);
        PrimaryKey primaryKey = new PrimaryKey(table);
        primaryKey.setName(Identifiers.derivedName("pk", name.getText(), "", metadata.getDatabase().getDialect()));
        primaryKey.addColumn(columns.get(0));
        primaryKey.addColumn(columns.get(1));
        table.setPrimaryKey(primaryKey);
        contributions.contributeTable(table);
    }
}
