package dev.continuum.hibernate.internal.write;

import dev.continuum.ContinuumSettings;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal for a statement that changes versioned rows behind Hibernate's entity events (a
 * bulk HQL/JPQL mutation, a native statement that names its tables): Hibernate tells which tables
 * it affects, and when one is the live table of a versioned entity or collection, the statement
 * is logged once per SQL text, refused, or let through, as {@link ContinuumSettings#BULK_MUTATIONS} says.
 */
final class BulkMutations {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");
    /** Enough distinct statements for any application; past it, warnings are no longer repeated per statement. */
    private static final int WARNED_LIMIT = 10_000;

    private final Settings.BulkMutations policy;
    /** What each versioned live table holds, by the table's name as Hibernate renders it. */
    private final Map<String, String> versionedTables;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    BulkMutations(VersionModel model) {
        this.policy = model.settings().bulkMutations();
        Map<String, String> tables = new TreeMap<>();
        model.entities().stream().filter(entity -> !entity.nativeVersioning()).forEach(entity -> {
            for (String table : entity.persister().getPropertySpaces()) {
                tables.putIfAbsent(table, "entity " + entity.entityName());
            }
        });
        model.collections().forEach(table -> tables.putIfAbsent(table.persister().getTableName(),
                "collection " + table.role()));
        this.versionedTables = Map.copyOf(tables);
    }

    /**
     * Checks a statement about to run that affects {@code tables}.
     *
     * @throws VersioningException when it changes a versioned table and the setting says {@code fail}
     */
    void check(String sql, Collection<String> tables) {
        if (policy == Settings.BulkMutations.IGNORE || tables == null || tables.isEmpty()) {
            return;
        }
        Set<String> hit = new TreeSet<>();
        for (String table : tables) {
            String holder = versionedTables.get(table);
            if (holder != null) {
                hit.add(table + " (" + holder + ")");
            }
        }
        if (hit.isEmpty()) {
            return;
        }
        String message = "A bulk statement changes the versioned table" + (hit.size() == 1 ? " " : "s ")
                + String.join(", ", hit) + " without recording versions of the rows it changes: " + sql
                + ". Change versioned entities through the session (load, change, flush) so that their history is "
                + "recorded, or set " + ContinuumSettings.BULK_MUTATIONS + "=ignore for statements whose rows need "
                + "no history";
        if (policy == Settings.BulkMutations.FAIL) {
            throw new VersioningException(message + " (" + ContinuumSettings.BULK_MUTATIONS
                    + "=fail refuses them; nothing was changed)", null);
        }
        if (warned.size() < WARNED_LIMIT ? warned.add(sql) : !warned.contains(sql)) {
            LOG.warn(message);
        }
    }
}
