package dev.continuum.hibernate.internal.model;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.registry.classloading.spi.ClassLoadingException;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Continuum's configuration, read once from the Hibernate properties.
 *
 * @param enabled whether versioning is on
 * @param tableSuffix suffix of version table names
 * @param transactionTable name of the transaction table
 * @param transactionSequence name of the transaction id sequence
 * @param transactionIdColumn version tables' transaction column
 * @param endTransactionIdColumn version tables' superseding-transaction column
 * @param operationTypeColumn version tables' operation column
 * @param undoTable name of the table of undo/redo positions
 * @param schemaValidation whether to check the schema at boot under validate/none
 * @param versionOwnerOnCollectionChange whether an owner gets a version when only its collections
 *        change, for entities that do not say otherwise
 * @param schemaValidationTenants the tenants whose schemas the boot-time check reads under
 *        schema- or database-per-tenant multi-tenancy (none: the check is skipped there)
 * @param userIdLength the length of the transaction table's user column
 * @param remoteAddrLength the length of the transaction table's address column
 * @param bulkMutations what a bulk mutation of a versioned table through Hibernate does
 * @param modifiedFlags whether version tables get modification flags, for entities that do not say otherwise
 * @param transactionChanges whether each transaction records the entity types it changed
 * @param hashChain whether tamper evidence is on ({@code continuum.integrity=hash-chain})
 * @param activities whether the activity stream is on ({@code continuum.activities})
 * @param partitionSpan the transaction ids each partition of a version table covers, or 0 for
 *        plain (unpartitioned) version tables
 * @param subquery whether reads derive a version's end rather than version tables keeping it
 *        ({@code continuum.strategy=subquery})
 * @param nativeVersioning whether entities are versioned by database triggers, for entities that do not say otherwise
 * @param writeAtFlush whether each flush writes the version rows of what it flushed
 *        ({@code continuum.write_at=flush}) rather than the transaction's completion
 */
