package dev.continuum.spring.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class when the database of this run is unavailable, with the reason, unless CI
 * requires the database: then the class runs and fails on its first connection.
 */
public final class DatabaseCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestDatabase database = TestDatabase.current();
        String why = database.unavailability();
        if (why == null || database.required()) {
            return ConditionEvaluationResult.enabled("on " + database.displayName());
        }
        System.err.println("SKIPPED " + why);
        return ConditionEvaluationResult.disabled(why);
    }
}
