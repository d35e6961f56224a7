package dev.continuum.hibernate;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.internal.schema.SchemaScripts;

import jakarta.persistence.PersistenceConfiguration;

import java.util.List;

/**
 * The DDL of Continuum's schema objects for a persistence unit, for migration tools such as
 * Flyway or Liquibase: the sequence of transaction ids (where the dialect has sequences; otherwise
 * the transaction table's id is an identity column), the transaction table, the undo table and
 * the version tables with their indexes and foreign keys, written by Hibernate's own schema
 * exporters for the unit's dialect, exactly as {@code hibernate.hbm2ddl.auto=create} or
 * {@code update} would run them. The persistence unit is not started: its mapping is built
 * (without touching the schema, whatever its settings say) and closed again.
 *
 * <pre>{@code
 * PersistenceConfiguration unit = new HibernatePersistenceConfiguration("app")
 *         .managedClasses(Article.class, Author.class)
 *         .property("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
 * Files.write(Path.of("V2__history.sql"), ContinuumSchema.createStatements(unit).stream()
 *         .map(statement -> statement + ";").toList());
 * }</pre>
 */
public final class ContinuumSchema {

    private ContinuumSchema() {
    }

    /**
     * Every statement that creates Continuum's objects for {@code unit}, in the order to run them
     * (the application's own tables are not included). Needs the unit's dialect: from
     * {@code hibernate.dialect}, or from a connection to the database.
     *
     * @param unit the persistence unit: its managed classes and properties (Continuum's settings
     *        included)
     * @return the statements, without terminating semicolons; empty when no entity is versioned
     *         or {@code continuum.enabled=false}
     */
    public static List<String> createStatements(PersistenceConfiguration unit) {
        return SchemaScripts.create(unit);
    }

    /**
     * The statements that give the database of {@code unit} what Continuum needs, in the order to
     * run them: exactly the fixes the boot-time schema check would report (a version table's
     * column for a property an entity gained, a missing table, index or sequence, a column type to
     * widen). Connects to the unit's database and reads its schema; changes nothing.
     *
     * @param unit the persistence unit, with the connection to its database
     * @return the statements, without terminating semicolons; empty when the database is up to date
     * @throws SchemaMismatchException when a difference cannot be fixed by DDL on this database
     *         (a column type the dialect cannot change), naming it
     * @throws dev.continuum.ConfigurationException when a table of the application's has the name
     *         of one of Continuum's
     */
    public static List<String> migrationStatements(PersistenceConfiguration unit) {
        return SchemaScripts.migrate(unit);
    }
}
