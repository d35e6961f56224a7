package dev.continuum.spring.boot.autoconfigure;

import dev.continuum.ContinuumSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code continuum.*} configuration properties: Continuum's settings (see
 * {@link ContinuumSettings}) in Spring Boot's form, with relaxed names ({@code continuum.table-suffix}
 * for {@code continuum.table_suffix}). A property left unset keeps Continuum's default; one that is
 * set wins over the same setting given as {@code spring.jpa.properties.continuum.*}.
 */
@ConfigurationProperties("continuum")
public class ContinuumProperties {

    /** Whether entities annotated @Versioned are versioned; false turns versioning and its schema off. Default: true. */
    private Boolean enabled;

    /** Suffix appended to an entity's table name to name its version table. Default: _version. */
    private String tableSuffix;

    /** Name of the transaction table. Default: transaction. */
    private String transactionTable;

    /** Name of the sequence that transaction ids come from. Default: transaction_id_seq. */
    private String transactionSequence;

    /** Name of the version tables' transaction column. Default: transaction_id. */
    private String transactionIdColumn;

    /** Name of the version tables' superseding-transaction column. Default: end_transaction_id. */
    private String endTransactionIdColumn;

    /** Name of the version tables' operation column. Default: operation_type. */
    private String operationTypeColumn;

    /** Name of the table that stores where undo and redo stand for each entity. Default: continuum_undo. */
    private String undoTable;

    /**
     * Whether version tables and the transaction table are checked against the database at start-up when
     * spring.jpa.hibernate.ddl-auto is validate or none. Default: true.
     */
    private Boolean schemaValidation;

    /**
     * Whether a change of only an entity's owned collections also records a new version of the entity.
     * Default: true.
     */
    private Boolean versionOwnerOnCollectionChange;

    /**
     * Whether every versioned entity's version table gets a boolean modification flag per versioned property
     * ({@code <column>_mod}), set in the versions that changed the property. Default: false.
     */
    private Boolean modifiedFlags;

    /**
     * Whether versioned entities are versioned natively, by database triggers that Continuum generates and that
     * record bulk and native SQL and other programs' writes too (PostgreSQL, MariaDB, H2). Default: false.
     */
    private Boolean nativeVersioning;

    /**
     * Whether each transaction records the entity types it changed (table {@code <transaction table>_changes}),
     * so that reading what a transaction changed reads only their version tables. Default: false.
     */
    private Boolean transactionChanges;

    /**
     * Whether the activity stream is on: the table {@code <transaction table>_activity} exists and activities can be
     * recorded and read ({@code VersionHistory.activities()}, the {@code ActivityStream} bean). Default: false.
     */
    private Boolean activities;

    /**
     * Under schema- or database-per-tenant multi-tenancy, the tenants whose schemas the start-up check reads,
     * comma-separated. Default: none (the check is skipped there, with a warning).
     */
    private String schemaValidationTenants;

    /** Length of the transaction table's user_id column; longer user ids are stored shortened with a hash. Default: 255. */
    private Integer userIdLength;

    /** Length of the transaction table's remote_addr column; of a forwarded-for chain the first address is stored. Default: 50. */
    private Integer remoteAddrLength;

    /**
     * What a bulk HQL/JPQL update, delete or insert-select (or a native statement that names its
     * tables) does when it changes a versioned table, whose rows then get no versions: warn (log once
     * per statement), fail (refuse it before it runs) or ignore. Default: warn.
     */
    private String bulkMutations;

    /**
     * Tamper evidence: "none" or "hash-chain", in which every version row and transaction row is covered by SHA-256
     * hashes that HistoryAdmin.verify() checks. Default: none.
     */
    private String integrity;

    /**
     * PostgreSQL only: the number of transaction ids each partition of a version table covers; version tables are
     * partitioned by range of transaction id and pruning drops whole partitions. Default: unset (plain tables).
     */
    private Long partitionSpan;

    /**
     * How a version's end is known: "validity" (each version table keeps it in its end column, which the write of the
     * next version sets) or "subquery" (no end column, writes only insert, reads derive the end from the next
     * version). Default: validity.
     */
    private String strategy;

