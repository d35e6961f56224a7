package dev.continuum.hibernate.internal.schema;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.spi.ExtractionContext;
import org.hibernate.tool.schema.extract.spi.SequenceInformation;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one database schema holds of the tables and the sequence Continuum needs, read through
 * JDBC metadata on one connection (for a tenant, the tenant's connection: tables without an
 * explicit schema are looked up in the connection's current catalog and schema). Tables are read
 * once and kept.
 */
final class DatabaseSchema {

    private final Connection connection;
    private final DatabaseMetaData meta;
    private final JdbcEnvironment environment;
    private final SqlStringGenerationContext context;
    private final Map<Table, TableInfo> tables = new HashMap<>();
    private List<SequenceInformation> sequences;

    DatabaseSchema(Connection connection, JdbcEnvironment environment, SqlStringGenerationContext context)
            throws SQLException {
        this.connection = connection;
        this.meta = connection.getMetaData();
        this.environment = environment;
        this.context = context;
    }

    /** The connection the schema is read on. */
    Connection connection() {
        return connection;
    }

    /** What the database holds of {@code table}; {@link TableInfo#exists()} is false when nothing. */
    TableInfo table(Table table) throws SQLException {
        TableInfo info = tables.get(table);
        if (info == null) {
            info = read(table);
            tables.put(table, info);
        }
        return info;
    }

    /** Forgets what was read, after DDL changed the schema. */
    void forget() {
        tables.clear();
        sequences = null;
    }

    /** Whether the database has {@code sequence}, looked up as Hibernate's own schema tools do. */
    boolean hasSequence(Sequence sequence) throws SQLException {
        if (sequences == null) {
            sequences = new ArrayList<>();
            ExtractionContext extraction = new ExtractionContext.EmptyExtractionContext() {
                @Override
                public JdbcEnvironment getJdbcEnvironment() {
                    return environment;
                }

                @Override
                public Connection getJdbcConnection() {
                    return connection;
                }

                @Override
                public DatabaseMetaData getJdbcDatabaseMetaData() {
                    return meta;
                }

                @Override
                public SqlStringGenerationContext getSqlStringGenerationContext() {
                    return context;
                }
            };
            environment.getDialect().getSequenceInformationExtractor().extractMetadata(extraction)
                    .forEach(sequences::add);
        }
        Identifier name = sequence.getName().getSequenceName();
        String schema = sequence.getName().getSchemaName() != null ? sequence.getName().getSchemaName().getText()
                : environment.getNameQualifierSupport().supportsSchemas() ? connection.getSchema() : null;
        String catalog = sequence.getName().getCatalogName() != null ? sequence.getName().getCatalogName().getText()
                : environment.getNameQualifierSupport().supportsCatalogs() ? connection.getCatalog() : null;
        for (SequenceInformation found : sequences) {
            Identifier foundName = found.getSequenceName().getSequenceName();
            if (foundName != null && matches(name, foundName.getText())
                    && sameOrUnknown(schema, found.getSequenceName().getSchemaName())
                    && sameOrUnknown(catalog, found.getSequenceName().getCatalogName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Identifier expected, String found) {
        return expected.isQuoted() ? expected.getText().equals(found) : expected.getText().equalsIgnoreCase(found);
    }

    private static boolean sameOrUnknown(String expected, Identifier found) {
        return expected == null || found == null || expected.equalsIgnoreCase(found.getText());
    }

    private TableInfo read(Table table) throws SQLException {
        IdentifierHelper helper = environment.getIdentifierHelper();
        String catalog = table.getCatalog() != null ? helper.toMetaDataCatalogName(table.getCatalogIdentifier())
                : environment.getNameQualifierSupport().supportsCatalogs() ? connection.getCatalog() : null;
        String schema = table.getSchema() != null ? helper.toMetaDataSchemaName(table.getSchemaIdentifier())
                : environment.getNameQualifierSupport().supportsSchemas() ? connection.getSchema() : null;
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(helper.toMetaDataObjectName(table.getNameIdentifier()));
        if (!table.isQuoted()) {
            candidates.add(table.getName());
            candidates.add(table.getName().toLowerCase(Locale.ROOT));
            candidates.add(table.getName().toUpperCase(Locale.ROOT));
        }
        for (String candidate : candidates) {
            TableInfo info = read(catalog, schema, candidate);
            if (info.exists()) {
                return info;
            }
        }
        return new TableInfo(table.getName(), Map.of(), List.of(), List.of());
    }

    private TableInfo read(String catalog, String schema, String name) throws SQLException {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        String actualName = null;
        String actualSchema = schema;
        String actualCatalog = catalog;
        try (ResultSet rs = meta.getColumns(catalog, pattern(schema), pattern(name), "%")) {
            while (rs.next()) {
                String tableName = rs.getString("TABLE_NAME");
                if (!tableName.equals(name)) {
                    continue;
                }
                actualName = tableName;
                actualSchema = rs.getString("TABLE_SCHEM");
                actualCatalog = rs.getString("TABLE_CAT");
                String column = rs.getString("COLUMN_NAME");
                ColumnType type = new ColumnType(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"));
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                String defaultValue = rs.getString("COLUMN_DEF");
                String generated = rs.getString("IS_AUTOINCREMENT");
                columns.put(key(column), new ColumnInfo(column, type, nullable,
                        defaultValue != null || "YES".equalsIgnoreCase(generated)));
            }
        }
        if (actualName == null) {
            return new TableInfo(name, Map.of(), List.of(), List.of());
        }
        TreeMap<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(actualCatalog, actualSchema, actualName)) {
            while (rs.next()) {
                keyColumns.put(rs.getShort("KEY_SEQ"), key(rs.getString("COLUMN_NAME")));
            }
        }
        Map<String, TreeMap<Short, String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(actualCatalog, actualSchema, actualName, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                indexes.computeIfAbsent(index, i -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"), key(column));
            }
        }
        List<List<String>> indexColumns = new ArrayList<>();
        indexes.values().forEach(index -> indexColumns.add(List.copyOf(index.values())));
        return new TableInfo(actualName, columns, List.copyOf(keyColumns.values()), indexColumns);
    }

    /** {@code text} as a JDBC metadata pattern that matches only itself. */
    private String pattern(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return text;
        }
        return text.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** A column name as the key of lookups: case-insensitive, quotes removed. */
    static String key(String columnName) {
        String name = columnName;
        if (name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '`' || name.charAt(0) == '[')) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * One table as the database holds it.
     *
     * @param name its name as stored
     * @param columns its columns, by {@link #key} of their names
     * @param primaryKey the keys of its primary key columns, in key order; empty when none
     * @param indexes the keys of the columns of each index, in index order
     */
    record TableInfo(String name, Map<String, ColumnInfo> columns, List<String> primaryKey,
            List<List<String>> indexes) {

        boolean exists() {
            return !columns.isEmpty();
        }

        /** The column of this name, or null. */
        ColumnInfo column(String columnName) {
            return columns.get(key(columnName));
        }

        /**
         * Whether an index (or the primary key) starts with {@code columns}, in this order, so
         * that a lookup by them is one index probe.
         */
        boolean hasIndexLeadingWith(List<String> columns) {
            List<String> wanted = columns.stream().map(DatabaseSchema::key).toList();
            if (startsWith(primaryKey, wanted)) {
                return true;
            }
            return indexes.stream().anyMatch(index -> startsWith(index, wanted));
        }

        private static boolean startsWith(List<String> index, List<String> wanted) {
            return index.size() >= wanted.size() && index.subList(0, wanted.size()).equals(wanted);
        }
    }

    /**
     * One column as the database holds it.
     *
     * @param name its name as stored
     * @param type its type as the driver reports it
     * @param nullable whether it accepts null
     * @param defaulted whether it has a default value or is generated, so an insert may leave it out
     */
    record ColumnInfo(String name, ColumnType type, boolean nullable, boolean defaulted) {
    }
}
