package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of a version table partitioned by range of transaction id
 * ({@value ContinuumSettings#PARTITION_SPAN}): its {@code DEFAULT} partition, which takes any row
 * no range partition covers (so that no write ever fails for want of a partition), and the first
 * two range partitions. Schema creation and update run these statements after the tables
 * ({@code if not exists}: update runs them again); later partitions are made ahead of need by
 * {@link dev.continuum.HistoryAdmin#ensurePartitions()}. Dropping the table drops its partitions.
 */
public final class VersionPartitions implements AuxiliaryDatabaseObject {

    /** The suffix of a version table's default partition. */
    public static final String DEFAULT_SUFFIX = "_default";
    /** The suffix of a range partition, followed by its number (its lower bound divided by the span). */
    public static final String RANGE_SUFFIX = "_p";
    /** How many range partitions schema creation makes. */
    static final int INITIAL = 2;

    private final Table table;
    private final long span;

    VersionPartitions(Table table, long span) {
        this.table = table;
        this.span = span;
    }

    /** The clause that makes a version table partitioned by range of {@code transactionIdColumn}. */
    static String clause(String transactionIdColumn) {
        return "partition by range (" + transactionIdColumn + ")";
    }

    /**
     * Refuses partitioning on a database other than PostgreSQL.
     *
     * @throws ConfigurationException naming the setting and the database
     */
    static void checkDialect(Dialect dialect) {
        if (!(dialect instanceof PostgreSQLDialect)) {
            throw new ConfigurationException(ContinuumSettings.PARTITION_SPAN + " is set, but version tables can be "
                    + "partitioned by transaction id only on PostgreSQL, and this database is "
                    + dialect.getClass().getSimpleName().replace("Dialect", "") + "; remove the setting (retention "
                    + "then deletes pruned versions row by row, see HistoryAdmin.prune())");
        }
    }

    /** The statements that create the default partition and the first range partitions of {@code table}. */
    static List<String> createStatements(Table table, long span, SqlStringGenerationContext context) {
        String parent = context.format(table.getQualifiedTableName());
        List<String> statements = new ArrayList<>();
        statements.add("create table if not exists " + context.format(name(table, DEFAULT_SUFFIX)) + " partition of "
                + parent + " default");
        for (int n = 0; n < INITIAL; n++) {
            statements.add("create table if not exists " + context.format(name(table, RANGE_SUFFIX + n))
                    + " partition of " + parent + " for values from (" + (n * span) + ") to (" + ((n + 1) * span)
                    + ")");
        }
        return statements;
    }

    private static QualifiedTableName name(Table table, String suffix) {
        Identifier name = table.getNameIdentifier();
        return new QualifiedTableName(table.getCatalogIdentifier(), table.getSchemaIdentifier(),
                Identifier.toIdentifier(name.getText() + suffix, name.isQuoted()));
    }

    @Override
    public boolean appliesToDialect(Dialect dialect) {
        return dialect instanceof PostgreSQLDialect;
    }

    @Override
    public boolean beforeTablesOnCreation() {
        return false;
    }

    @Override
    public String[] sqlCreateStrings(SqlStringGenerationContext context) {
        return createStatements(table, span, context).toArray(String[]::new);
    }

    @Override
    public String[] sqlDropStrings(SqlStringGenerationContext context) {
        // dropping the partitioned table drops its partitions
        return new String[0];
    }

    @Override
    public String getExportIdentifier() {
        return "continuum-partitions:" + table.getQualifiedTableName();
    }
}
