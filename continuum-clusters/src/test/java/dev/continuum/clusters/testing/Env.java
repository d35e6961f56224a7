package dev.continuum.clusters.testing;

/** Settings from environment variables (or system properties of the same name). */
final class Env {

    private Env() {
    }

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
