package dev.continuum.hibernate.internal.read;

import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.BasicType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
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

    TransactionReader(TableNames names, BasicType<Instant> instantType, BasicType<String> stringType,
            BasicType<Long> idType) {
        this.instantType = instantType;
        this.stringType = stringType;
        this.idType = idType;
        TableNames.TransactionColumns c = names.transactionColumns();
        this.tenant = TenantFilter.ofTransactions(c.tenants() ? "t." + c.tenantId() : null, stringType);
        this.byId = "select t." + c.issuedAt() + ", t." + c.userId() + ", t." + c.remoteAddr()
                + (c.tenants() ? ", t." + c.tenantId() : "") + " from "
                + names.transactionTable() + " t where " + tenant.where() + "t." + c.id() + " = ?";
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
     * from column {@code first} on. Who and from where are left out of the transaction of another
     * tenant, which a version of an entity without {@code @TenantId} (shared by all tenants) may have.
     */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session) throws SQLException {
        Instant issuedAt = instantType.getJdbcValueExtractor().extract(rs, first, session);
        String userId = stringType.getJdbcValueExtractor().extract(rs, first + 1, session);
        String remoteAddress = stringType.getJdbcValueExtractor().extract(rs, first + 2, session);
        if (columnCount() > 3 && !ownTenant(stringType.getJdbcValueExtractor().extract(rs, first + 3, session), session)) {
            userId = null;
            remoteAddress = null;
        }
        return new Transaction(id, issuedAt, Optional.ofNullable(userId), Optional.ofNullable(remoteAddress),
                Map.of());
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
