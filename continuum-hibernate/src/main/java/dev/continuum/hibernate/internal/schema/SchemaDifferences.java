package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TableNames.TransactionColumns;
import dev.continuum.hibernate.internal.model.TableNames.UndoColumns;
import dev.continuum.hibernate.internal.model.TransactionIdSource;
import dev.continuum.hibernate.internal.schema.DatabaseSchema.ColumnInfo;
import dev.continuum.hibernate.internal.schema.DatabaseSchema.TableInfo;
import dev.continuum.hibernate.internal.nativemode.NativeTriggers;
import dev.continuum.hibernate.internal.nativemode.TriggerCheck;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Compares what one database schema holds with every object Continuum needs: the sequence of
 * transaction ids, the transaction table, the undo table and each version table, their columns
 * (present, and of a type that holds what Continuum writes into them), primary keys and the
 * indexes Continuum's writes and reads rely on. Each difference comes with the DDL that fixes it,
 * written by Hibernate's schema exporters for the dialect. The foreign key from version tables to
 * the transaction table is not required: history is written and read without it.
 */
final class SchemaDifferences {

    private final Metadata metadata;
    private final Dialect dialect;
    private final ContinuumTables tables;
    private final Settings settings;
    private final Ddl ddl;
    private final SqlStringGenerationContext context;

    SchemaDifferences(Metadata metadata, SqlStringGenerationContext context, ContinuumTables tables,
            Settings settings) {
        this.metadata = metadata;
        this.dialect = metadata.getDatabase().getDialect();
        this.tables = tables;
        this.settings = settings;
        this.ddl = new Ddl(metadata, context);
        this.context = context;
    }

    /**
     * One difference and its fix.
     *
     * @param problem what is missing or wrong, naming the table, the column and what it is for
     * @param fix the statements that fix it, in order
     * @param missing whether an object is missing (so that running {@code fix} creates it), rather
     *        than present in a form that does not fit
     */
    record Difference(String problem, List<String> fix, boolean missing) {

        /** The problem followed by its fix. */
        String describe() {
            return problem + (fix.isEmpty() ? "" : " Fix: " + String.join("; ", fix));
        }
    }

    /**
     * Fails when the database has a table under the name of one of Continuum's tables that is not
     * Continuum's (an application's own {@code transaction} table, say): checking it, creating it or
     * letting {@code hbm2ddl.auto=update} add Continuum's columns to it would all be wrong.
     *
     * @throws ConfigurationException naming the table and the setting that renames Continuum's
     */
    void checkNoForeignTables(DatabaseSchema database) throws SQLException {
        foreign(database, tables.transactionTable(), TransactionColumns.NAMES.issuedAt(), "transaction table",
                "the " + ContinuumSettings.TRANSACTION_TABLE + " setting (for example "
                        + ContinuumSettings.TRANSACTION_TABLE + "=continuum_transaction)");
        if (tables.undoTable() != null) {
            foreign(database, tables.undoTable(), UndoColumns.NAMES.positionTransactionId(), "undo table",
                    "the " + ContinuumSettings.UNDO_TABLE + " setting");
        }
        for (VersionTableMapping mapping : tables.versionTables()) {
            TableInfo info = database.table(mapping.table());
            if (info.exists() && info.column(unquoted(settings.transactionIdColumn())) == null
                    && info.column(unquoted(settings.operationTypeColumn())) == null) {
                throw new ConfigurationException("The database has a table '" + info.name() + "', the name of the "
                        + "version table of " + mapping.subject() + ", but it has neither a "
                        + unquoted(settings.transactionIdColumn()) + " nor an " + unquoted(settings.operationTypeColumn())
                        + " column: it is not a version table of Continuum's, and Continuum will not write into it or "
                        + "let Hibernate alter it. Name the version table of " + mapping.owner() + " otherwise with "
                        + (mapping.subject().startsWith("entity") ? "@Versioned(table = \"...\") on " + mapping.owner()
                                + " or " : "") + "the " + ContinuumSettings.TABLE_SUFFIX + " setting");
            }
        }
    }

