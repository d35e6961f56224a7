package dev.continuum.hibernate.typed.suite;

import dev.continuum.ContinuumSettings;
import dev.continuum.VersionOf;
import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The persistence units of this test suite: the entities and properties of every {@link Model} of
 * its test classes, found on the test class path, each with the typed version classes the
 * annotation processor generated for its versioned entities while the tests compiled.
 */
final class SuiteModels {

    /**
     * Settings the processor mirrors with options of its own: the suite's version classes are
     * generated with the defaults, so a model that changes them boots with the defaults instead.
     */
    private static final Set<String> NAMING = Set.of(ContinuumSettings.TABLE_SUFFIX,
            ContinuumSettings.TRANSACTION_ID_COLUMN, ContinuumSettings.END_TRANSACTION_ID_COLUMN,
            ContinuumSettings.OPERATION_TYPE_COLUMN, ContinuumSettings.MODIFIED_FLAGS);

    private SuiteModels() {
    }

    /**
     * One persistence unit of the suite.
     *
     * @param name the test classes that use it, for the report
     * @param entities the model's managed classes
     * @param versionClasses the generated version class of each versioned entity that has one, by entity
     * @param properties the model's properties, naming settings left out
     */
    record SuiteModel(String name, List<Class<?>> entities, Map<Class<?>, Class<?>> versionClasses,
            Map<String, String> properties) {

        /** Whether Continuum versions anything in this unit. */
        boolean versioning() {
            return !"false".equalsIgnoreCase(properties.getOrDefault(ContinuumSettings.ENABLED, "true"));
        }

        /**
         * Whether the model can boot on {@code database}: a dialect it names must be of that database,
         * and partitioned version tables are PostgreSQL's.
         */
        boolean runsOn(TestDatabase database) {
            if (versionsNatively() && database == TestDatabase.MARIADB
                    || properties.containsKey(ContinuumSettings.PARTITION_SPAN) && database != TestDatabase.POSTGRESQL) {
                return false;
            }
            String dialect = properties.get("hibernate.dialect");
            return dialect == null || database == TestDatabase.H2 && dialect.contains("H2");
        }

        /** Whether an entity of the model is versioned natively (run on PostgreSQL and H2). */
        boolean versionsNatively() {
            return "true".equalsIgnoreCase(properties.get(ContinuumSettings.NATIVE_VERSIONING))
                    || entities.stream().anyMatch(type -> type.isAnnotationPresent(dev.continuum.Versioned.class)
                            && type.getAnnotation(dev.continuum.Versioned.class).nativeVersioning()
                                    == dev.continuum.Versioned.Setting.ENABLED);
        }

        /** The managed classes with the version classes. */
        List<Class<?>> managed() {
            List<Class<?>> managed = new ArrayList<>(entities);
            versionClasses.values().stream().filter(type -> !managed.contains(type)).forEach(managed::add);
            return managed;
        }
    }

    /** Every distinct model of the suite, by the names of the test classes that declare it. */
    static List<SuiteModel> all() {
        Map<String, List<Class<?>>> byUnit = new TreeMap<>();
        Map<String, Model> models = new LinkedHashMap<>();
        for (Class<?> testClass : testClasses()) {
            Model model = testClass.getAnnotation(Model.class);
            String unit = unitKey(model);
            byUnit.computeIfAbsent(unit, key -> new ArrayList<>()).add(testClass);
            models.putIfAbsent(unit, model);
        }
        List<SuiteModel> all = new ArrayList<>();
        byUnit.forEach((unit, testClasses) -> {
            Model model = models.get(unit);
            String name = String.join(", ", testClasses.stream().map(Class::getSimpleName).sorted().toList());
            List<Class<?>> entities = List.of(model.value());
            Map<Class<?>, Class<?>> versionClasses = new LinkedHashMap<>();
            for (Class<?> entity : entities) {
                versionClass(entity).ifPresent(versionClass -> versionClasses.put(entity, versionClass));
            }
            all.add(new SuiteModel(name, entities, versionClasses, properties(model)));
        });
        all.sort(Comparator.comparing(SuiteModel::name));
        return all;
    }

    /** Whether the entity is versioned, directly or through a superclass. */
    static boolean isVersioned(Class<?> entity) {
        for (Class<?> type = entity; type != null; type = type.getSuperclass()) {
            if (type.isAnnotationPresent(Versioned.class)) {
                return true;
            }
        }
        return false;
    }

    /** The generated version class of a versioned entity: {@code XVersion} beside {@code X}, marked {@code @VersionOf(X)}. */
    private static Optional<Class<?>> versionClass(Class<?> entity) {
        if (!isVersioned(entity)) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(entity.getPackageName() + "." + entity.getSimpleName() + "Version", false,
                    entity.getClassLoader());
            VersionOf versionOf = type.getAnnotation(VersionOf.class);
            return versionOf != null && versionOf.value() == entity ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> properties(Model model) {
        Map<String, String> properties = new TreeMap<>();
        for (String property : model.properties()) {
            int split = property.indexOf('=');
            String key = property.substring(0, split).trim();
            if (!NAMING.contains(key)) {
                properties.put(key, property.substring(split + 1).trim());
            }
        }
        return properties;
    }

    private static String unitKey(Model model) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : model.value()) {
            names.add(type.getName());
        }
        names.sort(null);
        return names + " " + properties(model);
    }

    /** The classes of this module's test output that carry {@link Model}. */
    private static List<Class<?>> testClasses() {
        Path root;
        try {
            root = Path.of(Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(name, false, SuiteModels.class.getClassLoader());
                if (type.isAnnotationPresent(Model.class) && !Modifier.isAbstract(type.getModifiers())) {
                    found.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
