package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.ContinuumTransaction;
import dev.continuum.hibernate.internal.model.Settings;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.internal.schema.ContinuumContributor.CONTRIBUTOR;

/**
 * The columns of one version table, gathered from every entity level or collection that writes to
 * it (a single-table hierarchy's subclasses and secondary tables share their root's), and the
 * table Continuum contributes from them: data columns, modification flags, bookkeeping columns,
 * primary key, indexes and the foreign key to the transaction table.
 */
final class VersionTableBuilder {

    final Namespace namespace;
    final Identifier name;
    final Table live;
    final String owner;
    final List<Column> key = new ArrayList<>();
    final Map<String, Column> columns = new LinkedHashMap<>();
    final Map<String, Table> sources = new LinkedHashMap<>();
    /** The names of the columns of compact properties, which hold references to the value table. */
    final java.util.Set<String> compact = new java.util.HashSet<>();
    /** The columns (by name) of the one-to-many foreign keys the table's rows are read by, each indexed. */
    final java.util.Set<List<String>> lookups = new java.util.LinkedHashSet<>();
    /** The modification flags, each with the property it flags. */
    final Map<Identifier, String> flags = new LinkedHashMap<>();
    List<Column> primaryKey;

    private VersionTableBuilder(Namespace namespace, Identifier name, Table live, String owner) {
        this.namespace = namespace;
        this.name = name;
        this.live = live;
        this.owner = owner;
    }

    /**
     * The builder of the version table named {@code versionTableName} in {@code tables}, made when
     * it is the first to write there.
     *
     * @throws ConfigurationException when another entity's history already goes into that table
     */
    static VersionTableBuilder of(Map<String, VersionTableBuilder> tables, String versionTableName, Table live,
            String owner, String rename, InFlightMetadataCollector metadata) {
        VersionTableBuilder builder = tables.get(versionTableName);
        if (builder != null) {
            if (!builder.owner.equals(owner) && builder.live != live && !builder.sharedBy(live)) {
                throw new ConfigurationException(owner + " is versioned into table '" + versionTableName
                        + "', which already holds the history of " + builder.owner + " (table " + builder.live.getName()
                        + "); give one of them another name with @Versioned(table = \"...\") or the "
                        + ContinuumSettings.TABLE_SUFFIX + " setting");
            }
            return builder;
        }
        Identifier name = ContinuumTables.versionTableIdentifier(
                metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper(), versionTableName, live);
        Identifiers.checkLength(name.getText(), metadata.getDatabase().getDialect(),
                "The version table of " + owner, rename);
        Namespace namespace = metadata.getDatabase().locateNamespace(live.getCatalogIdentifier(), live.getSchemaIdentifier());
        builder = new VersionTableBuilder(namespace, name, live, owner);
        tables.put(versionTableName, builder);
        return builder;
    }

    /** A single-table hierarchy's subclasses and secondary tables write into their root's table. */
    boolean sharedBy(Table table) {
        return sources.containsValue(table);
    }

    void key(List<Column> keyColumns) {
        if (!key.isEmpty()) {
            return;
        }
        for (Column live : keyColumns) {
            Column column = SchemaContributor.copy(live);
            column.setNullable(false);
            key.add(column);
            columns.put(column.getName(), column);
            sources.put(column.getName(), this.live);
        }
    }

    void data(Column live, Table liveTable, String what) {
        Table source = sources.get(live.getName());
        if (source == null) {
            columns.put(live.getName(), SchemaContributor.copy(live));
            sources.put(live.getName(), liveTable);
        } else if (source != liveTable) {
            throw new ConfigurationException(what + " maps column '" + live.getName() + "' of table '"
                    + liveTable.getName() + "', but version table '" + name.getText() + "' already has a column '"
                    + live.getName() + "' from table '" + source.getName() + "'; rename one of the columns");
        }
    }

