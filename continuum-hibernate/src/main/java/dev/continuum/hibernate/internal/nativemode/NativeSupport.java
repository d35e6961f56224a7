package dev.continuum.hibernate.internal.nativemode;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.CompactProperties;
import dev.continuum.hibernate.internal.model.ModifiedFlags;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionedCollection;
import dev.continuum.hibernate.internal.model.VersionedEntity;
import dev.continuum.hibernate.internal.model.VersionModelBuilder;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.QualifiedSequenceName;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What native versioning supports, checked when the mapping is built: an entity versioned
 * natively whose database, mapping or settings the triggers cannot serve fails the boot, naming
 * the entity and the setting, rather than recording wrong or partial history. And the description
 * of each natively versioned table that the triggers are generated from.
 */
public final class NativeSupport {

    /** What follows the version table's name in the name of its trigger and trigger function. */
    static final String TRIGGER_SUFFIX = "_trg";
    /** What follows the transaction table's name in the name of the function that allocates transaction rows. */
    static final String ALLOCATOR_SUFFIX = "_native_id";

    private NativeSupport() {
    }

    /**
     * Refuses native versioning of {@code entity} where it cannot record the history ORM mode would.
     *
     * @param tenants whether transactions belong to tenants (discriminator multi-tenancy)
     * @param collections the unit's collections
     * @throws ConfigurationException naming the entity, what is not supported, and the way out
     */
    public static void check(PersistentClass entity, Settings settings, Dialect dialect, boolean tenants,
            java.util.Collection<Collection> collections) {
        String name = VersionedEntity.simpleName(entity);
        String off = " Version " + name + " through Hibernate's events instead: @Versioned(nativeVersioning = DISABLED)"
                + (settings.nativeVersioning() ? "" : " (or leave nativeVersioning at DEFAULT with "
                        + ContinuumSettings.NATIVE_VERSIONING + " off)") + ".";
        if (!NativeTriggers.supports(dialect)) {
            throw new ConfigurationException(name + " is versioned natively (" + ContinuumSettings.NATIVE_VERSIONING
                    + " or @Versioned(nativeVersioning)), but native versioning has triggers for PostgreSQL, "
                    + "MariaDB and H2 only, and this database's dialect is " + dialect.getClass().getSimpleName()
                    + "." + off);
        }
        List<String> reasons = new ArrayList<>();
        if (entity.getRootClass() != entity || entity.hasSubclasses()) {
            reasons.add("it belongs to an inheritance hierarchy");
        }
        if (!entity.getJoins().isEmpty()) {
            reasons.add("it has a secondary table");
        }
        if (ModifiedFlags.enabled(entity, settings)) {
            reasons.add("its version table has modification flags (@Versioned(modifiedFlags) or "
                    + ContinuumSettings.MODIFIED_FLAGS + ")");
        }
        if (settings.hashChain()) {
            reasons.add("tamper evidence is on (" + ContinuumSettings.INTEGRITY + "=hash-chain)");
        }
        if (settings.transactionChanges()) {
            reasons.add("transactions record the entity types they changed (" + ContinuumSettings.TRANSACTION_CHANGES
                    + ")");
        }
        if (tenants) {
            reasons.add("transactions belong to tenants (the unit has a @TenantId entity)");
        }
        if (settings.subquery()) {
            reasons.add("version tables keep no end column (" + ContinuumSettings.STRATEGY + "=subquery), and "
                    + "the triggers maintain it");
        }
        for (Property property : entity.getPropertyClosure()) {
            if (CompactProperties.isCompact(entity, property)) {
                reasons.add("its property " + property.getName() + " is @Compact, and the triggers copy values "
                        + "as they are");
                break;
            }
        }
        if (VersionModelBuilder.versionedOnCollectionChange(entity, settings)) {
            for (Collection collection : collections) {
                if (collection.getOwner() == entity && VersionedCollection.of(collection, settings) != null) {
                    reasons.add("it owns the versioned collection " + collection.getRole() + " and gets a version "
                            + "when only its collections change, which its trigger cannot see (set "
                            + "@Versioned(versionOwnerOnCollectionChange = DISABLED) or "
                            + ContinuumSettings.VERSION_OWNER_ON_COLLECTION_CHANGE + "=false: the collection's own "
                            + "version table still records each change, or mark the collection @NotVersioned)");
                    break;
                }
            }
        }
        if (!reasons.isEmpty()) {
            throw new ConfigurationException(name + " is versioned natively, which does not support it: "
                    + String.join("; ", reasons) + "." + off);
        }
    }

