package dev.continuum.hibernate.tenant;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

import java.util.function.Supplier;

/** The current tenant of the test thread, as the application's resolver would give it. */
public final class Tenants implements CurrentTenantIdentifierResolver<String> {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** Runs {@code work} as {@code tenant} (null: no tenant). */
    public static <T> T as(String tenant, Supplier<T> work) {
        String before = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** Runs {@code work} as {@code tenant}. */
    public static void run(String tenant, Runnable work) {
        as(tenant, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String resolveCurrentTenantIdentifier() {
        return CURRENT.get();
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }
}
