package dev.continuum;

/**
 * Names of the configuration properties Continuum reads from the Hibernate / JPA properties
 * ({@code persistence.xml}, {@code hibernate.properties}, or the map given to the
 * {@code EntityManagerFactory}). Every property is optional.
 */
public final class ContinuumSettings {

    /** {@code true} (default) or {@code false}: turns versioning and its schema off entirely. */
    public static final String ENABLED = "continuum.enabled";

    /** Suffix appended to an entity's table name to name its version table; default {@code _version}. */
    public static final String TABLE_SUFFIX = "continuum.table_suffix";

    /** Name of the transaction table; default {@code transaction}. */
    public static final String TRANSACTION_TABLE = "continuum.transaction_table";

    /**
     * Name of the sequence the transaction ids come from; default {@code transaction_id_seq}. Unused
     * on a database without sequences (MySQL), where the transaction table's id column generates them.
     */
    public static final String TRANSACTION_SEQUENCE = "continuum.transaction_sequence";

    /** Name of the version tables' transaction column; default {@code transaction_id}. */
    public static final String TRANSACTION_ID_COLUMN = "continuum.transaction_id_column";

    /** Name of the version tables' superseding-transaction column; default {@code end_transaction_id}. */
    public static final String END_TRANSACTION_ID_COLUMN = "continuum.end_transaction_id_column";

    /** Name of the version tables' operation column; default {@code operation_type}. */
    public static final String OPERATION_TYPE_COLUMN = "continuum.operation_type_column";

    /**
     * Name of the table that stores where undo and redo stand for each entity; default
     * {@code continuum_undo}.
     */
    public static final String UNDO_TABLE = "continuum.undo_table";

    /**
     * Fully qualified name of a {@link dev.continuum.spi.TransactionContextProvider}
     * implementation (public, no-argument constructor), or an instance of one. When absent,
     * providers registered through {@link java.util.ServiceLoader} are used, and else only
     * {@link ChangeContext}.
     */
    public static final String CONTEXT_PROVIDER = "continuum.context_provider";

    /**
     * {@code true} (default) or {@code false}: whether version tables and the transaction table
     * are checked against the database at boot when Hibernate's schema action is {@code validate}
     * or {@code none}.
     */
    public static final String SCHEMA_VALIDATION = "continuum.schema_validation";

    /**
     * Tenant identifiers, comma-separated (or a collection): under schema- or database-per-tenant
     * multi-tenancy (a {@code MultiTenantConnectionProvider}), the boot-time schema check reads the
     * schema of each of these tenants through the provider. Without it, such a persistence unit
     * boots without the check and logs a warning saying so.
     */
    public static final String SCHEMA_VALIDATION_TENANTS = "continuum.schema_validation_tenants";

    /**
     * {@code true} (default) or {@code false}: whether a change of only an entity's owned
     * collections (a tag added to an article, an element removed from an element collection) also
     * records a new version of the entity, so that its history shows the change. Entities override
     * it with {@link Versioned#versionOwnerOnCollectionChange()}.
     */
    public static final String VERSION_OWNER_ON_COLLECTION_CHANGE = "continuum.version_owner_on_collection_change";

    /**
     * {@code true} or {@code false} (default): whether every versioned entity's version table gets
     * a {@code <column>_mod} modification flag per versioned property, set in the versions that
     * changed the property. Entities override it with {@link Versioned#modifiedFlags()}.
     */
    public static final String MODIFIED_FLAGS = "continuum.modified_flags";

    /**
     * {@code true} or {@code false} (default): whether each transaction records the entity types
     * it changed in the table {@code <transaction table>_changes} (one row per transaction and
     * entity name), so that {@link VersionHistory#changedIn(long)} reads only the version tables
     * of those types. Costs one batched insert per transaction.
     */
    public static final String TRANSACTION_CHANGES = "continuum.transaction_changes";

    /**
     * {@code true} or {@code false} (default): whether the activity stream is on, that is, whether
     * the table {@code <transaction table>_activity} exists and {@link ActivityStream#record}
     * accepts activities. Costs nothing for transactions that record no activity.
     */
    public static final String ACTIVITIES = "continuum.activities";

