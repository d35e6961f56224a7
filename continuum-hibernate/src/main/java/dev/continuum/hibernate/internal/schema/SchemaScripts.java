package dev.continuum.hibernate.internal.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.schema.SchemaDifferences.Difference;
import dev.continuum.hibernate.internal.nativemode.NativeTriggers;

import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.jpa.boot.spi.Bootstrap;
import org.hibernate.jpa.boot.spi.EntityManagerFactoryBuilder;
import org.hibernate.jpa.boot.spi.PersistenceConfigurationDescriptor;
import org.hibernate.mapping.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DDL of Continuum's objects for a persistence unit, without starting it: the persistence
 * unit's mapping is built (with Continuum's contributions) and its objects written by Hibernate's
 * exporters for the dialect, in the order {@code hbm2ddl.auto=create} runs them; or compared with
 * the database as the boot check compares them, giving the statements of its fixes.
 */
public final class SchemaScripts {

    private SchemaScripts() {
    }

    /** Every statement creating Continuum's objects; empty when the unit versions nothing. */
    public static List<String> create(PersistenceConfiguration unit) {
        return withMapping(unit, (tables, mapping) -> {
            Ddl ddl = new Ddl(mapping.metadata(), mapping.context());
            List<String> statements = new ArrayList<>();
            if (tables.sequence() != null) {
                statements.addAll(ddl.createSequence(tables.sequence()));
            }
            List<Table> all = new ArrayList<>();
            all.add(tables.transactionTable());
            if (tables.undoTable() != null) {
                all.add(tables.undoTable());
            }
            if (tables.undoScopeTable() != null) {
                all.add(tables.undoScopeTable());
            }
            all.addAll(tables.transactionExtras());
            tables.versionTables().forEach(version -> all.add(version.table()));
            all.addAll(IntegrityTablesContributor.tables(mapping.metadata(), mapping.settings()));
            all.addAll(ValueTableContribution.tables(mapping.metadata(), mapping.settings()));
            all.forEach(table -> statements.addAll(ddl.createTable(table)));
            if (mapping.settings().partitioned()) {
                tables.versionTables().forEach(version -> statements.addAll(
                        ddl.createPartitions(version.table(), mapping.settings().partitionSpan())));
            }
            ValueTableContribution.tables(mapping.metadata(), mapping.settings()).forEach(table -> statements.addAll(
                    ValueTableContribution.storage(table, mapping.metadata().getDatabase().getDialect())));
            all.forEach(table -> statements.addAll(ddl.createForeignKeys(table)));
            NativeTriggers triggers = SchemaDifferences.nativeTriggers(mapping.metadata());
            if (triggers != null && triggers.appliesToDialect(mapping.metadata().getDatabase().getDialect())) {
                statements.addAll(triggers.createStatements(mapping.context()));
            }
            return statements;
        });
    }

    /**
     * The statements that give the unit's database what Continuum needs: the fixes the boot check
     * reports, in order; empty when the database has everything.
     *
     * @throws SchemaMismatchException when a difference has no statement that fixes it on this
     *         database (a column type the dialect cannot change), naming it
     */
    public static List<String> migrate(PersistenceConfiguration unit) {
        return withMapping(unit, (tables, mapping) -> {
            StandardServiceRegistry registry = mapping.metadata().getMetadataBuildingOptions().getServiceRegistry();
            JdbcServices jdbc = registry.requireService(JdbcServices.class);
            SchemaDifferences differences = new SchemaDifferences(mapping.metadata(), mapping.context(), tables,
                    mapping.settings());
            JdbcConnectionAccess access = jdbc.getBootstrapJdbcConnectionAccess();
            List<String> statements = new ArrayList<>();
            List<String> unscripted = new ArrayList<>();
            try {
                Connection connection = access.obtainConnection();
                try {
                    DatabaseSchema database = new DatabaseSchema(connection, jdbc.getJdbcEnvironment(),
                            mapping.context());
                    differences.checkNoForeignTables(database);
                    for (Difference difference : differences.differences(database)) {
                        statements.addAll(difference.fix());
                        if (difference.fix().isEmpty()) {
                            unscripted.add(difference.problem());
                        }
                    }
                } finally {
                    access.releaseConnection(connection);
                }
            } catch (SQLException e) {
                throw new SchemaMismatchException("Could not read the database schema to compare it with Continuum's "
                        + "objects (" + e.getMessage() + ")");
            }
            if (!unscripted.isEmpty()) {
                throw new SchemaMismatchException("These differences have no DDL on this database; change the schema "
                        + "by hand:\n  - " + String.join("\n  - ", unscripted));
            }
            return statements;
        });
    }

    /** The built mapping of a unit, and how it renders names. */
    private record Mapping(MetadataImplementor metadata, SqlStringGenerationContext context, Settings settings) {
    }

    @FunctionalInterface
    private interface Script {
        List<String> write(ContinuumTables tables, Mapping mapping);
    }

    private static List<String> withMapping(PersistenceConfiguration unit, Script script) {
        Map<String, Object> overrides = new HashMap<>();
        // building the mapping must not touch the schema, whatever the unit's own settings say
        overrides.put("jakarta.persistence.schema-generation.database.action", "none");
        overrides.put("jakarta.persistence.schema-generation.scripts.action", "none");
        overrides.put("hibernate.hbm2ddl.auto", "none");
        EntityManagerFactoryBuilder builder = Bootstrap.getEntityManagerFactoryBuilder(
                new PersistenceConfigurationDescriptor(unit), overrides);
        MetadataImplementor metadata = null;
        try {
            metadata = builder.metadata();
            StandardServiceRegistry registry = metadata.getMetadataBuildingOptions().getServiceRegistry();
            Map<String, Object> properties = registry.requireService(ConfigurationService.class).getSettings();
            Settings settings = Settings.from(properties);
            if (!settings.enabled()) {
                return List.of();
            }
            SqlStringGenerationContext context = SqlStringGenerationContextImpl.fromConfigurationMap(
                    metadata.getDatabase().getJdbcEnvironment(), metadata.getDatabase(), properties);
            MetadataImplementor built = metadata;
            return ContinuumTables.of(metadata, settings)
                    .map(tables -> List.copyOf(script.write(tables, new Mapping(built, context, settings))))
                    .orElse(List.of());
        } finally {
            builder.cancel();
            if (metadata != null) {
                StandardServiceRegistryBuilder.destroy(metadata.getMetadataBuildingOptions().getServiceRegistry());
            }
        }
    }
}