    /**
     * When version rows are written: "commit" (after the transaction's last flush, ids in commit order) or "flush"
     * (at each flush, so that a batch job that flushes and clears keeps memory bounded by one flush; a transaction
     * that meets a version of a later transaction fails with ConcurrentHistoryException, to be retried).
     * Default: commit.
     */
    private String writeAt;

    /** How much history HistoryAdmin.prune() keeps, for entities without @HistoryRetention. */
    private final Retention retention = new Retention();

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getTableSuffix() {
        return tableSuffix;
    }

    public void setTableSuffix(String tableSuffix) {
        this.tableSuffix = tableSuffix;
    }

    public String getTransactionTable() {
        return transactionTable;
    }

    public void setTransactionTable(String transactionTable) {
        this.transactionTable = transactionTable;
    }

    public String getTransactionSequence() {
        return transactionSequence;
    }

    public void setTransactionSequence(String transactionSequence) {
        this.transactionSequence = transactionSequence;
    }

    public String getTransactionIdColumn() {
        return transactionIdColumn;
    }

    public void setTransactionIdColumn(String transactionIdColumn) {
        this.transactionIdColumn = transactionIdColumn;
    }

    public String getEndTransactionIdColumn() {
        return endTransactionIdColumn;
    }

    public void setEndTransactionIdColumn(String endTransactionIdColumn) {
        this.endTransactionIdColumn = endTransactionIdColumn;
    }

    public String getOperationTypeColumn() {
        return operationTypeColumn;
    }

    public void setOperationTypeColumn(String operationTypeColumn) {
        this.operationTypeColumn = operationTypeColumn;
    }

    public String getUndoTable() {
        return undoTable;
    }

    public void setUndoTable(String undoTable) {
        this.undoTable = undoTable;
    }

    public Boolean getSchemaValidation() {
        return schemaValidation;
    }

    public void setSchemaValidation(Boolean schemaValidation) {
        this.schemaValidation = schemaValidation;
    }

    public Boolean getVersionOwnerOnCollectionChange() {
        return versionOwnerOnCollectionChange;
    }

    public void setVersionOwnerOnCollectionChange(Boolean versionOwnerOnCollectionChange) {
        this.versionOwnerOnCollectionChange = versionOwnerOnCollectionChange;
    }

    public Boolean getModifiedFlags() {
        return modifiedFlags;
    }

    public void setModifiedFlags(Boolean modifiedFlags) {
        this.modifiedFlags = modifiedFlags;
    }

    public Boolean getNativeVersioning() {
        return nativeVersioning;
    }

    public void setNativeVersioning(Boolean nativeVersioning) {
        this.nativeVersioning = nativeVersioning;
    }

    public Boolean getTransactionChanges() {
        return transactionChanges;
    }

    public void setTransactionChanges(Boolean transactionChanges) {
        this.transactionChanges = transactionChanges;
    }

    public Boolean getActivities() {
        return activities;
    }

    public void setActivities(Boolean activities) {
        this.activities = activities;
    }

    public String getSchemaValidationTenants() {
        return schemaValidationTenants;
    }

    public void setSchemaValidationTenants(String schemaValidationTenants) {
        this.schemaValidationTenants = schemaValidationTenants;
    }

    public Integer getUserIdLength() {
        return userIdLength;
    }

    public void setUserIdLength(Integer userIdLength) {
        this.userIdLength = userIdLength;
    }

    public Integer getRemoteAddrLength() {
        return remoteAddrLength;
    }

    public void setRemoteAddrLength(Integer remoteAddrLength) {
        this.remoteAddrLength = remoteAddrLength;
    }

    public String getBulkMutations() {
        return bulkMutations;
    }

    public void setBulkMutations(String bulkMutations) {
        this.bulkMutations = bulkMutations;
    }

    public String getIntegrity() {
        return integrity;
    }

    public void setIntegrity(String integrity) {
        this.integrity = integrity;
    }

