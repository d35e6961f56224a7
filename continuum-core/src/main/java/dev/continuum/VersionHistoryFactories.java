package dev.continuum;

import dev.continuum.spi.VersionHistoryFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The {@link VersionHistoryFactory} implementations on the class path, found once. */
final class VersionHistoryFactories {

    private static volatile List<VersionHistoryFactory> factories;

    private VersionHistoryFactories() {
    }

    static List<VersionHistoryFactory> all() {
        List<VersionHistoryFactory> found = factories;
        if (found == null) {
            found = load();
            if (!found.isEmpty()) {
                factories = found;
            }
        }
        return found;
    }

    private static List<VersionHistoryFactory> load() {
        List<VersionHistoryFactory> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {VersionHistory.class.getClassLoader(), context}) {
            if (loader == null) {
                continue;
            }
            try {
                for (VersionHistoryFactory factory : ServiceLoader.load(VersionHistoryFactory.class, loader)) {
                    if (!names.contains(factory.getClass().getName())) {
                        names.add(factory.getClass().getName());
                        found.add(factory);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new ContinuumException("A " + VersionHistoryFactory.class.getName()
                        + " registered in META-INF/services could not be loaded: " + e.getMessage(), e);
            }
        }
        return List.copyOf(found);
    }
}
