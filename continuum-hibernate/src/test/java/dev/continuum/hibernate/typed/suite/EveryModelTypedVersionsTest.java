package dev.continuum.hibernate.typed.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.ContinuumSettings;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.tenant.Tenants;
import dev.continuum.hibernate.testing.TestDatabase;
import dev.continuum.hibernate.typed.suite.SuiteModels.SuiteModel;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The typed version classes the annotation processor generates agree with the runtime on every
 * mapping of this suite: each {@code @Model} of its test classes boots, on every database, with
 * the version classes generated for its versioned entities listed next to them, and each version
 * class reads back the version that persisting one of its entities recorded.
 *
 * <p>The version classes are generated while the tests compile, for every package but
 * {@code boot}, whose entities are deliberate mistakes (see the module's POM). Entities the
 * processor skips with a warning (JOINED subclasses, a secondary table) have none; a model whose
 * properties rename version tables or their columns boots with the default names the classes
 * were generated with.
 *
 * <p>On MariaDB, whose DDL makes creating every model's schema slow, the units are booted
 * without a schema: the check that the version classes' columns and SQL types are the version
 * tables' runs at boot, with MariaDB's types. H2 and PostgreSQL also write and read back.
 */
class EveryModelTypedVersionsTest {

    @TestFactory
    Stream<DynamicNode> everyModelBootsWithItsVersionClassesAndReadsBackWhatWasWritten() {
        List<SuiteModel> models = SuiteModels.all();
        assertThat(models).as("the suite's models").hasSizeGreaterThan(10);
        return models.stream().map(model -> DynamicContainer.dynamicContainer(model.name(),
                Stream.of(TestDatabase.values()).map(database -> DynamicTest.dynamicTest(
                        "[" + database.displayName() + "]",
                        // a tenant for the models with @TenantId entities, whose units resolve it from Tenants
                        () -> Tenants.run("suite", () -> bootAndReadBack(model, database))))));
    }

    @TestFactory
    Stream<DynamicNode> everyModelWithVersionedEntitiesHasAVersionClass() {
        return SuiteModels.all().stream()
                .filter(model -> model.entities().stream().anyMatch(SuiteModels::isVersioned))
                .map(model -> DynamicTest.dynamicTest(model.name(),
                        () -> assertThat(model.versionClasses()).as("version classes of " + model.entities())
                                .isNotEmpty()));
    }

    private static void bootAndReadBack(SuiteModel model, TestDatabase database) {
        TestDatabase.Availability resolved = database.resolve();
        if (resolved instanceof TestDatabase.Unavailable unavailable) {
            if (database.required()) {
                throw new IllegalStateException(database.displayName() + " is required by CONTINUUM_TEST_REQUIRE "
                        + "but unavailable: " + unavailable.reason());
            }
            Assumptions.abort(unavailable.reason());
        }
        if (!model.runsOn(database)) {
            // the model names a dialect of another database (the portable write path's capability-free H2)
            Assumptions.abort(model.name() + (model.versionsNatively() ? " versions natively, which this suite runs on PostgreSQL and H2"
                    : " sets its own dialect, or partitioned version tables, not for " + database.displayName()));
        }
        boolean schema = database != TestDatabase.MARIADB;
        try (EntityManagerFactory emf = boot(model, (TestDatabase.Connectivity) resolved, schema)) {
            if (!schema) {
                return;
            }
            Map<Class<?>, Object> probes = new LinkedHashMap<>();
            long n = 1000;
            for (Class<?> entity : model.versionClasses().keySet()) {
                probes.put(entity, Probes.of(entity, model.entities(), emf, n++));
            }
            Db.inTransaction(emf, em -> {
                probes.values().forEach(em::persist);
                return null;
            });

            for (Map.Entry<Class<?>, Class<?>> entry : model.versionClasses().entrySet()) {
                Object probe = probes.get(entry.getKey());
                Object id = emf.getPersistenceUnitUtil().getIdentifier(probe);
                List<?> rows = Db.inTransaction(emf, em -> readBack(em, entry.getValue(), id, probe.getClass()));
                if (model.versioning()) {
                    assertThat(rows).as(entry.getValue().getSimpleName() + " rows of " + id).hasSize(1);
                } else {
                    assertThat(rows).as(entry.getValue().getSimpleName() + " rows, versioning off").isEmpty();
                }
            }
        }
    }

    /**
     * The version class's rows, read with JPQL and checked against the version the runtime reads
     * through the instance: the entity's identifier, an insert, a snapshot of the probe's class.
     */
    private static List<?> readBack(jakarta.persistence.EntityManager em, Class<?> versionClass, Object id,
            Class<?> probeClass) {
        List<?> rows = em.createQuery("select v from " + versionClass.getSimpleName() + " v", versionClass)
                .getResultList();
        for (Object row : rows) {
            Version<?> version = (Version<?>) row;
            assertThat(version.id()).isEqualTo(id);
            assertThat(version.operation()).isEqualTo(Operation.INSERT);
            assertThat(version.entity()).isInstanceOf(probeClass);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Object> typed = VersionHistory.of(em).typedVersions((Class) versionClass, id);
            assertThat(typed).containsExactly(row);
        }
        return new ArrayList<>(rows);
    }

    private static EntityManagerFactory boot(SuiteModel model, TestDatabase.Connectivity connectivity,
            boolean schema) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("continuum-typed-suite")
                .provider(HibernatePersistenceProvider.class.getName())
                .property(PersistenceConfiguration.JDBC_URL, connectivity.url())
                .property(PersistenceConfiguration.JDBC_USER, connectivity.user())
                .property(PersistenceConfiguration.JDBC_PASSWORD,
                        connectivity.password() == null ? "" : connectivity.password())
                .property("hibernate.connection.pool_size", "4")
                .property("hibernate.hbm2ddl.auto", schema ? "create-drop" : "none");
        model.managed().forEach(configuration::managedClass);
        model.properties().forEach(configuration::property);
        if (!schema) {
            configuration.property(ContinuumSettings.SCHEMA_VALIDATION, "false");
        }
        return configuration.createEntityManagerFactory();
    }
}