public record Settings(
        boolean enabled,
        String tableSuffix,
        String transactionTable,
        String transactionSequence,
        String transactionIdColumn,
        String endTransactionIdColumn,
        String operationTypeColumn,
        String undoTable,
        boolean schemaValidation,
        boolean versionOwnerOnCollectionChange,
        List<String> schemaValidationTenants,
        int userIdLength,
        int remoteAddrLength,
        BulkMutations bulkMutations,
        boolean modifiedFlags,
        boolean transactionChanges,
        boolean hashChain,
        boolean activities,
        long partitionSpan,
        boolean subquery,
        boolean nativeVersioning,
        boolean writeAtFlush) {

    /** What a bulk mutation of a versioned entity's or collection's table through Hibernate does. */
    public enum BulkMutations {
        /** Logs a warning once per statement. */
        WARN,
        /** Refuses the statement before it runs. */
        FAIL,
        /** Lets it run silently. */
        IGNORE
    }

    /** Copies the tenant list, so that the settings cannot change. */
    public Settings {
        schemaValidationTenants = List.copyOf(schemaValidationTenants);
    }

    public static Settings from(Map<String, Object> properties) {
        return new Settings(
                bool(properties, ContinuumSettings.ENABLED, true),
                string(properties, ContinuumSettings.TABLE_SUFFIX, "_version"),
                string(properties, ContinuumSettings.TRANSACTION_TABLE, "transaction"),
                string(properties, ContinuumSettings.TRANSACTION_SEQUENCE, "transaction_id_seq"),
                string(properties, ContinuumSettings.TRANSACTION_ID_COLUMN, "transaction_id"),
                string(properties, ContinuumSettings.END_TRANSACTION_ID_COLUMN, "end_transaction_id"),
                string(properties, ContinuumSettings.OPERATION_TYPE_COLUMN, "operation_type"),
                string(properties, ContinuumSettings.UNDO_TABLE, "continuum_undo"),
                bool(properties, ContinuumSettings.SCHEMA_VALIDATION, true),
                bool(properties, ContinuumSettings.VERSION_OWNER_ON_COLLECTION_CHANGE, true),
                list(properties, ContinuumSettings.SCHEMA_VALIDATION_TENANTS),
                length(properties, ContinuumSettings.USER_ID_LENGTH, 255),
                length(properties, ContinuumSettings.REMOTE_ADDR_LENGTH, 50),
                bulkMutations(properties),
                bool(properties, ContinuumSettings.MODIFIED_FLAGS, false),
                bool(properties, ContinuumSettings.TRANSACTION_CHANGES, false),
                integrity(properties),
                bool(properties, ContinuumSettings.ACTIVITIES, false),
                partitionSpan(properties),
                subquery(properties),
                bool(properties, ContinuumSettings.NATIVE_VERSIONING, false),
                writeAtFlush(properties));
    }

    /** The configured context provider, else the first one registered with ServiceLoader, else none. */
    public static TransactionContextProvider contextProvider(Map<String, Object> properties, ClassLoaderService loader) {
        Object configured = properties.get(ContinuumSettings.CONTEXT_PROVIDER);
        if (configured instanceof TransactionContextProvider provider) {
            return provider;
        }
        if (configured != null) {
            String name = configured instanceof Class<?> type ? type.getName() : configured.toString().trim();
            try {
                Class<?> type = loader.classForName(name);
                return (TransactionContextProvider) type.getDeclaredConstructor().newInstance();
            } catch (ClassLoadingException e) {
                throw new ConfigurationException(ContinuumSettings.CONTEXT_PROVIDER + " names class '" + name
                        + "', which is not on the class path; give the fully qualified name of a "
                        + "TransactionContextProvider implementation");
            } catch (ClassCastException | ReflectiveOperationException e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new ConfigurationException(ContinuumSettings.CONTEXT_PROVIDER + " names class '" + name
                        + "', which could not be created as a TransactionContextProvider (" + cause
                        + "); it must implement dev.continuum.spi.TransactionContextProvider and have a public "
                        + "no-argument constructor");
            }
        }
        return loader.loadJavaServices(TransactionContextProvider.class).stream().findFirst().orElse(null);
    }

    private static String string(Map<String, Object> properties, String key, String fallback) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value.toString().trim();
    }

    /** A list given as a collection or as comma-separated text; empty when absent. */
    private static List<String> list(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Iterable<?> parts = value instanceof Collection<?> collection ? collection
                : Arrays.asList(value.toString().split(","));
        for (Object part : parts) {
            String item = String.valueOf(part).trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private static boolean bool(Map<String, Object> properties, String key, boolean fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(
                    key + " is '" + value + "'; it must be true or false");
        };
    }

    private static BulkMutations bulkMutations(Map<String, Object> properties) {
        String value = string(properties, ContinuumSettings.BULK_MUTATIONS, "warn");
        try {
            return BulkMutations.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ContinuumSettings.BULK_MUTATIONS + " is '" + value
                    + "'; it must be warn, fail or ignore");
        }
    }

    private static int length(Map<String, Object> properties, String key, int fallback) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            int length = Integer.parseInt(value.toString().trim());
            if (length >= 16) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key + " is '" + value + "'; it must be a column length of at least 16");
    }

    private static long partitionSpan(Map<String, Object> properties) {
        Object value = properties.get(ContinuumSettings.PARTITION_SPAN);
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        try {
            long span = Long.parseLong(value.toString().trim());
            if (span >= 0) {
                return span;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(ContinuumSettings.PARTITION_SPAN + " is '" + value + "'; it must be the "
                + "number of transaction ids each partition of a version table covers (for example 1000000), or 0 "
                + "for unpartitioned version tables");
    }

    /** Whether version tables are partitioned by transaction id ({@code continuum.partition_span}). */
    public boolean partitioned() {
        return partitionSpan > 0;
    }

    private static boolean integrity(Map<String, Object> properties) {
        Object value = properties.get(ContinuumSettings.INTEGRITY);
        String text = value == null ? "none" : value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "", "none" -> false;
            case "hash-chain" -> true;
            default -> throw new ConfigurationException(ContinuumSettings.INTEGRITY + " is '" + value
                    + "'; use 'none' (the default) or 'hash-chain'");
        };
    }

    private static boolean subquery(Map<String, Object> properties) {
        Object value = properties.get(ContinuumSettings.STRATEGY);
        String text = value == null ? "validity" : value.toString().trim().toLowerCase(Locale.ROOT);
        boolean subquery = switch (text) {
            case "", "validity" -> false;
            case "subquery" -> true;
            default -> throw new ConfigurationException(ContinuumSettings.STRATEGY + " is '" + value
                    + "'; use 'validity' (the default) or 'subquery'");
        };
        if (subquery && integrity(properties)) {
            throw new ConfigurationException(ContinuumSettings.STRATEGY + " is 'subquery' and "
                    + ContinuumSettings.INTEGRITY + " is 'hash-chain': the hash chain links each version to the "
                    + "version it closed, which only the validity strategy records; set " + ContinuumSettings.STRATEGY
                    + " to 'validity' or " + ContinuumSettings.INTEGRITY + " to 'none'");
        }
        return subquery;
    }

    private static boolean writeAtFlush(Map<String, Object> properties) {
        String value = string(properties, ContinuumSettings.WRITE_AT, "commit");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "commit" -> false;
            case "flush" -> true;
            default -> throw new ConfigurationException(ContinuumSettings.WRITE_AT + " is '" + value
                    + "'; use 'commit' (the default) or 'flush'");
        };
    }
}
