package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.TenantAttribute;
import dev.continuum.HistoryLookupException;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;
import org.hibernate.type.descriptor.ValueBinder;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Restricts a statement to the session's tenant under discriminator multi-tenancy: a condition
 * with one parameter that every statement of the read path puts first in its WHERE clause (so its
 * parameter comes right after those of the select list), and the binding of that parameter. The
 * rows of an entity with a {@code @TenantId} are restricted by the version table's copy of the
 * tenant column; transactions (and the rows of other entities found by transaction) by the
 * transaction table's tenant column, which also admits transactions without a tenant (a baseline).
 * Without multi-tenancy the condition is empty and binds nothing.
 */
final class TenantFilter {

    /** No restriction: the entity, or the whole unit, has no tenant. */
    static final TenantFilter NONE = new TenantFilter("", null, null, null);

    /** The condition followed by {@code and}, or empty. */
    private final String where;
    /** The column's JDBC mapping, for a version table's tenant column; null for the transaction table's. */
    private final JdbcMapping mapping;
    /** The string type the transaction table's tenant column is bound with; null for a version table's. */
    private final BasicType<String> text;
    /** What is read, for the message when the session has no tenant. */
    private final String subject;

    private TenantFilter(String where, JdbcMapping mapping, BasicType<String> text, String subject) {
        this.where = where;
        this.mapping = mapping;
        this.text = text;
        this.subject = subject;
    }

    /**
     * The filter of the versions of {@code root}'s entities, by the tenant column among the
     * layout's columns, or empty when the entity has no {@code @TenantId}.
     */
    static Optional<TenantFilter> ofEntity(EntityPersister root, TableLayout layout) {
        Optional<AttributeMapping> tenant = TenantAttribute.of(root);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        BasicValuedModelPart part = tenant.get().asBasicValuedModelPart();
        if (part == null) {
            return Optional.empty();
        }
        return layout.expression(root, part.getSelectionExpression()).map(expression -> new TenantFilter(
                expression + " = ? and ", part.getJdbcMapping(), null, "the history of "
                        + root.getEntityName().substring(root.getEntityName().lastIndexOf('.') + 1)));
    }

    /**
     * The filter of transactions by the transaction table's tenant column {@code column} (qualified),
     * or {@link #NONE} when the table has none.
     */
    static TenantFilter ofTransactions(String column, BasicType<String> text) {
        return column == null ? NONE : new TenantFilter("(" + column + " = ? or " + column + " is null) and ", null,
                text, "transactions");
    }

    /**
     * The session's tenant identifier, which a read of {@code subject} is restricted to.
     *
     * @throws HistoryLookupException when the session has none
     */
    static Object tenantOf(SharedSessionContractImplementor session, String subject) {
        Object tenant = session.getTenantIdentifierValue();
        if (tenant == null) {
            throw new HistoryLookupException("Continuum cannot read " + subject + " without a tenant: the persistence "
                    + "unit has @TenantId entities, so history belongs to tenants, but this session has no tenant "
                    + "identifier. Open the session with one (sessionFactory.withOptions().tenantIdentifier(...)) or "
                    + "have the CurrentTenantIdentifierResolver return the current tenant.");
        }
        return tenant;
    }

    /** The condition followed by {@code and}, to open a WHERE clause with; empty without a tenant. */
    String where() {
        return where;
    }

    /** The number of parameters of {@link #where()}. */
    int parameterCount() {
        return where.isEmpty() ? 0 : 1;
    }

    /**
     * Binds the session's tenant at parameter {@code first}; returns the next parameter index.
     *
     * @throws HistoryLookupException when the session has no tenant identifier
     */
    @SuppressWarnings("unchecked")
    int bind(PreparedStatement statement, int first, SharedSessionContractImplementor session) throws SQLException {
        if (where.isEmpty()) {
            return first;
        }
        Object tenant = tenantOf(session, subject);
        if (mapping != null) {
            ((ValueBinder<Object>) mapping.getJdbcValueBinder()).bind(statement, mapping.convertToRelationalValue(tenant),
                    first, session);
        } else {
            text.getJdbcValueBinder().bind(statement,
                    session.getFactory().getTenantIdentifierJavaType().toString(tenant), first, session);
        }
        return first + 1;
    }
}
