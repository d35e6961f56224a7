package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionedEntity;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;

import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.Map;

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
        String name = settings.undoTable();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table existing = namespace.locateTable(Identifier.toIdentifier(name));
        if (existing != null) {
            throw new ConfigurationException("Continuum's undo table '" + name + "' is already mapped (by "
                    + existing.getContributor() + "); choose another name with the "
                    + ContinuumSettings.UNDO_TABLE + " setting");
        }
        Table table = new Table(getContributorName(), namespace, Identifier.toIdentifier(name), false);
        table.setComment("Undo/redo positions of versioned entities (Continuum)");
        Column entityName = column("entity_name", "string", table, context);
        Column entityId = column("entity_id", "string", table, context);
        table.addColumn(entityName);
        table.addColumn(entityId);
        table.addColumn(column("origin_transaction_id", "long", table, context));
        table.addColumn(column("position_transaction_id", "long", table, context));
        table.addColumn(column("base_transaction_id", "long", table, context));
        PrimaryKey primaryKey = new PrimaryKey(table);
        primaryKey.setName(SchemaContributor.constraintName("pk", name, ""));
        primaryKey.addColumn(entityName);
        primaryKey.addColumn(entityId);
        table.setPrimaryKey(primaryKey);
        contributions.contributeTable(table);
    }

    /** A not-null column of a contributed table: {@code string} columns hold 255 characters. */
    static Column column(String name, String type, Table table, MetadataBuildingContext context) {
        BasicValue value = new BasicValue(context, table);
        value.setTypeName(type);
        Column column = new Column(name);
        column.setNullable(false);
        if ("string".equals(type)) {
            column.setLength(255);
        }
        column.setValue(value);
        value.addColumn(column);
        value.resolve();
        return column;
    }
}
