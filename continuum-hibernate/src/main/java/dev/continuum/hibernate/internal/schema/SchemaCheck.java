package dev.continuum.hibernate.internal.schema;

import dev.continuum.ContinuumSettings;
import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.schema.SchemaDifferences.Difference;

import org.hibernate.boot.Metadata;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.tool.schema.Action;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator.ActionGrouping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a boot that passes mean that history can be written: compares the database with every
 * object Continuum needs ({@link SchemaDifferences}) and fails the boot with a
 * {@link SchemaMismatchException} listing each difference and the DDL that fixes it.
 *
 * <ul>
 *   <li>Before Hibernate's schema management runs ({@link #beforeSchemaManagement}): when
 *       Hibernate is about to create, update, drop or truncate Continuum's tables, a table of the
 *       application's that carries the name of one of them fails the boot, so that Hibernate never
 *       alters or drops it; when the schema is the application's ({@code validate}, {@code none}),
 *       the whole comparison.</li>
 *   <li>After it ({@link #afterSchemaManagement}), when it created or updated the schema: Hibernate
 *       only logs a DDL statement that fails, so Continuum's objects are compared again, and the
 *       DDL of a missing one is run once more to fail the boot with the database's error.</li>
 * </ul>
 *
 * <p>Under schema- or database-per-tenant multi-tenancy the comparison reads the schema of each
 * tenant listed in {@value ContinuumSettings#SCHEMA_VALIDATION_TENANTS}, through the
 * application's {@link MultiTenantConnectionProvider}; without that list it is skipped, with a
 * warning. {@value ContinuumSettings#SCHEMA_VALIDATION}{@code =false} turns all of it off.
 */
public final class SchemaCheck {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");

    /** Hibernate's actions that run DDL on (or delete from) Continuum's tables. */
    private static final Set<Action> TOUCHING = EnumSet.of(Action.CREATE_ONLY, Action.DROP, Action.CREATE,
            Action.CREATE_DROP, Action.UPDATE, Action.TRUNCATE);

    /** Hibernate's actions after which Continuum's objects must exist. */
    private static final Set<Action> CREATING = EnumSet.of(Action.CREATE_ONLY, Action.CREATE, Action.CREATE_DROP,
            Action.UPDATE);

    private final SessionFactoryImplementor factory;
    private final Settings settings;
    private final SchemaDifferences differences;
    private final Action action;
    private final boolean metadataAccess;

    public SchemaCheck(SessionFactoryImplementor factory, Metadata metadata, ContinuumTables tables, Settings settings) {
        this.factory = factory;
        this.settings = settings;
        this.differences = new SchemaDifferences(metadata, factory.getSqlStringGenerationContext(), tables, settings);
        Map<String, Object> properties = factory.getServiceRegistry().requireService(ConfigurationService.class)
                .getSettings();
        this.action = action(metadata, properties);
        Object access = properties.get(JdbcSettings.ALLOW_METADATA_ON_BOOT);
        this.metadataAccess = access == null || !"false".equalsIgnoreCase(access.toString().trim());
    }

    /**
     * Hibernate's database action for Continuum's tables: the one for its contributor
     * ({@code jakarta.persistence.schema-generation.database.action.continuum}) or else the
     * persistence unit's, as Hibernate's own schema management reads them.
     */
    private static Action action(Metadata metadata, Map<String, Object> properties) {
        for (ActionGrouping grouping : ActionGrouping.interpret(metadata, properties)) {
            if (ContinuumContributor.CONTRIBUTOR.equals(grouping.contributor())) {
                return grouping.databaseAction();
            }
        }
        return Action.NONE;
    }

    /**
     * Runs while the session factory is built, before Hibernate's schema management.
     *
     * @throws dev.continuum.ConfigurationException when an application's table has the name of one of Continuum's
     * @throws SchemaMismatchException when the schema is the application's and lacks what Continuum needs
     */
    public void beforeSchemaManagement() {
        boolean compare = settings.schemaValidation() && !TOUCHING.contains(action);
        if (!TOUCHING.contains(action) && !compare) {
            return;
        }
        if (!metadataAccess) {
            LOG.warn("Continuum did not check the database schema: {}=false", JdbcSettings.ALLOW_METADATA_ON_BOOT);
            return;
        }
        if (TOUCHING.contains(action)) {
            read(bootstrap(), differences::checkNoForeignTables);
        }
        if (compare) {
            List<String> problems = new ArrayList<>();
            for (Target target : checked()) {
                read(target, database -> {
                    differences.checkNoForeignTables(database);
                    differences.differences(database)
                            .forEach(difference -> problems.add(target.prefix() + difference.describe()));
                });
            }
            if (!problems.isEmpty()) {
                throw new SchemaMismatchException("The database schema does not have what Continuum needs to record "
                        + "history:\n  - " + String.join("\n  - ", problems) + "\nApply the fixes above (or let "
                        + "Hibernate manage the schema with hibernate.hbm2ddl.auto=update); to skip this check set "
                        + ContinuumSettings.SCHEMA_VALIDATION + "=false.");
            }
        }
    }

    /** Whether Hibernate's schema management creates or updates Continuum's objects. */
    public boolean managesSchema() {
        return CREATING.contains(action);
    }

    /**
     * Runs once the session factory has started, after Hibernate's schema management.
     *
     * @throws SchemaMismatchException when Hibernate created or updated the schema but Continuum's
     *         objects are not as it needs: with the database's error for each that could not be created
     */
    public void afterSchemaManagement() {
        if (!settings.schemaValidation() || !CREATING.contains(action) || !metadataAccess) {
            return;
        }
        read(bootstrap(), database -> {
            List<Difference> found = differences.differences(database);
            if (found.isEmpty()) {
                return;
            }
            // Hibernate logs a failed DDL statement and goes on: running it again gives the database's error
            List<String> errors = new ArrayList<>();
            for (Difference difference : found) {
                if (difference.missing()) {
                    for (String statement : difference.fix()) {
                        try (Statement jdbc = database.connection().createStatement()) {
                            jdbc.execute(statement);
                        } catch (SQLException e) {
                            errors.add(statement + "\n      failed: " + e.getMessage());
                        }
                    }
                }
            }
            database.forget();
            List<Difference> left = differences.differences(database);
            if (!left.isEmpty()) {
                List<String> problems = new ArrayList<>();
                left.forEach(difference -> problems.add(difference.describe()));
                throw new SchemaMismatchException("Hibernate's schema management (" + action.getExternalHbm2ddlName()
                        + ") did not give the database what Continuum needs to record history:\n  - "
                        + String.join("\n  - ", problems) + (errors.isEmpty() ? "" : "\nThe database refused:\n  - "
                        + String.join("\n  - ", errors)) + "\nFix the cause (a name the database refuses, a table of "
                        + "another application) or create these objects yourself.");
            }
        });
    }

    /** Where the comparison reads: each listed tenant under multi-tenancy, else the one database. */
    private List<Target> checked() {
        if (!factory.getSessionFactoryOptions().isMultiTenancyEnabled()) {
            return List.of(bootstrap());
        }
        if (settings.schemaValidationTenants().isEmpty()) {
            LOG.warn("Continuum did not check the database schema: with a MultiTenantConnectionProvider each tenant has "
                    + "its own schema, so list the tenants to check in {} (for example {}=tenant1,tenant2), or set "
                    + "{}=false to skip the check without this warning", ContinuumSettings.SCHEMA_VALIDATION_TENANTS,
                    ContinuumSettings.SCHEMA_VALIDATION_TENANTS, ContinuumSettings.SCHEMA_VALIDATION);
            return List.of();
        }
        @SuppressWarnings("unchecked")
        MultiTenantConnectionProvider<Object> provider = factory.getServiceRegistry()
                .requireService(MultiTenantConnectionProvider.class);
        List<Target> targets = new ArrayList<>();
        for (String tenant : settings.schemaValidationTenants()) {
            Object id = tenantId(tenant);
            targets.add(new Target("In the schema of tenant '" + tenant + "': ", new JdbcConnectionAccess() {
                @Override
                public Connection obtainConnection() throws SQLException {
                    return provider.getConnection(id);
                }

                @Override
                public void releaseConnection(Connection connection) throws SQLException {
                    provider.releaseConnection(id, connection);
                }

                @Override
                public boolean supportsAggressiveRelease() {
                    return false;
                }
            }));
        }
        return targets;
    }

    /** The tenant identifier named {@code tenant}: of the @TenantId type when there is one, else the text. */
    private Object tenantId(String tenant) {
        try {
            return factory.getTenantIdentifierJavaType().fromString(tenant);
        } catch (UnsupportedOperationException e) {
            return tenant;
        }
    }

    private Target bootstrap() {
        return new Target("", factory.getJdbcServices().getBootstrapJdbcConnectionAccess());
    }

    /** Runs {@code work} on a schema read through a connection of {@code target}. */
    private void read(Target target, SchemaWork work) {
        Connection connection = null;
        try {
            connection = target.access().obtainConnection();
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                work.run(new DatabaseSchema(connection, factory.getJdbcServices().getJdbcEnvironment(),
                        factory.getSqlStringGenerationContext()));
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw new SchemaMismatchException(target.prefix() + "Could not read the database schema to check "
                    + "Continuum's tables (" + e.getMessage() + "); set " + ContinuumSettings.SCHEMA_VALIDATION
                    + "=false to skip the check");
        } finally {
            if (connection != null) {
                try {
                    target.access().releaseConnection(connection);
                } catch (SQLException ignored) {
                    // the check's outcome stands
                }
            }
        }
    }

    /** A database schema to read, and how its messages start. */
    private record Target(String prefix, JdbcConnectionAccess access) {
    }

    @FunctionalInterface
    private interface SchemaWork {
        void run(DatabaseSchema database) throws SQLException;
    }
}