    /**
     * The description of the natively versioned table of {@code entity}.
     *
     * @param version its version table as contributed to the mapping
     * @throws ConfigurationException when the trigger's name would exceed the dialect's identifier limit
     */
    public static NativeTable table(PersistentClass entity, Table version, Settings settings, Dialect dialect) {
        VersionedEntity view = VersionedEntity.of(entity, settings);
        VersionedEntity.Level level = view.levels().get(0);
        Set<String> bookkeeping = new HashSet<>();
        for (String column : List.of(settings.transactionIdColumn(), settings.endTransactionIdColumn(),
                settings.operationTypeColumn())) {
            bookkeeping.add(column.toLowerCase(Locale.ROOT));
        }
        Set<String> keys = new HashSet<>();
        List<String> keyColumns = new ArrayList<>();
        for (Column column : level.keyColumns()) {
            keys.add(column.getName().toLowerCase(Locale.ROOT));
            keyColumns.add(column.getQuotedName(dialect));
        }
        List<String> data = new ArrayList<>();
        for (Column column : version.getColumns()) {
            String key = column.getName().toLowerCase(Locale.ROOT);
            if (!keys.contains(key) && !bookkeeping.contains(key)) {
                data.add(column.getQuotedName(dialect));
            }
        }
        String trigger = version.getName() + TRIGGER_SUFFIX;
        // MariaDB's three triggers of the table end with _i, _u and _d
        String longest = NativeTriggers.mariaDb(dialect) ? trigger + "_i" : trigger;
        checkLength(longest, dialect, VersionedEntity.simpleName(entity) + " is versioned natively, and the name of "
                + "its trigger, '" + longest + "', ", "give its version table a shorter name with @Versioned(table = "
                + "\"...\"), or choose a shorter " + ContinuumSettings.TABLE_SUFFIX);
        return new NativeTable(VersionedEntity.simpleName(entity), entity.getTable(), version, keyColumns, data,
                trigger);
    }

    /**
     * What every trigger of the unit shares, named as the settings name the transaction table and its columns.
     *
     * @param transactionTable looks the transaction table up in the complete mapping
     */
    public static Bookkeeping bookkeeping(Namespace namespace, IdentifierHelper helper, Settings settings,
            Dialect dialect, Supplier<Table> transactionTable) {
        QualifiedSequenceName sequence = new QualifiedSequenceName(namespace.getPhysicalName().catalog(),
                namespace.getPhysicalName().schema(), helper.toIdentifier(settings.transactionSequence()));
        String allocator = helper.toIdentifier(settings.transactionTable()).getText() + ALLOCATOR_SUFFIX;
        checkLength(allocator, dialect, "The name of the function that allocates the transaction rows of natively "
                + "versioned changes, '" + allocator + "', ", "choose a shorter " + ContinuumSettings.TRANSACTION_TABLE);
        return new Bookkeeping(transactionTable, sequence, settings.userIdLength(), settings.remoteAddrLength(),
                helper.toIdentifier(settings.transactionIdColumn()).render(dialect),
                helper.toIdentifier(settings.endTransactionIdColumn()).render(dialect),
                helper.toIdentifier(settings.operationTypeColumn()).render(dialect), allocator);
    }

    private static void checkLength(String name, Dialect dialect, String what, String fix) {
        int limit = dialect.getMaxIdentifierLength();
        if (name.length() > limit) {
            throw new ConfigurationException(what + "is " + name.length() + " characters long, over the database's "
                    + "limit of " + limit + "; " + fix);
        }
    }
}
