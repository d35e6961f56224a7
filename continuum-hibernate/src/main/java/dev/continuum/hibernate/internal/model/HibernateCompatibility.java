package dev.continuum.hibernate.internal.model;

import dev.continuum.ConfigurationException;

/**
 * The Hibernate ORM versions Continuum runs on. Checked at the first point Continuum takes part in
 * a boot, so that an older Hibernate fails there with a message saying what to upgrade, instead
 * of booting and failing at the first request with a {@code NoClassDefFoundError}.
 */
public final class HibernateCompatibility {

    /** The oldest supported major and minor version. */
    static final int MAJOR = 7;
    static final int MINOR = 4;

    private HibernateCompatibility() {
    }

    /**
     * Fails unless the Hibernate ORM on the class path is supported.
     *
     * @throws ConfigurationException naming the version found, the minimum and how to get it
     */
    public static void check() {
        check(org.hibernate.Version.getVersionString());
    }

    /** Fails unless {@code version} (such as {@code 7.4.13.Final}) is supported. */
    static void check(String version) {
        if (!supported(version)) {
            throw new ConfigurationException("Continuum needs Hibernate ORM " + MAJOR + "." + MINOR
                    + " or newer, but Hibernate ORM " + version + " is on the class path. Upgrade Hibernate ORM "
                    + "(org.hibernate.orm:hibernate-core) to " + MAJOR + "." + MINOR + ".x or newer; with Spring "
                    + "Boot, use Spring Boot 4.1.x, which brings Hibernate ORM 7.4 (Spring Boot 4.0.x brings 7.2, "
                    + "3.5.x brings 6.6), or set the hibernate.version property of the Spring Boot build to a 7.4 "
                    + "release; or turn Continuum off with continuum.enabled=false");
        }
    }

    /** Whether {@code version} is {@value #MAJOR}.{@value #MINOR} or newer; an unreadable version passes. */
    static boolean supported(String version) {
        if (version == null) {
            return true;
        }
        String[] parts = version.split("[.\\-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > MAJOR || major == MAJOR && minor >= MINOR;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
