package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.ContinuumSettings;
import dev.continuum.SchemaMismatchException;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the version tables and the transaction table in the database with the live mapping
 * when Hibernate does not create or update the schema itself ({@code validate} or {@code none}).
 * A missing table, a missing column, or a shadow column whose type differs from its live column
 * fails the boot with a {@link SchemaMismatchException} that lists every difference and its fix.
 */
public final class SchemaCheck {

    private static final Set<String> MANAGED_ACTIONS = Set.of(
            "create", "create-drop", "create-only", "drop", "drop-and-create", "update", "truncate");

    private final SessionFactoryImplementor factory;
    private final Metadata metadata;
    private final Table transactionTable;
    private final SqlStringGenerationContext context;

    public SchemaCheck(SessionFactoryImplementor factory, Metadata metadata, Table transactionTable) {
        this.factory = factory;
        this.metadata = metadata;
        this.transactionTable = transactionTable;
        this.context = factory.getSqlStringGenerationContext();
    }

    /** Whether the schema is left to the application, so Continuum must check it. */
    public static boolean applies(Map<String, Object> properties, Settings settings) {
        if (!settings.schemaValidation()) {
            return false;
        }
        for (String key : List.of("jakarta.persistence.schema-generation.database.action",
                "javax.persistence.schema-generation.database.action", "hibernate.hbm2ddl.auto")) {
            Object action = properties.get(key);
            if (action != null && MANAGED_ACTIONS.contains(action.toString().trim().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    public void check(List<VersionTableMapping> mappings) {
        JdbcConnectionAccess access = factory.getJdbcServices().getBootstrapJdbcConnectionAccess();
        Connection connection = null;
        try {
            connection = access.obtainConnection();
            List<String> problems = new ArrayList<>();
            checkTransactionTable(connection, problems);
            Map<Table, Map<String, ColumnInfo>> liveColumns = new HashMap<>();
            for (VersionTableMapping mapping : mappings) {
                checkVersionTable(connection, mapping, liveColumns, problems);
            }
            if (!problems.isEmpty()) {
                throw new SchemaMismatchException("The database schema does not match Continuum's version tables:\n  - "
                        + String.join("\n  - ", problems)
                        + "\nApply the fixes above (or let Hibernate manage the schema with hibernate.hbm2ddl.auto=update);"
                        + " to skip this check set " + ContinuumSettings.SCHEMA_VALIDATION + "=false.");
            }
        } catch (SQLException e) {
            throw new SchemaMismatchException("Could not read the database schema to check Continuum's version tables ("
                    + e.getMessage() + "); set " + ContinuumSettings.SCHEMA_VALIDATION + "=false to skip the check");
        } finally {
            if (connection != null) {
                try {
                    access.releaseConnection(connection);
                } catch (SQLException ignored) {
                    // the check's outcome stands
                }
            }
        }
    }

    private void checkTransactionTable(Connection connection, List<String> problems) throws SQLException {
        Map<String, ColumnInfo> columns = columns(connection, transactionTable);
        String name = transactionTable.getName();
        if (columns.isEmpty()) {
            problems.add("The transaction table '" + name + "' does not exist. Fix: " + createDdl(transactionTable));
            return;
        }
        for (Column column : transactionTable.getColumns()) {
            if (!columns.containsKey(key(column.getName()))) {
                problems.add("The transaction table '" + name + "' has no column '" + column.getName() + "'. Fix: "
                        + addColumnDdl(transactionTable, column));
            }
        }
    }

    private void checkVersionTable(Connection connection, VersionTableMapping mapping,
            Map<Table, Map<String, ColumnInfo>> liveColumns, List<String> problems) throws SQLException {
        Table versionTable = mapping.table();
        Map<String, ColumnInfo> shadow = columns(connection, versionTable);
        if (shadow.isEmpty()) {
            String subject = mapping.subject();
            problems.add(Character.toUpperCase(subject.charAt(0)) + subject.substring(1)
                    + (subject.startsWith("entity") ? " is @Versioned" : " is versioned") + " but its version table '"
                    + versionTable.getName() + "' does not exist. Fix: " + createDdl(versionTable));
            return;
        }
        for (Column column : versionTable.getColumns()) {
            VersionTableMapping.Source source = mapping.sources().get(column.getName());
            String owner = source == null ? "Continuum bookkeeping" : source.what();
            ColumnInfo actual = shadow.get(key(column.getName()));
            if (actual == null) {
                problems.add("Version table '" + versionTable.getName() + "' of " + mapping.subject()
                        + " has no column '" + column.getName() + "' (for " + owner + "). Fix: "
                        + addColumnDdl(versionTable, column));
                continue;
            }
            if (source == null) {
                continue;
            }
            Map<String, ColumnInfo> live = liveColumns.get(source.live());
            if (live == null) {
                live = columns(connection, source.live());
                liveColumns.put(source.live(), live);
            }
            ColumnInfo expected = live.get(key(column.getName()));
            if (expected != null && !expected.sameType(actual)) {
                problems.add("Column '" + column.getName() + "' of version table '" + versionTable.getName()
                        + "' is " + actual + " but " + owner + " is " + expected + " in table '"
                        + source.live().getName() + "'; history would be truncated or rejected. Fix: change '"
                        + versionTable.getName() + "." + column.getName() + "' to " + expected
                        + " (the type of the live column)");
            }
        }
    }

    private String createDdl(Table table) {
        return String.join("; ", factory.getJdbcServices().getDialect().getTableExporter()
                .getSqlCreateStrings(table, metadata, context));
    }

    private String addColumnDdl(Table table, Column column) {
        return "alter table " + context.format(table.getQualifiedTableName()) + " add column "
                + column.getQuotedName(factory.getJdbcServices().getDialect()) + " " + column.getSqlType(metadata);
    }

    private static Map<String, ColumnInfo> columns(Connection connection, Table table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = table.getCatalog() != null ? table.getCatalog() : connection.getCatalog();
        String schema = table.getSchema() != null ? table.getSchema() : connection.getSchema();
        for (String name : List.of(table.getName(), table.getName().toLowerCase(Locale.ROOT),
                table.getName().toUpperCase(Locale.ROOT))) {
            Map<String, ColumnInfo> columns = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(catalog, schema, name, null)) {
                while (rs.next()) {
                    columns.put(key(rs.getString("COLUMN_NAME")), new ColumnInfo(rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")));
                }
            }
            if (!columns.isEmpty()) {
                return columns;
            }
        }
        return Map.of();
    }

    private static String key(String columnName) {
        String name = columnName;
        if (name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '`' || name.charAt(0) == '[')) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** A column's type as the JDBC driver reports it. */
    private record ColumnInfo(int dataType, String typeName, int size, int digits) {
        boolean sameType(ColumnInfo other) {
            return dataType == other.dataType && Objects.equals(typeName.toLowerCase(Locale.ROOT),
                    other.typeName.toLowerCase(Locale.ROOT)) && size == other.size && digits == other.digits;
        }

        @Override
        public String toString() {
            return typeName + "(" + size + (digits > 0 ? "," + digits : "") + ")";
        }
    }
}
