package dev.continuum.spring.boot.actuate;

import dev.continuum.ContinuumSettings;
import dev.continuum.Versioned;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code continuum} actuator endpoint ({@code /actuator/continuum}): which entities are
 * versioned, their tables, and whether Continuum checked the version tables against the database
 * at start-up. Exposed like any endpoint: {@code management.endpoints.web.exposure.include=continuum}.
 */
@Endpoint(id = "continuum")
public class ContinuumEndpoint {

    private static final Set<String> MANAGED_ACTIONS = Set.of(
            "create", "create-drop", "create-only", "drop", "drop-and-create", "update", "truncate");
    private static final List<String> ACTION_KEYS = List.of("jakarta.persistence.schema-generation.database.action",
            "javax.persistence.schema-generation.database.action", "hibernate.hbm2ddl.auto");

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Creates the endpoint.
     *
     * @param entityManagerFactory the persistence unit to describe
     */
    public ContinuumEndpoint(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    /**
     * The description of Continuum in this application.
     *
     * @return what is versioned, where, and the schema check's result
     */
    @ReadOperation
    public ContinuumDescriptor continuum() {
        Map<String, Object> settings = entityManagerFactory.getProperties();
        boolean enabled = !"false".equalsIgnoreCase(Objects.toString(settings.get(ContinuumSettings.ENABLED), "true"));
        String suffix = setting(settings, ContinuumSettings.TABLE_SUFFIX, "_version");
        SessionFactoryImplementor factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        List<VersionedEntity> entities = !enabled ? List.of()
                : entityManagerFactory.getMetamodel().getEntities().stream()
                        .filter(type -> rootAnnotation(type.getJavaType()) != null)
                        .map(type -> describe(type, factory, suffix))
                        .sorted(Comparator.comparing(VersionedEntity::entity)).toList();
        return new ContinuumDescriptor(enabled, setting(settings, ContinuumSettings.TRANSACTION_TABLE, "transaction"),
                setting(settings, ContinuumSettings.UNDO_TABLE, "continuum_undo"), schemaCheck(settings, enabled),
                entities);
    }

    private static VersionedEntity describe(EntityType<?> type, SessionFactoryImplementor factory, String suffix) {
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(type.getJavaType());
        EntityPersister root = factory.getMappingMetamodel().getEntityDescriptor(persister.getRootEntityName());
        Versioned versioned = rootAnnotation(type.getJavaType());
        String rootTable = root.getIdentifierTableName();
        return new VersionedEntity(type.getName(), type.getJavaType().getName(),
                Arrays.stream(persister.getPropertySpaces()).map(Object::toString).sorted().toList(),
                versioned.table().isBlank() ? rootTable + suffix : versioned.table());
    }

    /** The {@code @Versioned} of the highest class that has one: the root's, which names the version table. */
    private static Versioned rootAnnotation(Class<?> type) {
        Versioned found = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Versioned.class)) {
                found = c.getAnnotation(Versioned.class);
            }
        }
        return found;
    }

    private static SchemaCheck schemaCheck(Map<String, Object> settings, boolean enabled) {
        if (!enabled) {
            return new SchemaCheck(SchemaCheck.Status.SKIPPED, "Continuum is disabled (continuum.enabled=false)");
        }
        if ("false".equalsIgnoreCase(Objects.toString(settings.get(ContinuumSettings.SCHEMA_VALIDATION), "true"))) {
            return new SchemaCheck(SchemaCheck.Status.SKIPPED, "turned off (continuum.schema-validation=false)");
        }
        for (String key : ACTION_KEYS) {
            Object action = settings.get(key);
            if (action != null && MANAGED_ACTIONS.contains(action.toString().trim().toLowerCase(Locale.ROOT))) {
                return new SchemaCheck(SchemaCheck.Status.SKIPPED, "Hibernate manages the schema (" + key + "="
                        + action + "), so the version tables are created or updated with it");
            }
        }
        return new SchemaCheck(SchemaCheck.Status.PASSED,
                "the version tables and the transaction table matched the entities at start-up");
    }

    private static String setting(Map<String, Object> settings, String key, String fallback) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    /**
     * Continuum in this application.
     *
     * @param enabled whether versioning is on
     * @param transactionTable the transaction table
     * @param undoTable the table of undo positions
     * @param schemaCheck the start-up schema check
     * @param entities the versioned entities, by name
     */
    public record ContinuumDescriptor(boolean enabled, String transactionTable, String undoTable,
            SchemaCheck schemaCheck, List<VersionedEntity> entities) {
    }

    /**
     * A versioned entity.
     *
     * @param entity the JPA entity name
     * @param type the entity class
     * @param tables the tables its rows live in (a JOINED subclass's include its superclasses')
     * @param versionTable the version table of its hierarchy's root; a JOINED subclass has one more
     *        per level and a TABLE_PER_CLASS subclass its own, named likewise from their tables
     */
    public record VersionedEntity(String entity, String type, List<String> tables, String versionTable) {
    }

    /**
     * The result of the start-up check of the version tables against the database.
     *
     * @param status whether the check ran and passed, or was skipped
     * @param detail why
     */
    public record SchemaCheck(Status status, String detail) {

        /** Whether the check ran. A check that failed stopped the application, so it has no status. */
        public enum Status {
            /** The check ran at start-up and found the schema matching. */
            PASSED,
            /** The check did not run. */
            SKIPPED
        }
    }
}
