package dev.continuum.hibernate.internal.write;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * What {@code continuum.write_at=flush} needs, checked once at boot: how this database writes a
 * version row that may replace the one an earlier flush of the same transaction wrote for the same
 * key (an upsert on the primary key, the key and the transaction id), and the features it cannot
 * serve, refused by name. Those features read or write history as a whole transaction at once:
 * the hash chain hashes each transaction's rows after its closings, the subquery strategy orders
 * versions by transaction id alone (which no longer follows commit order, and there is no closing
 * to find a conflict), triggers write natively versioned rows with an id of their own, compact
 * properties store values per transaction, modification flags compare with the state before the
 * transaction (which a later flush no longer has), and a bag's copies, or the rows of a collection
 * with nullable element columns, have no primary key to rewrite by.
 */
final class FlushWrites {

    /** How a database spells the insert that rewrites the row of the same key and transaction instead. */
    enum Upsert {
        /** {@code insert ... on conflict (key) do update} (PostgreSQL). */
        ON_CONFLICT,
        /** {@code insert ... on duplicate key update} (MariaDB, MySQL). */
        ON_DUPLICATE_KEY,
        /** {@code merge into ... using (values ...) ... when matched ... when not matched} (H2). */
        MERGE
    }

    private FlushWrites() {
    }

    /**
     * The upsert of {@code dialect}, after checking that nothing in {@code model} needs history
     * written at commit.
     *
     * @throws ConfigurationException naming the setting or the entity, and what to do
     */
    static Upsert check(VersionModel model, Dialect dialect) {
        Settings settings = model.settings();
        String flush = ContinuumSettings.WRITE_AT + "=flush";
        if (settings.hashChain()) {
            throw new ConfigurationException(flush + " cannot be combined with " + ContinuumSettings.INTEGRITY
                    + "=hash-chain: the chain hashes a transaction's version rows once, after they are all written, "
                    + "and flushes would rewrite hashed rows. Set " + ContinuumSettings.WRITE_AT + " to 'commit' or "
                    + ContinuumSettings.INTEGRITY + " to 'none'");
        }
        if (settings.subquery()) {
            throw new ConfigurationException(flush + " cannot be combined with " + ContinuumSettings.STRATEGY
                    + "=subquery: that strategy orders versions by transaction id alone, and under flush writes ids "
                    + "no longer follow commit order, with no closing that could detect it. Set "
                    + ContinuumSettings.STRATEGY + " to 'validity' or " + ContinuumSettings.WRITE_AT + " to 'commit'");
        }
        for (EntityModel entity : model.entities()) {
            String name = entity.entityName();
            if (entity.nativeVersioning()) {
                throw refused(name + " is versioned natively (" + ContinuumSettings.NATIVE_VERSIONING
                        + " or @Versioned(nativeVersioning)): its triggers write its versions with their own "
                        + "transaction row", "version " + name + " through Hibernate");
            }
            for (EntityTable level : entity.levels()) {
                if (level.hasFlags()) {
                    throw refused(name + " has modification flags (" + ContinuumSettings.MODIFIED_FLAGS
                            + " or @Versioned(modifiedFlags)), which compare with the state before the transaction, "
                            + "and a later flush only knows the state before that flush",
                            "turn modification flags off for " + name);
                }
                if (level.hasCompactColumns()) {
                    throw refused(name + " has @Compact properties, whose values are stored once per transaction "
                            + "when it completes", "remove @Compact from the properties of " + name);
                }
            }
        }
        for (CollectionTable collection : model.collections()) {
            if (collection.bag()) {
                throw refused(collection.role() + " is a bag, whose equal copies of an element have no key by "
                        + "which a later flush could rewrite their version", "map " + collection.role()
                        + " as a Set or an indexed List (@OrderColumn), or mark it @NotVersioned");
            }
            if (collection.columns().subList(0, collection.identityWidth()).stream().anyMatch(DataColumn::nullable)) {
                throw refused(collection.role() + " has nullable element columns, so its collection table and "
                        + "version table have no primary key by which a later flush could rewrite a version",
                        "make the element columns of " + collection.role() + " not null (@Column(nullable = false))");
            }
        }
        // the spelling of an upsert is left by Hibernate to each dialect's SQL AST translator
        if (dialect instanceof PostgreSQLDialect) {
            return Upsert.ON_CONFLICT;
        }
        if (dialect instanceof MySQLDialect) {
            return Upsert.ON_DUPLICATE_KEY;
        }
        if (dialect instanceof H2Dialect) {
            return Upsert.MERGE;
        }
        throw new ConfigurationException(flush + " is supported on PostgreSQL, MariaDB, MySQL and H2, not with "
                + dialect.getClass().getSimpleName() + "; set " + ContinuumSettings.WRITE_AT + " to 'commit'");
    }

    private static ConfigurationException refused(String reason, String fix) {
        return new ConfigurationException(ContinuumSettings.WRITE_AT + "=flush cannot write history at each flush: "
                + reason + ". Set " + ContinuumSettings.WRITE_AT + " to 'commit', or " + fix);
    }
}