    /**
     * {@code true} or {@code false} (default): whether versioned entities are versioned natively,
     * by triggers that Continuum generates from the mapping, which write the version rows and the
     * transaction row inside the database, so that bulk HQL/JPQL updates and deletes, native SQL,
     * JDBC and other programs' writes are recorded too. Entities override it with
     * {@link Versioned#nativeVersioning()}. PostgreSQL, MariaDB and H2; see the native versioning page
     * of the documentation for what it supports and how MariaDB and H2 differ.
     */
    public static final String NATIVE_VERSIONING = "continuum.native_versioning";

    /**
     * {@code commit} (default) or {@code flush}: when version rows are written. Under {@code commit}
     * Continuum keeps each transaction's changes in memory and writes them after its last flush,
     * so that transaction ids follow commit order. Under {@code flush} each flush writes the
     * version rows of what it flushed and Continuum forgets them, so that a batch job that
     * flushes and clears its session keeps memory bounded by one flush: the transaction takes its
     * id at its first flush that writes history, a version written at an earlier flush is
     * rewritten in place when the entity changes again, and a transaction that would close a
     * version written by a transaction with a larger id (one that committed after this one took
     * its id) fails with {@link ConcurrentHistoryException} instead. PostgreSQL, MariaDB/MySQL and
     * H2; refused at boot with tamper evidence, the subquery strategy, native versioning, compact
     * properties, modification flags, versioned bags and collections with nullable element columns.
     */
    public static final String WRITE_AT = "continuum.write_at";

    private ContinuumSettings() {
    }

    /**
     * The number of most recent versions of each entity that {@link HistoryAdmin#prune()} keeps,
     * for entities without {@link HistoryRetention}; unset for no such rule.
     */
    public static final String RETENTION_VERSIONS = "continuum.retention.versions";
    /**
     * How long {@link HistoryAdmin#prune()} keeps a version after it stopped being current, as an
     * ISO-8601 duration such as {@code P365D}, for entities without {@link HistoryRetention};
     * unset for no such rule.
     */
    public static final String RETENTION_NEWER_THAN = "continuum.retention.newer_than";
    /**
     * {@code true} (default) or {@code false}: whether {@link HistoryAdmin#prune()} keeps the
     * first version of every entity, for entities without {@link HistoryRetention}.
     */
    public static final String RETENTION_KEEP_FIRST = "continuum.retention.keep_first";

    /**
     * The length of the transaction table's {@code user_id} column; default 255. A longer user id
     * is stored shortened, its end replaced by a hash of the whole, so that it stays distinct.
     */
    public static final String USER_ID_LENGTH = "continuum.user_id_length";
    /**
     * The length of the transaction table's {@code remote_addr} column; default 50. Of a
     * forwarded-for chain ({@code client, proxy1, proxy2}) only the first address is stored.
     */
    public static final String REMOTE_ADDR_LENGTH = "continuum.remote_addr_length";

    /**
     * What a bulk HQL/JPQL {@code update}, {@code delete} or {@code insert ... select}, or a
     * native statement that names its tables, does when it changes the table of a versioned
     * entity or collection through Hibernate (its rows get no versions): {@code warn} (default)
     * logs a warning once per statement; {@code fail} refuses it with a
     * {@link VersioningException} before it runs; {@code ignore} lets it run silently.
     */
    public static final String BULK_MUTATIONS = "continuum.bulk_mutations";

    /**
     * {@code none} (default) or {@code hash-chain}: whether every version row and transaction row
     * is covered by SHA-256 hashes, so that a later change of the history outside the library is
     * found by {@link HistoryAdmin#verify()}. Adds hash columns and tables to the schema.
     */
    public static final String INTEGRITY = "continuum.integrity";

    /**
     * PostgreSQL only: the number of transaction ids each partition of a version table covers;
     * unset or {@code 0} (default) for plain tables. When set, every version table is created
     * {@code PARTITION BY RANGE} of its transaction id, with a {@code DEFAULT} partition, and
     * {@link HistoryAdmin#prune()} drops a partition whose versions the retention rules let go
     * instead of deleting its rows. Refused at boot on other databases.
     */
    public static final String PARTITION_SPAN = "continuum.partition_span";

    /**
     * {@code validity} (default) or {@code subquery}: how a version's end is known. Under
     * {@code validity} each version table has the end column ({@link #END_TRANSACTION_ID_COLUMN})
     * and every write closes the version it supersedes with an update; under {@code subquery}
     * there is no end column, a write only inserts, and every read derives a version's end from
     * the next version of its row. Tamper evidence ({@link #INTEGRITY}) and pruning need
     * {@code validity}.
     */
    public static final String STRATEGY = "continuum.strategy";
}
