package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;

import java.util.ArrayList;
import java.util.List;

/**
 * The triggers of the natively versioned tables of one persistence unit, with (on PostgreSQL) the
 * function that allocates their transaction row, as one auxiliary database object: Hibernate's schema management
 * creates it after the tables (and, on update, drops and creates it again, which replaces each
 * function and trigger with the mapping's current one), the DDL export writes it, and the schema
 * check compares the database with it.
 *
 * @param names what every trigger shares
 * @param tables the natively versioned tables, one trigger each (three on MariaDB: after insert, update, delete;
 *        on H2 a Java trigger, {@link H2Trigger})
 */
public record NativeTriggers(Bookkeeping names, List<NativeTable> tables) implements AuxiliaryDatabaseObject {

    /** The export identifier, unique among the unit's auxiliary objects. */
    public static final String EXPORT_IDENTIFIER = "continuum.native_versioning";

    /** Copies the tables, so that the value cannot change. */
    public NativeTriggers {
        tables = List.copyOf(tables);
    }

    /** Whether native versioning has triggers for {@code dialect}. */
    public static boolean supports(Dialect dialect) {
        return dialect instanceof PostgreSQLDialect || mariaDb(dialect) || h2(dialect);
    }

    /**
     * The statement that tells the triggers who makes the current transaction's changes, with the
     * user and the address (empty for none) as its two parameters.
     */
    public static String attributionSql(Dialect dialect) {
        if (h2(dialect)) {
            return H2Triggers.attributionSql();
        }
        return mariaDb(dialect) ? MariaDbTriggers.attributionSql() : PostgreSqlTriggers.attributionSql();
    }

    /**
     * Whether the event listeners hand their transaction row to the triggers: on PostgreSQL, whose
     * triggers run at commit, after the listeners wrote it; not on MariaDB and H2, whose triggers ran
     * at each change, before.
     */
    public static boolean sharesTransactionRow(Dialect dialect) {
        return !mariaDb(dialect) && !h2(dialect);
    }

    /** Whether {@code dialect} is H2's, whose triggers are Java classes that run at each change. */
    public static boolean h2(Dialect dialect) {
        return dialect instanceof H2Dialect;
    }

    /** Whether {@code dialect} is MariaDB's, whose triggers run at each change rather than at commit. */
    public static boolean mariaDb(Dialect dialect) {
        return dialect instanceof MariaDBDialect;
    }

    @Override
    public String getExportIdentifier() {
        return EXPORT_IDENTIFIER;
    }

    @Override
    public boolean appliesToDialect(Dialect dialect) {
        return supports(dialect);
    }

    @Override
    public boolean beforeTablesOnCreation() {
        return false;
    }

    @Override
    public String[] sqlCreateStrings(SqlStringGenerationContext context) {
        return createStatements(context).toArray(String[]::new);
    }

    @Override
    public String[] sqlDropStrings(SqlStringGenerationContext context) {
        List<String> statements = new ArrayList<>();
        if (h2(context.getDialect())) {
            tables.forEach(table -> statements.addAll(H2Triggers.drop(table, context)));
            return statements.toArray(String[]::new);
        }
        if (mariaDb(context.getDialect())) {
            tables.forEach(table -> statements.addAll(MariaDbTriggers.drop(table, context)));
            return statements.toArray(String[]::new);
        }
        tables.forEach(table -> statements.addAll(PostgreSqlTriggers.drop(table, context)));
        statements.addAll(PostgreSqlTriggers.dropAllocator(names, context));
        return statements.toArray(String[]::new);
    }

    /** Every statement that creates (or replaces) the functions and triggers, in order. */
    public List<String> createStatements(SqlStringGenerationContext context) {
        if (h2(context.getDialect())) {
            List<String> statements = new ArrayList<>();
            tables.forEach(table -> statements.addAll(H2Triggers.create(table, this, context)));
            return statements;
        }
        if (mariaDb(context.getDialect())) {
            List<String> statements = new ArrayList<>();
            tables.forEach(table -> statements.addAll(MariaDbTriggers.create(table, this, context)));
            return statements;
        }
        List<String> statements = new ArrayList<>(PostgreSqlTriggers.createAllocator(names, context));
        tables.forEach(table -> statements.addAll(PostgreSqlTriggers.create(table, names, context)));
        return statements;
    }
}