    private static void foreign(DatabaseSchema database, Table table, String signature, String what, String fix)
            throws SQLException {
        TableInfo info = database.table(table);
        if (!info.exists()) {
            return;
        }
        Set<String> own = new HashSet<>();
        table.getColumns().forEach(column -> own.add(DatabaseSchema.key(column.getName())));
        Set<String> extra = new TreeSet<>();
        info.columns().forEach((key, column) -> {
            if (!own.contains(key)) {
                extra.add(column.name());
            }
        });
        List<String> reasons = new ArrayList<>();
        if (!extra.isEmpty()) {
            reasons.add("it has the column" + (extra.size() > 1 ? "s " : " ") + String.join(", ", extra)
                    + ", which Continuum's has not");
        }
        if (info.column(signature) == null) {
            reasons.add("it has no " + signature + " column");
        }
        if (!reasons.isEmpty()) {
            throw new ConfigurationException("The database has a table '" + info.name() + "' that is not Continuum's "
                    + what + " (" + String.join(", and ", reasons) + "): it belongs to the application, and Continuum "
                    + "will neither write into it nor let Hibernate alter it. Give Continuum's " + what
                    + " another name with " + fix);
        }
    }

    /** Every difference between {@code database} and what Continuum needs; empty when it has everything. */
    List<Difference> differences(DatabaseSchema database) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        if (tables.sequence() != null && !database.hasSequence(tables.sequence())) {
            differences.add(new Difference("The sequence '" + tables.sequence().getName().getSequenceName().getText()
                    + "' that transaction ids come from does not exist.", ddl.createSequence(tables.sequence()), true));
        }
        ownTable(database, tables.transactionTable(), "The transaction table", differences);
        if (tables.undoTable() != null) {
            ownTable(database, tables.undoTable(), "The undo table", differences);
        }
        if (tables.undoScopeTable() != null) {
            ownTable(database, tables.undoScopeTable(), "The table of undo scopes", differences);
        }
        for (Table extra : tables.transactionExtras()) {
            ownTable(database, extra, "The transaction table's companion", differences);
        }
        for (VersionTableMapping mapping : tables.versionTables()) {
            versionTable(database, mapping, differences);
        }
        for (Table table : IntegrityTablesContributor.tables(metadata, settings)) {
            ownTable(database, table, "The table of tamper evidence", differences);
        }
        for (Table table : ValueTableContribution.tables(metadata, settings)) {
            ownTable(database, table, "The value table of compact properties", differences);
        }
        NativeTriggers triggers = nativeTriggers(metadata);
        if (triggers != null && triggers.appliesToDialect(dialect)) {
            for (TriggerCheck.Problem problem : TriggerCheck.problems(triggers, database.connection(), context)) {
                differences.add(new Difference(problem.description(), problem.fix(), true));
            }
        }
        return differences;
    }

    /** The triggers of native versioning the schema contributor added to {@code metadata}, or null. */
    static NativeTriggers nativeTriggers(Metadata metadata) {
        for (AuxiliaryDatabaseObject object : metadata.getDatabase().getAuxiliaryDatabaseObjects()) {
            if (object instanceof NativeTriggers triggers) {
                return triggers;
            }
        }
        return null;
    }

    private void ownTable(DatabaseSchema database, Table table, String what, List<Difference> differences)
            throws SQLException {
        TableInfo info = database.table(table);
        String name = "'" + table.getName() + "'";
        if (!info.exists()) {
            differences.add(new Difference(what + " " + name + " does not exist.", ddl.createTable(table), true));
            return;
        }
        for (Column column : table.getColumns()) {
            ColumnInfo found = info.column(column.getName());
            if (found == null) {
                differences.add(new Difference(what + " " + name + " has no column '" + column.getName() + "'.",
                        ddl.addColumn(table, column), true));
            } else {
                ownColumnType(table, column, found, what + " " + name, differences);
                if (!found.defaulted() && table == tables.transactionTable()
                        && column.getName().equals(TransactionColumns.NAMES.id())
                        && TransactionIdSource.of(dialect) == TransactionIdSource.IDENTITY) {
                    differences.add(new Difference(what + " " + name + " has column '" + column.getName()
                            + "' without " + dialect.getIdentityColumnSupport().getIdentityColumnString(
                                    column.getSqlTypeCode(metadata)).replace("not null ", "")
                            + ", where transaction ids come from on this database, which has no sequences.",
                            ddl.makeIdentity(table, column), false));
                }
            }
        }
        primaryKey(table, info, what + " " + name, differences);
        for (Index index : table.getIndexes().values()) {
            List<String> columns = new ArrayList<>();
            index.getSelectables().forEach(selectable -> columns.add(selectable.getText()));
            if (!info.hasIndexLeadingWith(columns)) {
                differences.add(new Difference(what + " " + name + " has no index on (" + String.join(", ", columns)
                        + "), which reading it relies on.", ddl.createIndex(index), true));
            }
        }
    }

    private void ownColumnType(Table table, Column column, ColumnInfo found, String subject,
            List<Difference> differences) {
        ColumnType mapped = ColumnType.ofMapping(column, metadata);
        if (!found.type().holdsMapped(mapped)) {
            List<String> fix = ddl.changeType(table, column);
            differences.add(new Difference(subject + " has column '" + column.getName() + "' as " + found.type()
                    + ", which cannot hold the " + column.getSqlType(metadata) + " values Continuum writes into it."
                    + (fix.isEmpty() ? " Change it to " + column.getSqlType(metadata) + "." : ""), fix, false));
        }
    }

    private void versionTable(DatabaseSchema database, VersionTableMapping mapping, List<Difference> differences)
            throws SQLException {
        Table table = mapping.table();
        TableInfo info = database.table(table);
        String subject = mapping.subject();
        String tableName = "'" + table.getName() + "'";
        if (!info.exists()) {
            List<String> fix = new ArrayList<>(ddl.createTable(table));
            if (settings.partitioned()) {
                fix.addAll(ddl.createPartitions(table, settings.partitionSpan()));
            }
            fix.addAll(ddl.createForeignKeys(table));
            differences.add(new Difference(Character.toUpperCase(subject.charAt(0)) + subject.substring(1)
                    + (subject.startsWith("entity") ? " is @Versioned" : " is versioned") + " but its version table "
                    + tableName + " does not exist.", fix, true));
            return;
        }
        String where = "Version table " + tableName + " of " + subject;
        Set<String> expected = new HashSet<>();
        for (Column column : table.getColumns()) {
            expected.add(DatabaseSchema.key(column.getName()));
            VersionTableMapping.Source source = mapping.sources().get(column.getName());
            ColumnInfo found = info.column(column.getName());
            if (found == null) {
                differences.add(new Difference(where + " has no column '" + column.getName() + "' (for "
                        + (source == null ? "Continuum's bookkeeping" : source.what()) + ").",
                        ddl.addColumn(table, column), true));
            } else if (source == null || source.live() == null || ValueTableContribution.isReference(column)) {
                ownColumnType(table, column, found, where, differences);
            } else {
                dataColumn(database, table, column, found, source, where, differences);
            }
        }
        for (ColumnInfo column : info.columns().values()) {
            if (!expected.contains(DatabaseSchema.key(column.name())) && !column.nullable() && !column.defaulted()) {
                differences.add(new Difference(where + " has the column '" + column.name() + "', which Continuum does "
                        + "not write (no longer versioned?), declared not null without a default: every version "
                        + "insert would fail. Let it accept null (or drop it).",
                        List.of(ddl.dropNotNull(table, column.name(), column.type().toString())), false));
            }
        }
        primaryKey(table, info, where, differences);
        if (settings.partitioned()) {
            partitioning(database, table, where, differences);
        }
        for (Index index : table.getIndexes().values()) {
            List<String> columns = new ArrayList<>();
            index.getSelectables().forEach(selectable -> columns.add(selectable.getText()));
            if (!info.hasIndexLeadingWith(columns)) {
                differences.add(new Difference(where + " has no index on (" + String.join(", ", columns) + "), which "
                        + purpose(table, columns) + " relies on.", ddl.createIndex(index), true));
            }
        }
    }

    /** What a version table's index serves, for the message of its absence. */
    private String purpose(Table table, List<String> columns) {
        if (columns.size() == 1) {
            return "reading history by transaction";
        }
        List<String> leading = columns.subList(0, columns.size() - 1);
        List<String> key = new ArrayList<>();
        if (table.getPrimaryKey() != null) {
            table.getPrimaryKey().getColumns().forEach(column -> key.add(column.getText()));
            key.remove(key.size() - 1);
        }
        if (key.isEmpty() || key.equals(leading)
                || columns.get(columns.size() - 1).equalsIgnoreCase(unquoted(settings.endTransactionIdColumn()))) {
            return "finding the open version of a row";
        }
        return "reading a one-to-many's children as of a point";
    }

    /**
     * With {@value ContinuumSettings#PARTITION_SPAN} set: the version table must be partitioned by
     * range of its transaction id and have a default partition.
     */
    private void partitioning(DatabaseSchema database, Table table, String where, List<Difference> differences)
            throws SQLException {
        String name = ddl.tableName(table);
        String transactionId = unquoted(settings.transactionIdColumn());
        String key = null;
        boolean range = false;
        boolean hasDefault = false;
        try (PreparedStatement statement = database.connection().prepareStatement("select p.partstrat, a.attname, "
                + "p.partdefid <> 0 from pg_partitioned_table p left join pg_attribute a on a.attrelid = p.partrelid "
                + "and a.attnum = p.partattrs[0] where p.partrelid = to_regclass(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    range = "r".equals(rs.getString(1));
                    key = rs.getString(2);
                    hasDefault = rs.getBoolean(3);
                }
            }
        }
        if (!range || key == null || !key.equalsIgnoreCase(transactionId)) {
            differences.add(new Difference(where + " is not partitioned by range of " + transactionId + ", as "
                    + ContinuumSettings.PARTITION_SPAN + " asks. A table cannot be partitioned in place: rename it, "
                    + "create the partitioned table (the statements ContinuumSchema.createStatements gives), copy "
                    + "its rows over (insert into ... select * from the renamed table) and drop the renamed table; "
                    + "or remove " + ContinuumSettings.PARTITION_SPAN + ".", List.of(), false));
        } else if (!hasDefault) {
            differences.add(new Difference(where + " has no default partition, so a version whose transaction id no "
                    + "partition covers could not be written.", List.of(ddl.createPartitions(table,
                    settings.partitionSpan()).get(0)), true));
        }
    }

    private void dataColumn(DatabaseSchema database, Table table, Column column, ColumnInfo found,
            VersionTableMapping.Source source, String where, List<Difference> differences) throws SQLException {
        ColumnInfo live = database.table(source.live()).column(column.getName());
        String name = table.getName() + "." + column.getName();
        if (live != null && !found.type().holds(live.type())) {
            List<String> fix = ddl.changeType(table, column);
            differences.add(new Difference("Column '" + column.getName() + "' of version table '" + table.getName()
                    + "' is " + found.type() + " but " + source.what() + " is " + live.type() + " in table '"
                    + source.live().getName() + "'; history would be truncated or rejected."
                    + (fix.isEmpty() ? " Change '" + name + "' to " + column.getSqlType(metadata) + "." : ""),
                    fix, false));
        }
        boolean key = table.getPrimaryKey() != null && table.getPrimaryKey().containsColumn(column);
        if (!key && !found.nullable() && (live == null || live.nullable())) {
            differences.add(new Difference("Column '" + column.getName() + "' of version table '" + table.getName()
                    + "' is declared not null, but " + source.what() + " can be null, and the version of a null "
                    + "value would be rejected.", List.of(ddl.dropNotNull(table, column.getQuotedName(dialect),
                    column.getSqlType(metadata))), false));
        }
    }

    private void primaryKey(Table table, TableInfo info, String subject, List<Difference> differences) {
        PrimaryKey primaryKey = table.getPrimaryKey();
        if (primaryKey == null || primaryKey.getColumns().isEmpty()) {
            return;
        }
        List<String> expected = primaryKey.getColumns().stream()
                .map(column -> DatabaseSchema.key(column.getName())).toList();
        StringJoiner names = new StringJoiner(", ", "(", ")");
        primaryKey.getColumns().forEach(column -> names.add(column.getName()));
        if (info.primaryKey().isEmpty()) {
            differences.add(new Difference(subject + " has no primary key; Continuum relies on one row per "
                    + names + ".", List.of(ddl.addPrimaryKey(table, primaryKey)), true));
        } else if (!new HashSet<>(info.primaryKey()).equals(new HashSet<>(expected))) {
            differences.add(new Difference(subject + " has the primary key (" + String.join(", ", info.primaryKey())
                    + "), but Continuum writes one row per " + names + ". Drop its primary key, then add the right one.",
                    List.of(ddl.addPrimaryKey(table, primaryKey)), false));
        }
    }

    /** A configured name as the database stores it, without the quotes that made it quoted. */
    private static String unquoted(String name) {
        return org.hibernate.boot.model.naming.Identifier.toIdentifier(name).getText();
    }
}
