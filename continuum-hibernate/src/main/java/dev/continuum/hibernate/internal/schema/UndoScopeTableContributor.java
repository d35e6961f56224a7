package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TableNames.UndoColumns;
import dev.continuum.hibernate.internal.model.UndoScopeTable;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Table;

/**
 * Adds the table of undo/redo positions of scopes ({@code continuum_undo_scope} by default, see
 * {@link UndoScopeTable}) to Hibernate's relational model when an entity is versioned, so that
 * schema management creates it. One row per scope that was undone, keyed by its root entity, the
 * root's identifier and the scope's relations: where its timeline ends, which step it shows, and
 * the step before its latest when the position was written. Discovered through
 * {@link java.util.ServiceLoader}.
 */
public final class UndoScopeTableContributor extends ContinuumContributor {

    /** For {@link java.util.ServiceLoader}. */
    public UndoScopeTableContributor() {
        super("-undo-scope");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        if (metadata.getEntityBindings().stream().noneMatch(entity -> VersionedEntity.annotation(entity) != null)) {
            return;
        }
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Identifier name = helper.toIdentifier(UndoScopeTable.name(settings.undoTable()).getText());
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table existing = namespace.locateTable(name);
        if (existing != null) {
            throw new ConfigurationException("Continuum's table of undo scopes '" + name.getText()
                    + "' is already mapped (by " + existing.getContributor() + "); its name is the undo table's with '"
                    + UndoScopeTable.SUFFIX + "' added: choose another undo table name with the "
                    + ContinuumSettings.UNDO_TABLE + " setting");
        }
        Table table = new Table(getContributorName(), namespace, name, false);
        table.setComment("Undo/redo positions of scopes of versioned entities (Continuum)");
        PrimaryKey primaryKey = new PrimaryKey(table);
        primaryKey.setName(Identifiers.derivedName("pk", name.getText(), "", metadata.getDatabase().getDialect()));
        for (String key : new String[] {UndoColumns.NAMES.entityName(), UndoColumns.NAMES.entityId(),
                TableNames.UNDO_SCOPE_RELATIONS}) {
            Column column = SchemaContributor.column(helper.toIdentifier(key), "string", false, table, context);
            table.addColumn(column);
            primaryKey.addColumn(column);
        }
        for (String position : new String[] {UndoColumns.NAMES.originTransactionId(),
                UndoColumns.NAMES.positionTransactionId(), UndoColumns.NAMES.baseTransactionId()}) {
            table.addColumn(SchemaContributor.column(helper.toIdentifier(position), "long", false, table, context));
        }
        table.setPrimaryKey(primaryKey);
        contributions.contributeTable(table);
    }
}
