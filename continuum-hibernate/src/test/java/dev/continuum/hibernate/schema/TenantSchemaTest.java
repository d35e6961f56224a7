package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Under schema-per-tenant multi-tenancy the boot-time check reads the schemas of the tenants it is
 * given, and without them lets the unit boot (saying so in the log) instead of checking a schema
 * that is no tenant's.
 */
@Model(Note.class)
class TenantSchemaTest {

    private static final List<Class<?>> GAUGES = List.of(Gauge.class);

    /** Runs {@code test} while tenant_a and tenant_b have the gauges' schema, with Continuum's tables. */
    private static void withTenants(Db db, Runnable test) {
        List<EntityManagerFactory> schemas = new java.util.ArrayList<>();
        try {
            for (String tenant : List.of("tenant_a", "tenant_b")) {
                SchemaPerTenant.create(db, tenant);
                schemas.add(unit(db, "create-drop", "tn", GAUGES, Map.of("jakarta.persistence.jdbc.url",
                        Units.urlWithSchema(db, SchemaPerTenant.schema(db, tenant)))));
            }
            test.run();
        } finally {
            schemas.forEach(EntityManagerFactory::close);
            SchemaPerTenant.drop(db, "tenant_a");
            SchemaPerTenant.drop(db, "tenant_b");
        }
    }

    private static EntityManagerFactory tenants(Db db, String... settings) {
        Map<String, Object> properties = new HashMap<>(Map.of("hibernate.multi_tenant_connection_provider",
                new SchemaPerTenant(db)));
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        return unit(db, "none", "tn", GAUGES, properties);
    }

    @DatabaseTest
    void withoutTenantsToCheckTheUnitBoots(Db db) {
        // the default schema has none of the gauges' tables: checking it would fail every boot
        withTenants(db, () -> tenants(db).close());
    }

    @DatabaseTest
    void eachListedTenantsSchemaIsChecked(Db db) {
        withTenants(db, () -> {
            try (Connection connection = SchemaPerTenant.connect(db, "tenant_b")) {
                connection.createStatement().execute("drop table gauge_version");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }

            Throwable thrown = catchThrowable(() -> tenants(db, "continuum.schema_validation_tenants",
                    "tenant_a, tenant_b").close());

            String message = cause(thrown, SchemaMismatchException.class).getMessage();
            assertThat(message).contains("- In the schema of tenant 'tenant_b': Entity Gauge is @Versioned but its "
                    + "version table 'gauge_version' does not exist. Fix: create table gauge_version (")
                    .doesNotContain("tenant 'tenant_a'");
        });
    }

    @DatabaseTest
    void aCheckedTenantRecordsItsHistoryInItsOwnSchema(Db db) {
        withTenants(db, () -> {
            try (EntityManagerFactory factory = tenants(db, "continuum.schema_validation_tenants", "tenant_a")) {
                try (Session session = factory.unwrap(SessionFactory.class).withOptions()
                        .tenantIdentifier((Object) "tenant_a").openSession()) {
                    session.getTransaction().begin();
                    session.persist(new Gauge(1L, "first"));
                    session.getTransaction().commit();
                }
            }
            try (Connection connection = SchemaPerTenant.connect(db, "tenant_a");
                    ResultSet rs = connection.createStatement().executeQuery("select count(*) from gauge_version")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
