package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

import static dev.continuum.hibernate.internal.model.IntegrityTables.HASH;
import static dev.continuum.hibernate.internal.model.IntegrityTables.REMOVED;
import static dev.continuum.hibernate.internal.model.IntegrityTables.ROW_HASH;
import static dev.continuum.hibernate.internal.model.IntegrityTables.SEAL;
import static dev.continuum.hibernate.internal.model.IntegrityTables.name;

/**
 * Adds tamper evidence's tables to Hibernate's relational model when it is on
 * ({@code continuum.integrity=hash-chain}) and an entity is versioned, named after the transaction
 * table: {@code <transaction>_hash} (per transaction, the hash of its row and the digest of its
 * version rows), {@code <transaction>_seal} (the seals) and {@code <transaction>_removed} (the hashes
 * of version rows that retention or erasure removed). The {@code row_hash} column of the version
 * tables is added by {@link SchemaContributor} through {@link #addRowHash}. Discovered through
 * {@link java.util.ServiceLoader}.
 */
public final class IntegrityTablesContributor extends ContinuumContributor {

    private static final int HEX = 64;

    /** For {@link java.util.ServiceLoader}. */
    public IntegrityTablesContributor() {
        super("-integrity");
    }

    @Override
    void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        if (!settings.hashChain()
                || metadata.getEntityBindings().stream().noneMatch(entity -> VersionedEntity.annotation(entity) != null)) {
            return;
        }
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();

        Table hash = table(metadata, helper, namespace, settings, HASH, "Hashes of transactions (Continuum)");
        Column transactionId = add(hash, "transaction_id", "long", false, helper, context);
        add(hash, "version_digest", HEX, false, helper, context);
        add(hash, ROW_HASH, HEX, false, helper, context);
        add(hash, "identity_hash", HEX, true, helper, context);
        add(hash, "removed_at", "instant", true, helper, context);
        primaryKey(hash, transactionId, metadata);
        contributions.contributeTable(hash);

        Table seal = table(metadata, helper, namespace, settings, SEAL, "Seals of the history (Continuum)");
        Column after = add(seal, "after_transaction_id", "long", false, helper, context);
        add(seal, "last_transaction_id", "long", false, helper, context);
        add(seal, "transactions", "long", false, helper, context);
        add(seal, "digest", HEX, false, helper, context);
        add(seal, "sealed_at", "instant", false, helper, context);
        primaryKey(seal, after, metadata);
        contributions.contributeTable(seal);

        Table removed = table(metadata, helper, namespace, settings, REMOVED,
                "Hashes of version rows removed by retention or erasure (Continuum)");
        Column table = add(removed, "table_name", "string", false, helper, context);
        Column key = add(removed, "key_hash", HEX, true, helper, context);
        Column removedTransaction = add(removed, "transaction_id", "long", false, helper, context);
        add(removed, "end_transaction_id", "long", true, helper, context);
        add(removed, ROW_HASH, HEX, true, helper, context);
        add(removed, "removed_at", "instant", false, helper, context);
        String name = removed.getName();
        Index byKey = removed.getOrCreateIndex(Identifiers.derivedName("ix", name, "key",
                metadata.getDatabase().getDialect()));
        byKey.addColumn(table);
        byKey.addColumn(key);
        byKey.addColumn(removedTransaction);
        Index byTransaction = removed.getOrCreateIndex(Identifiers.derivedName("ix", name, "transaction_id",
                metadata.getDatabase().getDialect()));
        byTransaction.addColumn(removedTransaction);
        contributions.contributeTable(removed);
    }

    /**
     * Adds the {@code row_hash} column to a version table.
     *
     * @throws ConfigurationException when the entity already maps a column of that name
     */
    static void addRowHash(Table table, IdentifierHelper helper, MetadataBuildingContext context) {
        Identifier name = helper.toIdentifier(ROW_HASH);
        if (table.getColumn(name) != null) {
            throw new ConfigurationException("Version table " + table.getName() + " has a column named '" + ROW_HASH
                    + "' from its entity, which tamper evidence (" + ContinuumSettings.INTEGRITY
                    + "=hash-chain) needs for the row's hash; rename the entity's column");
        }
        table.addColumn(hashColumn(name, true, table, context));
    }

    /** The tables this contributor added to {@code metadata}; empty when tamper evidence is off. */
    static List<Table> tables(Metadata metadata, Settings settings) {
        List<Table> tables = new ArrayList<>();
        if (settings.hashChain()) {
            IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
            Namespace namespace = metadata.getDatabase().getDefaultNamespace();
            for (String suffix : List.of(HASH, SEAL, REMOVED)) {
                Table table = namespace.locateTable(helper.toIdentifier(name(settings, suffix)));
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private Table table(InFlightMetadataCollector metadata, IdentifierHelper helper, Namespace namespace,
            Settings settings, String suffix, String comment) {
        Identifier name = helper.toIdentifier(name(settings, suffix));
        SchemaContributor.checkNoClash(metadata, name, "table of tamper evidence", ContinuumSettings.TRANSACTION_TABLE);
        Table table = new Table(getContributorName(), namespace, name, false);
        table.setComment(comment);
        return table;
    }

    private static Column add(Table table, String name, Object type, boolean nullable, IdentifierHelper helper,
            MetadataBuildingContext context) {
        Column column = type instanceof Integer
                ? hashColumn(helper.toIdentifier(name), nullable, table, context)
                : SchemaContributor.column(helper.toIdentifier(name), (String) type, nullable, table, context);
        table.addColumn(column);
        return column;
    }

    private static Column hashColumn(Identifier name, boolean nullable, Table table, MetadataBuildingContext context) {
        Column column = SchemaContributor.column(name, "string", nullable, table, context);
        column.setLength(HEX);
        return column;
    }

    private static void primaryKey(Table table, Column column, InFlightMetadataCollector metadata) {
        PrimaryKey key = new PrimaryKey(table);
        key.setName(Identifiers.derivedName("pk", table.getName(), "", metadata.getDatabase().getDialect()));
        key.addColumn(column);
        table.setPrimaryKey(key);
    }
}
