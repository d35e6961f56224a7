package dev.continuum.spring.boot.autoconfigure;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumException;
import dev.continuum.SchemaMismatchException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up that failed on Continuum's checks as Spring Boot reports its own failures
 * ("APPLICATION FAILED TO START", a description and an action) instead of a stack trace: a
 * {@link SchemaMismatchException} (version tables that do not match the entities) and a
 * {@link ConfigurationException} (a misconfigured {@code @Versioned} entity or setting). Other
 * exceptions are left to Spring Boot.
 */
public class ContinuumFailureAnalyzer extends AbstractFailureAnalyzer<ContinuumException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public ContinuumFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContinuumException cause) {
        if (cause instanceof SchemaMismatchException) {
            return new FailureAnalysis(problems(cause.getMessage()),
                    "Bring the database schema in line with the entities: run the DDL above through your "
                            + "migration tool (Flyway, Liquibase), or let Hibernate update the schema with "
                            + "spring.jpa.hibernate.ddl-auto=update. To start without this check, set "
                            + "continuum.schema-validation=false.",
                    cause);
        }
        if (cause instanceof ConfigurationException) {
            return new FailureAnalysis("Continuum's configuration is invalid: " + cause.getMessage(),
                    "Correct the entity mapping or the setting named above. Continuum's settings are the "
                            + "continuum.* properties of application.properties (or application.yaml).",
                    cause);
        }
        return null;
    }

    /**
     * The list of differences of a schema mismatch without its closing advice, which names
     * Hibernate's properties: the action names Spring Boot's.
     */
    private static String problems(String message) {
        int advice = message.lastIndexOf("\nApply the fixes above");
        return advice < 0 ? message : message.substring(0, advice);
    }
}
