package dev.continuum.hibernate;

import java.time.Instant;

/**
 * A row of Continuum's transaction table, mapped as the read-only entity {@value #ENTITY_NAME} so
 * that JPQL and the Criteria API can query it, for example
 * {@code select t from ContinuumTransaction t where t.userId = :user order by t.id}. The table's
 * name follows the {@code continuum.transaction_table} setting. Continuum writes these rows
 * itself, one per transaction that recorded a version; applications only read them, and for most
 * uses {@link dev.continuum.Version#transaction()} and
 * {@link dev.continuum.VersionHistory#transaction(long)} are the simpler way in.
 */
public class ContinuumTransaction {

    /** The JPA entity name of the transaction table, as JPQL names it. */
    public static final String ENTITY_NAME = "ContinuumTransaction";

    private Long id;
    private Instant issuedAt;
    private String userId;
    private String remoteAddr;
    private String tenantId;

    /** For Hibernate. */
    protected ContinuumTransaction() {
    }

    /**
     * The transaction id, which the {@code transaction_id} columns of the version tables refer to.
     *
     * @return the id
     */
    public Long getId() {
        return id;
    }

    /**
     * When the transaction recorded its versions (after its last flush, before its commit), in UTC.
     *
     * @return the instant
     */
    public Instant getIssuedAt() {
        return issuedAt;
    }

    /**
     * Who made the changes, as the {@link dev.continuum.ChangeContext} or the configured
     * {@link dev.continuum.spi.TransactionContextProvider} said.
     *
     * @return the user id, or null when none was given
     */
    public String getUserId() {
        return userId;
    }

    /**
     * From where the changes were made (the client address of the request).
     *
     * @return the address, or null when none was given
     */
    public String getRemoteAddr() {
        return remoteAddr;
    }

    /**
     * The tenant the transaction belongs to, under discriminator multi-tenancy (a persistence unit
     * with a {@code @TenantId} entity): the session's tenant identifier, as text. Such a unit's
     * transaction table has a {@code tenant_id} column; other units have none, and this is null.
     *
     * @return the tenant, or null when the unit has no {@code @TenantId} entity or the transaction
     *         was made without a tenant (a baseline, for example)
     */
    public String getTenantId() {
        return tenantId;
    }
}