    Table build(Settings settings, MetadataBuildingContext context, IdentifierHelper helper, Dialect dialect) {
        Table table = new Table(CONTRIBUTOR, namespace, name, false);
        table.setComment("Version history of " + live.getName() + " (Continuum)");
        Column transactionId = SchemaContributor.column(helper.toIdentifier(settings.transactionIdColumn()), "long", true, table,
                context);
        transactionId.setNullable(false);
        // under the subquery strategy there is no end column: reads derive a version's end
        Column endTransactionId = settings.subquery() ? null
                : SchemaContributor.column(helper.toIdentifier(settings.endTransactionIdColumn()), "long", true, table,
                        context);
        Column operationType = SchemaContributor.column(helper.toIdentifier(settings.operationTypeColumn()), "short", true, table,
                context);
        operationType.setNullable(false);
        List<Column> bookkeeping = endTransactionId == null ? List.of(transactionId, operationType)
                : List.of(transactionId, endTransactionId, operationType);
        for (Column reserved : bookkeeping) {
            if (columns.containsKey(reserved.getName())) {
                throw new ConfigurationException(owner + " maps a column named '" + reserved.getName()
                        + "', which its version table " + name.getText() + " needs for Continuum's bookkeeping; "
                        + "rename the column or configure other names with the continuum.*_column settings");
            }
        }
        for (String reference : compact) {
            Column live = columns.get(reference);
            Column column = ValueTableContribution.reference(Identifier.toIdentifier(live.getName(), live.isQuoted()),
                    true, table, context);
            column.setComment(ValueTableContribution.REFERENCE_COMMENT);
            columns.put(reference, column);
        }
        columns.values().forEach(table::addColumn);
        for (Map.Entry<Identifier, String> flag : flags.entrySet()) {
            Column column = SchemaContributor.column(flag.getKey(), "boolean", true, table, context);
            if (columns.containsKey(column.getName())) {
                throw new ConfigurationException(owner + " maps a column named '" + column.getName() + "', which "
                        + "its version table " + name.getText() + " needs for the modification flag of "
                        + flag.getValue() + "; rename the column, or turn modification flags off for " + owner
                        + " (@Versioned(modifiedFlags = DISABLED))");
            }
            table.addColumn(column);
        }
        table.addColumn(transactionId);
        if (endTransactionId != null) {
            table.addColumn(endTransactionId);
        }
        table.addColumn(operationType);

        if (primaryKey == null || !primaryKey.isEmpty()) {
            PrimaryKey pk = new PrimaryKey(table);
            pk.setName(Identifiers.derivedName("pk", name.getText(), "", dialect));
            for (Column column : primaryKey == null ? key : primaryKey) {
                Column copied = columns.get(column.getName());
                copied.setNullable(false);
                pk.addColumn(copied);
            }
            pk.addColumn(transactionId);
            table.setPrimaryKey(pk);
        } else {
            Index index = table.getOrCreateIndex(Identifiers.derivedName("ix", name.getText(), "key", dialect));
            key.forEach(index::addColumn);
            if (endTransactionId == null) {
                // the reads' subqueries look for a key's versions before or after a transaction
                index.addColumn(transactionId);
            }
        }

        Index byTransaction = table.getOrCreateIndex(
                Identifiers.derivedName("ix", name.getText(), transactionId.getName(), dialect));
        byTransaction.addColumn(transactionId);
        if (endTransactionId != null) {
            // Key first: closing the open version of a row (where key = ? and end is null) and finding
            // the version a transaction superseded stay one index probe however long the history grows.
            // Without an end column, the primary key (key, transaction) serves the reads' subqueries.
            Index open = table.getOrCreateIndex(
                    Identifiers.derivedName("ix", name.getText(), endTransactionId.getName(), dialect));
            key.forEach(column -> open.addColumn(columns.get(column.getName())));
            open.addColumn(endTransactionId);
        }

        for (List<String> lookup : lookups) {
            if (columns.keySet().containsAll(lookup)) {
                // a one-to-many read as of a point: the children's versions holding the owner's key
                Index byOwner = table.getOrCreateIndex(
                        Identifiers.derivedName("ix", name.getText(), lookup.get(0), dialect));
                lookup.forEach(column -> byOwner.addColumn(columns.get(column)));
                byOwner.addColumn(transactionId);
            }
        }

        if (settings.partitioned()) {
            table.setOptions(VersionPartitions.clause(transactionId.getQuotedName(dialect)));
        }
        table.createForeignKey(Identifiers.derivedName("fk", name.getText(), transactionId.getName(), dialect),
                List.of(transactionId), ContinuumTransaction.class.getName(), null, null, null);
        return table;
    }
}
