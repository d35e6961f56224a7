package dev.continuum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** The implementations of Continuum's provider SPIs on the class path, found once per SPI. */
final class ServiceProviders {

    private static final Map<Class<?>, List<?>> FOUND = new ConcurrentHashMap<>();

    private ServiceProviders() {
    }

    /** The implementations of {@code service}, from Continuum's class loader and the thread's context class loader. */
    @SuppressWarnings("unchecked")
    static <S> List<S> all(Class<S> service) {
        List<S> found = (List<S>) FOUND.get(service);
        if (found == null) {
            found = load(service);
            if (!found.isEmpty()) {
                FOUND.put(service, found);
            }
        }
        return found;
    }

    private static <S> List<S> load(Class<S> service) {
        List<S> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {ServiceProviders.class.getClassLoader(), context}) {
            if (loader == null) {
                continue;
            }
            try {
                for (S provider : ServiceLoader.load(service, loader)) {
                    if (!names.contains(provider.getClass().getName())) {
                        names.add(provider.getClass().getName());
                        found.add(provider);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new ContinuumException("A " + service.getName()
                        + " registered in META-INF/services could not be loaded: " + e.getMessage(), e);
            }
        }
        return List.copyOf(found);
    }
}
