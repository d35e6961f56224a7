package dev.continuum.hibernate.testing;

import dev.continuum.ContinuumSettings;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs each {@link DatabaseTest} once per database. A database that cannot be reached is skipped
 * with a message naming the variable to set, or fails the test when CI requires it. Each test
 * class gets one {@link Db} per database, with a fresh schema, emptied before every test.
 */
final class DatabaseExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(DatabaseTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        TestDatabase[] only = context.getRequiredTestMethod().getAnnotation(DatabaseTest.class).only();
        List<TestDatabase> databases = Arrays.asList(only.length == 0 ? TestDatabase.values() : only);
        return databases.stream().map(database -> new Invocation(database));
    }

    private record Invocation(TestDatabase database) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + database.displayName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Condition(database), new Resolver(database));
        }
    }

    private record Condition(TestDatabase database) implements ExecutionCondition, BeforeEachCallback {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (database.resolve() instanceof TestDatabase.Unavailable unavailable && !database.required()) {
                System.err.println("SKIPPED " + unavailable.reason());
                return ConditionEvaluationResult.disabled(unavailable.reason());
            }
            return ConditionEvaluationResult.enabled(database.displayName() + " available");
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            if (database.resolve() instanceof TestDatabase.Unavailable unavailable) {
                throw new IllegalStateException(database.displayName()
                        + " is required by CONTINUUM_TEST_REQUIRE but unavailable: " + unavailable.reason());
            }
        }
    }

    private record Resolver(TestDatabase database) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Db.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> testClass = context.getRequiredTestClass();
            ExtensionContext classContext = context.getParent().flatMap(ExtensionContext::getParent).orElseThrow();
            Db db = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(database,
                    key -> open(testClass), Db.class);
            db.clear();
            return db;
        }

        private Db open(Class<?> testClass) {
            Model model = testClass.getAnnotation(Model.class);
            if (model == null) {
                throw new IllegalStateException(testClass.getSimpleName() + " needs @Model(...) naming its entities");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String property : model.properties()) {
                int split = property.indexOf('=');
                properties.put(property.substring(0, split).trim(), property.substring(split + 1).trim());
            }
            WithProperties extra = testClass.getAnnotation(WithProperties.class);
            for (String property : extra == null ? new String[0] : extra.value()) {
                int split = property.indexOf('=');
                properties.put(property.substring(0, split).trim(), property.substring(split + 1).trim());
            }
            // the whole suite can run under another validity strategy: -Dcontinuum.test.strategy=subquery
            String strategy = System.getProperty("continuum.test.strategy", "");
            if (!strategy.isBlank()) {
                properties.putIfAbsent(ContinuumSettings.STRATEGY, strategy);
            }
            if (!(database.resolve() instanceof TestDatabase.Connectivity connectivity)) {
                throw new IllegalStateException(database.displayName() + " is unavailable");
            }
            return new Db(database, connectivity, Arrays.asList(model.value()), properties);
        }
    }
}
