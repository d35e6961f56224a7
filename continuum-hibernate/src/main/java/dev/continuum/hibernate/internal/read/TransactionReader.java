package dev.continuum.hibernate.internal.read;

import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.BasicType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads rows of the transaction table, alone or joined to version rows, with the types the write
 * path writes them with; binds instants compared with {@code issued_at} the same way.
 */
final class TransactionReader {

    private final BasicType<Instant> instantType;
    private final BasicType<String> stringType;
    private final BasicType<Long> idType;
    private final String byId;
    private final TenantFilter tenant;
    private final String withMetadata;
    private final TransactionMetadata metadata;

    TransactionReader(TableNames names, BasicType<Instant> instantType, BasicType<String> stringType,
            BasicType<Long> idType, TransactionMetadata metadata) {
        this.metadata = metadata;
        this.instantType = instantType;
        this.stringType = stringType;
        this.idType = idType;
        TableNames.TransactionColumns c = names.transactionColumns();
        this.tenant = TenantFilter.ofTransactions(c.tenants() ? "t." + c.tenantId() : null, stringType);
        String columns = "t." + c.issuedAt() + ", t." + c.userId() + ", t." + c.remoteAddr()
                + (c.tenants() ? ", t." + c.tenantId() : "");
        this.byId = "select " + columns + " from " + names.transactionTable() + " t where " + tenant.where() + "t."
                + c.id() + " = ?";
        this.withMetadata = "select t." + c.id() + ", " + columns + " from " + names.transactionTable() + " t where "
                + tenant.where() + "t." + c.id() + " in (select m." + TransactionExtraTables.TRANSACTION_ID + " from "
                + metadata.table() + " m where m." + TransactionExtraTables.KEY + " = ? and m."
                + TransactionExtraTables.VALUE + " = ?) order by t." + c.id() + " desc";
    }

    /**
     * The statement reading the transactions whose metadata has a key/value pair, newest first:
     * the id, then the columns {@link #read} expects; its parameters are the tenant's (see
     * {@link #tenant()}), then the key and the value.
     */
    String withMetadataSql() {
        return withMetadata;
    }

    /** A batch of transactions of one read, whose metadata is read together on first use. */
    TransactionMetadata.Batch metadataBatch(SharedSessionContractImplementor session) {
        return metadata.batch(session);
    }

    /**
     * The restriction of transactions to the session's tenant (and to transactions without one),
     * by the transaction table's tenant column; {@link TenantFilter#NONE} when it has none.
     */
    TenantFilter tenant() {
        return tenant;
    }

    /**
     * The statement reading one transaction by id, in the columns {@link #read} expects: the
     * tenant's parameter (see {@link #tenant()}), then the id.
     */
    String byIdSql() {
        return byId;
    }

    /** The number of columns {@link #read} reads: when, who, from where, and the tenant where there is one. */
    int columnCount() {
        return tenant == TenantFilter.NONE ? 3 : 4;
    }

    /**
     * Reads {@code issued_at, user_id, remote_addr} (and {@code tenant_id}, see {@link #columnCount})
     * from column {@code first} on, its metadata read on demand. Who and from where are left out of
     * the transaction of another tenant, which a version of an entity without {@code @TenantId}
     * (shared by all tenants) may have.
     */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session) throws SQLException {
        return read(rs, first, id, session, metadataBatch(session));
    }

    /** As {@link #read(ResultSet, int, long, SharedSessionContractImplementor)}, its metadata read with {@code batch}. */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session,
            TransactionMetadata.Batch batch) throws SQLException {
        Instant issuedAt = instantType.getJdbcValueExtractor().extract(rs, first, session);
        String userId = stringType.getJdbcValueExtractor().extract(rs, first + 1, session);
        String remoteAddress = stringType.getJdbcValueExtractor().extract(rs, first + 2, session);
        if (columnCount() > 3 && !ownTenant(stringType.getJdbcValueExtractor().extract(rs, first + 3, session), session)) {
            userId = null;
            remoteAddress = null;
        }
        return new Transaction(id, issuedAt, Optional.ofNullable(userId), Optional.ofNullable(remoteAddress),
                batch.of(id));
    }

    /** Whether a transaction of tenant {@code tenant} (null: none) is the session's own or no tenant's. */
    private static boolean ownTenant(String tenant, SharedSessionContractImplementor session) {
        Object current = session.getTenantIdentifierValue();
        return tenant == null
                || current != null && tenant.equals(session.getFactory().getTenantIdentifierJavaType().toString(current));
    }

    /** The mapping of a transaction id selected as a value of its own (see {@link PointInTime#selectedSql}). */
    JdbcMapping idMapping() {
        return idType;
    }

    /** Binds an instant the way the write path binds {@code issued_at}. */
    void bindInstant(PreparedStatement statement, int parameter, Instant instant,
            SharedSessionContractImplementor session) throws SQLException {
        instantType.getJdbcValueBinder().bind(statement, instant, parameter, session);
    }
}
