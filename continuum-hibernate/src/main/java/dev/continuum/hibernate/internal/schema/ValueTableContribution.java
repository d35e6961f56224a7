package dev.continuum.hibernate.internal.schema;

import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.compact.ValueCodec;
import dev.continuum.hibernate.internal.model.CompactProperties;
import dev.continuum.hibernate.internal.model.IntegrityTables;
import dev.continuum.hibernate.internal.model.Settings;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.SimpleAuxiliaryDatabaseObject;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.util.List;
import java.util.Set;

/**
 * The value table of compact properties, {@code <transaction>_value} (see
 * {@link dev.continuum.hibernate.internal.compact.ValueTable}), which {@link SchemaContributor}
 * adds when a versioned entity has a {@link dev.continuum.Compact} property, and the reference
 * column that such a property gets in its version table.
 */
final class ValueTableContribution {

    /** Large enough for any value: every dialect renders it as its unbounded binary type. */
    private static final long BYTES = Integer.MAX_VALUE;
    /** The largest {@code toast_tuple_target} PostgreSQL accepts with 8 KB pages: a row that fits a page stays whole. */
    private static final int TOAST_TUPLE_TARGET = 8160;

    /** The comment of a reference column in a version table, by which the schema check knows it. */
    static final String REFERENCE_COMMENT = "SHA-256 of the value in the value table (Continuum compact storage)";

    private ValueTableContribution() {
    }

    static Identifier name(IdentifierHelper helper, Settings settings) {
        return helper.toIdentifier(IntegrityTables.name(settings, CompactProperties.VALUE_TABLE_SUFFIX));
    }

    static void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            MetadataBuildingContext context, Settings settings) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Namespace namespace = metadata.getDatabase().getDefaultNamespace();
        Identifier name = name(helper, settings);
        SchemaContributor.checkNoClash(metadata, name, "value table of compact properties",
                ContinuumSettings.TRANSACTION_TABLE);
        Table table = new Table(ContinuumContributor.CONTRIBUTOR, namespace, name, false);
        table.setComment("Values of @Compact properties, by SHA-256 (Continuum)");
        List<String> columns = dev.continuum.hibernate.internal.compact.ValueTable.COLUMNS;
        Column hash = reference(helper.toIdentifier(columns.get(0)), false, table, context);
        table.addColumn(hash);
        Column keyframe = reference(helper.toIdentifier(columns.get(1)), false, table, context);
        table.addColumn(keyframe);
        table.addColumn(SchemaContributor.column(helper.toIdentifier(columns.get(2)), "integer", false, table, context));
        table.addColumn(reference(helper.toIdentifier(columns.get(3)), true, table, context));
        table.addColumn(SchemaContributor.column(helper.toIdentifier(columns.get(4)), "integer", false, table, context));
        Column bytes = SchemaContributor.column(helper.toIdentifier(columns.get(5)), "binary", false, table, context);
        bytes.setLength(BYTES);
        table.addColumn(bytes);
        PrimaryKey key = new PrimaryKey(table);
        key.setName(Identifiers.derivedName("pk", table.getName(), "", metadata.getDatabase().getDialect()));
        key.addColumn(hash);
        table.setPrimaryKey(key);
        // a chain is read by its keyframe: one index entry per chain on PostgreSQL, whose B-tree deduplicates equal keys
        Index chains = table.getOrCreateIndex(Identifiers.derivedName("ix", table.getName(), "keyframe",
                metadata.getDatabase().getDialect()));
        chains.addColumn(keyframe);
        contributions.contributeTable(table);
        List<String> storage = storage(table, metadata.getDatabase().getDialect());
        if (!storage.isEmpty()) {
            contributions.contributeAuxiliaryDatabaseObject(new SimpleAuxiliaryDatabaseObject(namespace,
                    storage.toArray(String[]::new), new String[0], Set.of()));
        }
    }

    /**
     * What the value table needs after its {@code create table}: on PostgreSQL, rows of up to a page
     * ({@code toast_tuple_target} 8160) kept whole in the heap, and {@code value_bytes} stored
     * {@code external}, since the bytes are deflated already. By default PostgreSQL starts toasting a
     * row past 2 KB: it tries to compress the bytes (which cannot gain), and then moves the 33-byte
     * references of a keyframe's row out of line, each into a TOAST chunk with its index entry;
     * larger rows put the bytes alone out of line, uncompressed (docs/performance.md).
     */
    static List<String> storage(Table table, Dialect dialect) {
        if (!(dialect instanceof PostgreSQLDialect)) {
            return List.of();
        }
        Column bytes = table.getColumn(Identifier.toIdentifier(
                dev.continuum.hibernate.internal.compact.ValueTable.COLUMNS.get(5)));
        String name = table.getQualifiedTableName().render();
        return List.of("alter table " + name + " alter column " + bytes.getQuotedName(dialect) + " set storage external",
                "alter table " + name + " set (toast_tuple_target = " + TOAST_TUPLE_TARGET + ")");
    }

    /** The reference column of a compact property in its version table, named like its live column. */
    static Column reference(Identifier name, boolean nullable, Table table, MetadataBuildingContext context) {
        Column column = SchemaContributor.column(name, "binary", nullable, table, context);
        column.setLength(ValueCodec.REFERENCE_LENGTH);
        return column;
    }

    /** Marks the columns named {@code references} of a version table a typed version class maps as reference columns. */
    static void markReferences(Table table, java.util.Set<String> references) {
        for (Column column : table.getColumns()) {
            if (references.contains(column.getName())) {
                column.setComment(REFERENCE_COMMENT);
            }
        }
    }

    /** Whether {@code column} of a version table is the reference column of a compact property. */
    static boolean isReference(Column column) {
        return REFERENCE_COMMENT.equals(column.getComment());
    }

    /** The value table, when the mapping has one. */
    static List<Table> tables(Metadata metadata, Settings settings) {
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        Table table = metadata.getDatabase().getDefaultNamespace().locateTable(name(helper, settings));
        return table == null ? List.of() : List.of(table);
    }
}
