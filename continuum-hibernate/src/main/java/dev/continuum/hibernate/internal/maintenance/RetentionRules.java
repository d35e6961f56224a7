package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.HistoryRetention;
import dev.continuum.RetentionPolicy;

import org.hibernate.persister.entity.EntityPersister;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The retention policy of an entity type: its {@link HistoryRetention}, else the settings, else none. */
final class RetentionRules {

    private RetentionRules() {
    }

    /** The policy of the hierarchy of {@code persister}, or empty when its history is kept whole. */
    static Optional<RetentionPolicy> of(EntityPersister persister, Map<String, Object> properties) {
        for (Class<?> type = persister.getMappedClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            HistoryRetention annotation = type.getAnnotation(HistoryRetention.class);
            if (annotation != null) {
                String where = "@HistoryRetention on " + type.getSimpleName();
                return Optional.of(policy(annotation.versions() == 0 ? null : annotation.versions(),
                        annotation.newerThan(), annotation.keepFirst(), where));
            }
        }
        Object versions = properties.get(ContinuumSettings.RETENTION_VERSIONS);
        Object newerThan = properties.get(ContinuumSettings.RETENTION_NEWER_THAN);
        if (isBlank(versions) && isBlank(newerThan)) {
            return Optional.empty();
        }
        Integer count = null;
        if (!isBlank(versions)) {
            try {
                count = Integer.valueOf(versions.toString().trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(ContinuumSettings.RETENTION_VERSIONS + " is '" + versions
                        + "'; it must be a whole number of versions, at least 1");
            }
        }
        Object keepFirst = properties.get(ContinuumSettings.RETENTION_KEEP_FIRST);
        return Optional.of(policy(count, isBlank(newerThan) ? "" : newerThan.toString().trim(),
                isBlank(keepFirst) || Boolean.parseBoolean(keepFirst.toString().trim()),
                "the " + ContinuumSettings.RETENTION_VERSIONS + "/" + ContinuumSettings.RETENTION_NEWER_THAN
                        + " settings"));
    }

    private static RetentionPolicy policy(Integer versions, String newerThan, boolean keepFirst, String where) {
        Optional<Duration> duration = Optional.empty();
        if (!newerThan.isBlank()) {
            try {
                duration = Optional.of(Duration.parse(newerThan));
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(where + " gives the duration '" + newerThan + "', which is not an "
                        + "ISO-8601 duration; write days as P90D or hours as PT12H (years and months are not durations: "
                        + "P365D for a year)");
            }
        }
        try {
            return new RetentionPolicy(versions == null ? OptionalInt.empty() : OptionalInt.of(versions), duration,
                    keepFirst);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
