package dev.continuum.hibernate.internal.schema;

import dev.continuum.ChangeContext;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.ContinuumTransaction;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.List;

/**
 * Adds the tables beside the transaction table (see {@link TransactionExtraTables}) to Hibernate's
 * relational model when an entity is versioned: the metadata table always, the changes table when
 * {@code continuum.transaction_changes} is on. Each has a foreign key to the transaction table;
 * the metadata table an index on key and value, for the transactions with a given pair; the
 * activity table (with {@code continuum.activities}) one index per filter of the reads, actor,
 * object and verb, each followed by the transaction so that the newest come first from the index.
 * Discovered through {@link java.util.ServiceLoader}.
 */
public final class TransactionExtrasContributor extends ContinuumContributor {

    /** For {@link java.util.ServiceLoader}. */
    public TransactionExtrasContributor() {
        super("-transaction-extras");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        if (metadata.getEntityBindings().stream().noneMatch(entity -> VersionedEntity.annotation(entity) != null)) {
            return;
        }
        Table meta = table(metadata, context, settings, TransactionExtraTables.META_SUFFIX,
                "Key/value metadata of transactions (Continuum)");
        Column key = column(meta, context, metadata, TransactionExtraTables.KEY, ChangeContext.MAX_META_KEY_LENGTH);
        Column value = column(meta, context, metadata, TransactionExtraTables.VALUE,
                ChangeContext.MAX_META_VALUE_LENGTH);
        value.setNullable(true);
        finish(meta, key, metadata);
        Index byValue = meta.getOrCreateIndex(Identifiers.derivedName("ix", meta.getName(), key.getName(),
                metadata.getDatabase().getDialect()));
        byValue.addColumn(key);
        byValue.addColumn(value);
        contributions.contributeTable(meta);
        if (settings.transactionChanges()) {
            Table changes = table(metadata, context, settings, TransactionExtraTables.CHANGES_SUFFIX,
                    "Entity types each transaction changed (Continuum)");
            finish(changes, column(changes, context, metadata, TransactionExtraTables.ENTITY_NAME,
                    TransactionExtraTables.ENTITY_NAME_LENGTH), metadata);
            contributions.contributeTable(changes);
        }
        if (settings.activities()) {
            contributions.contributeTable(activityTable(metadata, context, settings));
        }
    }

    /** The activity table: keyed by transaction and position, indexed for each filter of the reads. */
    private Table activityTable(InFlightMetadataCollector metadata, MetadataBuildingContext context,
            Settings settings) {
        Table activity = table(metadata, context, settings, TransactionExtraTables.ACTIVITY_SUFFIX,
                "Activity stream (Continuum)");
        Column transactionId = activity.getColumns().iterator().next();
        Column index = typed(activity, context, metadata, TransactionExtraTables.ACTIVITY_INDEX, "integer", false);
        Column verb = column(activity, context, metadata, TransactionExtraTables.VERB,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH);
        Column actor = column(activity, context, metadata, TransactionExtraTables.ACTOR,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH);
        actor.setNullable(true);
        Column objectEntity = column(activity, context, metadata, TransactionExtraTables.OBJECT_ENTITY,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH);
        Column objectId = column(activity, context, metadata, TransactionExtraTables.OBJECT_ID,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH);
        typed(activity, context, metadata, TransactionExtraTables.OBJECT_TRANSACTION_ID, "long", false);
        column(activity, context, metadata, TransactionExtraTables.TARGET_ENTITY,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH).setNullable(true);
        column(activity, context, metadata, TransactionExtraTables.TARGET_ID,
                TransactionExtraTables.ACTIVITY_TEXT_LENGTH).setNullable(true);
        typed(activity, context, metadata, TransactionExtraTables.TARGET_TRANSACTION_ID, "long", true);
        column(activity, context, metadata, TransactionExtraTables.DATA, TransactionExtraTables.DATA_LENGTH)
                .setNullable(true);
        finish(activity, index, metadata);
        index(activity, metadata, actor, transactionId);
        index(activity, metadata, objectEntity, objectId, transactionId);
        index(activity, metadata, verb, transactionId);
        return activity;
    }

    private static Column typed(Table table, MetadataBuildingContext context, InFlightMetadataCollector metadata,
            String name, String type, boolean nullable) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Column column = SchemaContributor.column(helper.toIdentifier(name), type, nullable, table, context);
        table.addColumn(column);
        return column;
    }

    /** An index on {@code columns}, named after the table and the first column. */
    private static void index(Table table, InFlightMetadataCollector metadata, Column... columns) {
        Index index = table.getOrCreateIndex(Identifiers.derivedName("ix", table.getName(), columns[0].getName(),
                metadata.getDatabase().getDialect()));
        for (Column column : columns) {
            index.addColumn(column);
        }
    }

    /** The table named after the transaction table with {@code suffix}, with its transaction column. */
    private Table table(InFlightMetadataCollector metadata, MetadataBuildingContext context, Settings settings,
            String suffix, String comment) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Identifier plain = TransactionExtraTables.name(settings.transactionTable(), suffix);
        Identifier name = helper.toIdentifier(plain.getText(), plain.isQuoted());
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Table existing = namespace.locateTable(name);
        if (existing != null) {
            throw new ConfigurationException("Continuum's table '" + name.getText() + "' is already mapped (by "
                    + existing.getContributor() + "); its name is the transaction table's with '" + suffix
                    + "' added: choose another transaction table name with the "
                    + ContinuumSettings.TRANSACTION_TABLE + " setting");
        }
        Table table = new Table(getContributorName(), namespace, name, false);
        table.setComment(comment);
        Column transactionId = SchemaContributor.column(helper.toIdentifier(TransactionExtraTables.TRANSACTION_ID),
                "long", false, table, context);
        table.addColumn(transactionId);
        return table;
    }

    private static Column column(Table table, MetadataBuildingContext context, InFlightMetadataCollector metadata,
            String name, int length) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Column column = SchemaContributor.column(helper.toIdentifier(name), "string", false, table, context);
        column.setLength(length);
        table.addColumn(column);
        return column;
    }

    /** Keys the table by transaction and {@code second}, and refers to the transaction table. */
    private static void finish(Table table, Column second, InFlightMetadataCollector metadata) {
        Dialect dialect = metadata.getDatabase().getDialect();
        Column transactionId = table.getColumns().iterator().next();
        PrimaryKey primaryKey = new PrimaryKey(table);
        primaryKey.setName(Identifiers.derivedName("pk", table.getName(), "", dialect));
        primaryKey.addColumn(transactionId);
        primaryKey.addColumn(second);
        table.setPrimaryKey(primaryKey);
        table.createForeignKey(Identifiers.derivedName("fk", table.getName(), transactionId.getName(), dialect),
                List.of(transactionId), ContinuumTransaction.class.getName(), null, null, null);
    }
}