    public Long getPartitionSpan() {
        return partitionSpan;
    }

    public void setPartitionSpan(Long partitionSpan) {
        this.partitionSpan = partitionSpan;
    }

    public String getStrategy() {
        return strategy;
    }

    public void setStrategy(String strategy) {
        this.strategy = strategy;
    }

    public String getWriteAt() {
        return writeAt;
    }

    public void setWriteAt(String writeAt) {
        this.writeAt = writeAt;
    }

    public Retention getRetention() {
        return retention;
    }

    /** The {@code continuum.retention.*} properties. */
    public static class Retention {

        /** The number of most recent versions of each entity that prune() keeps. Default: unset (no such rule). */
        private Integer versions;

        /** How long prune() keeps a version after it stopped being current, an ISO-8601 duration such as P365D. Default: unset (no such rule). */
        private String newerThan;

        /** Whether prune() keeps the first version of every entity. Default: true. */
        private Boolean keepFirst;

        public Integer getVersions() {
            return versions;
        }

        public void setVersions(Integer versions) {
            this.versions = versions;
        }

        public String getNewerThan() {
            return newerThan;
        }

        public void setNewerThan(String newerThan) {
            this.newerThan = newerThan;
        }

        public Boolean getKeepFirst() {
            return keepFirst;
        }

        public void setKeepFirst(Boolean keepFirst) {
            this.keepFirst = keepFirst;
        }
    }

    /**
     * The properties that are set, as Hibernate properties under the names of {@link ContinuumSettings}.
     *
     * @return the settings to pass to Hibernate, in a new map
     */
    public Map<String, Object> toHibernateProperties() {
        Map<String, Object> settings = new LinkedHashMap<>();
        put(settings, ContinuumSettings.ENABLED, enabled);
        put(settings, ContinuumSettings.TABLE_SUFFIX, tableSuffix);
        put(settings, ContinuumSettings.TRANSACTION_TABLE, transactionTable);
        put(settings, ContinuumSettings.TRANSACTION_SEQUENCE, transactionSequence);
        put(settings, ContinuumSettings.TRANSACTION_ID_COLUMN, transactionIdColumn);
        put(settings, ContinuumSettings.END_TRANSACTION_ID_COLUMN, endTransactionIdColumn);
        put(settings, ContinuumSettings.OPERATION_TYPE_COLUMN, operationTypeColumn);
        put(settings, ContinuumSettings.UNDO_TABLE, undoTable);
        put(settings, ContinuumSettings.SCHEMA_VALIDATION, schemaValidation);
        put(settings, ContinuumSettings.VERSION_OWNER_ON_COLLECTION_CHANGE, versionOwnerOnCollectionChange);
        put(settings, ContinuumSettings.MODIFIED_FLAGS, modifiedFlags);
        put(settings, ContinuumSettings.NATIVE_VERSIONING, nativeVersioning);
        put(settings, ContinuumSettings.TRANSACTION_CHANGES, transactionChanges);
        put(settings, ContinuumSettings.ACTIVITIES, activities);
        put(settings, ContinuumSettings.SCHEMA_VALIDATION_TENANTS, schemaValidationTenants);
        put(settings, ContinuumSettings.USER_ID_LENGTH, userIdLength);
        put(settings, ContinuumSettings.REMOTE_ADDR_LENGTH, remoteAddrLength);
        put(settings, ContinuumSettings.BULK_MUTATIONS, bulkMutations);
        put(settings, ContinuumSettings.INTEGRITY, integrity);
        put(settings, ContinuumSettings.PARTITION_SPAN, partitionSpan);
        put(settings, ContinuumSettings.STRATEGY, strategy);
        put(settings, ContinuumSettings.WRITE_AT, writeAt);
        put(settings, ContinuumSettings.RETENTION_VERSIONS, retention.versions);
        put(settings, ContinuumSettings.RETENTION_NEWER_THAN, retention.newerThan);
        put(settings, ContinuumSettings.RETENTION_KEEP_FIRST, retention.keepFirst);
        return settings;
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}
