package dev.continuum.hibernate.internal.schema;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.internal.ColumnInformationImpl;
import org.hibernate.tool.schema.extract.internal.TableInformationImpl;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The DDL of Continuum's objects, as Hibernate's own schema exporters write it for the dialect:
 * what {@code hibernate.hbm2ddl.auto=create} or {@code update} would execute, so that a statement
 * suggested at boot or written to a migration is exactly what Hibernate would have run.
 */
final class Ddl {

    private final Metadata metadata;
    private final Dialect dialect;
    private final SqlStringGenerationContext context;

    Ddl(Metadata metadata, SqlStringGenerationContext context) {
        this.metadata = metadata;
        this.dialect = metadata.getDatabase().getDialect();
        this.context = context;
    }

    /** {@code create table} (with its comments) and its indexes. */
    List<String> createTable(Table table) {
        List<String> statements = new ArrayList<>(
                Arrays.asList(dialect.getTableExporter().getSqlCreateStrings(table, metadata, context)));
        for (Index index : table.getIndexes().values()) {
            statements.addAll(createIndex(index));
        }
        return statements;
    }

    /** The default partition and the first range partitions of a partitioned version table. */
    List<String> createPartitions(Table table, long span) {
        return VersionPartitions.createStatements(table, span, context);
    }

    /** The foreign keys of {@code table}, to run once the tables they reference exist. */
    List<String> createForeignKeys(Table table) {
        List<String> statements = new ArrayList<>();
        for (ForeignKey foreignKey : table.getForeignKeyCollection()) {
            if (foreignKey.isCreationEnabled() && foreignKey.isPhysicalConstraint()) {
                statements.addAll(Arrays.asList(
                        dialect.getForeignKeyExporter().getSqlCreateStrings(foreignKey, metadata, context)));
            }
        }
        return statements;
    }

    List<String> createSequence(Sequence sequence) {
        return Arrays.asList(dialect.getSequenceExporter().getSqlCreateStrings(sequence, metadata, context));
    }

    List<String> createIndex(Index index) {
        return Arrays.asList(dialect.getIndexExporter().getSqlCreateStrings(index, metadata, context));
    }

    /** {@code alter table ... add column ...}, as {@code hbm2ddl.auto=update} writes it. */
    List<String> addColumn(Table table, Column column) {
        return alter(table, column, null);
    }

    /**
     * {@code alter table ... alter column ... set data type ...} (or the dialect's form) giving
     * {@code column} its type in the mapping; empty when the dialect cannot change a column's type.
     */
    List<String> changeType(Table table, Column column) {
        return dialect.supportsAlterColumnType()
                ? alter(table, column, new ColumnType(Types.NULL, "", 0, 0)) : List.of();
    }

    /**
     * The statement that lets {@code column} accept null: the dialect's {@code modify column}
     * with the full definition where it has one (MySQL, MariaDB), else
     * {@code alter column ... drop not null}.
     *
     * @param typeDefinition the column's type, for dialects that restate it
     */
    String dropNotNull(Table table, String column, String typeDefinition) {
        String alter = dialect.getAlterColumnTypeString(column, typeDefinition, typeDefinition + " null");
        if (alter == null || !alter.endsWith(" null")) {
            alter = "alter column " + column + " drop not null";
        }
        return dialect.getAlterTableString(tableName(table)) + " " + alter;
    }

    /**
     * The statement that makes {@code column} the table's identity column, in the dialect's
     * {@code modify column} with the full definition (MySQL's {@code auto_increment}); empty where
     * the dialect has no such form.
     */
    List<String> makeIdentity(Table table, Column column) {
        String type = column.getSqlType(metadata);
        String definition = type + " "
                + dialect.getIdentityColumnSupport().getIdentityColumnString(column.getSqlTypeCode(metadata));
        String alter = dialect.getAlterColumnTypeString(column.getQuotedName(dialect), type, definition);
        return alter == null || !alter.endsWith(definition) ? List.of()
                : List.of(dialect.getAlterTableString(tableName(table)) + " " + alter);
    }

    /** {@code alter table ... add constraint ... primary key (...)}. */
    String addPrimaryKey(Table table, PrimaryKey primaryKey) {
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        primaryKey.getColumns().forEach(column -> columns.add(column.getQuotedName(dialect)));
        return dialect.getAlterTableString(tableName(table))
                + dialect.getAddPrimaryKeyConstraintString(primaryKey.getName()) + columns;
    }

    String tableName(Table table) {
        return context.format(table.getQualifiedTableName());
    }

    /**
     * What Hibernate's table migrator writes for {@code column} when the database has it with
     * {@code found} (null: it has no such column).
     */
    private List<String> alter(Table table, Column column, ColumnType found) {
        Table single = new Table(table.getContributor(), metadata.getDatabase()
                .locateNamespace(table.getCatalogIdentifier(), table.getSchemaIdentifier()),
                table.getNameIdentifier(), false);
        single.addColumn(column.clone());
        IdentifierHelper helper = metadata.getDatabase().getJdbcEnvironment().getIdentifierHelper();
        TableInformationImpl information = new TableInformationImpl(null, helper,
                new QualifiedTableName(table.getCatalogIdentifier(), table.getSchemaIdentifier(),
                        table.getNameIdentifier()), true, null);
        if (found != null) {
            information.addColumn(new ColumnInformationImpl(information,
                    Identifier.toIdentifier(helper.toMetaDataObjectName(
                            Identifier.toIdentifier(column.getName(), column.isQuoted())), false, false),
                    found.code(), found.name(),
                    found.size(), found.digits(), true));
        }
        return Arrays.asList(dialect.getTableMigrator().getSqlAlterStrings(single, metadata, information, context));
    }
}
