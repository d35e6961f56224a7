package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.compact.ValueCodec;
import dev.continuum.hibernate.internal.compact.ValueTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the versions of one entity hierarchy: its {@link TableLayout}, the {@link VersionSql}
 * over it, and the binding of parameters and reading of rows with the columns' own JDBC types.
 * Built once per session factory (see {@link HistoryModel}).
 */
final class TableReader {

    private final TableLayout layout;
    private final VersionSql sql;
    private final TransactionReader transactions;
    private final JdbcMapping[] mappings;
    private final TenantFilter tenant;
    private final TenantFilter changedInTenant;
    /** Per column: whether it holds references of compact values. */
    private final boolean[] compact;
    /** The positions of the columns that hold references of compact values. */
    private final int[] compactPositions;
    /** The value table, or null when no entity has compact properties. */
    private final ValueTable values;

    /**
     * @param straightJoin whether a page of versions must read the version table before the
     *        transaction table ({@code straight_join}, MySQL and MariaDB; see {@link VersionSql#allAsOf})
     */
    TableReader(TableLayout layout, TableNames names, TransactionReader transactions, ValueTable values,
            boolean straightJoin) {
        this.layout = layout;
        Optional<TenantFilter> own = TenantFilter.ofEntity(layout.rowTypes().root(), layout);
        this.tenant = own.orElse(TenantFilter.NONE);
        // what a transaction changed: an entity of a tenant by its own tenant column, others by the transaction's
        this.changedInTenant = own.orElse(transactions.tenant());
        this.sql = new VersionSql(layout, names, tenant, changedInTenant, straightJoin);
        this.transactions = transactions;
        this.mappings = layout.columns().mappings();
        this.compact = layout.columns().compact();
        int count = 0;
        int[] positions = new int[compact.length];
        for (int i = 0; i < compact.length; i++) {
            if (compact[i]) {
                positions[count++] = i;
            }
        }
        this.compactPositions = java.util.Arrays.copyOf(positions, count);
        this.values = values;
    }

    VersionSql sql() {
        return sql;
    }

    TransactionReader transactions() {
        return transactions;
    }

    /** The root of the entity types read: see {@link RowTypes#root()}. */
    EntityPersister root() {
        return layout.rowTypes().root();
    }

    int idColumnCount() {
        return layout.idColumnCount();
    }

    /** The select expressions of the id columns. */
    List<String> idExpressions() {
        return layout.columns().expressions().subList(0, layout.idColumnCount());
    }

    /** See {@link TableLayout#expression(EntityPersister, String)}. */
    Optional<String> expression(EntityPersister persister, String column) {
        return layout.expression(persister, column);
    }

    Optional<EntityDecoder> decoder(String entityName) {
        return layout.rowTypes().decoder(entityName);
    }

    /** The decoder of the entity type a row belongs to. */
    EntityDecoder decoderOf(Object[] row) {
        return layout.rowTypes().decoderOf(row);
    }

    /** See {@link RowTypes#discriminatorFilter}. */
    List<Object> discriminatorFilter(String entityName) {
        return layout.rowTypes().discriminatorFilter(entityName);
    }

    /** Binds discriminator values from parameter {@code first}; returns the next parameter index. */
    int bindDiscriminators(PreparedStatement statement, int first, List<Object> values,
            SharedSessionContractImplementor session) throws SQLException {
        int index = first;
        for (Object value : values) {
            bind(statement, index++, layout.rowTypes().discriminatorPosition(), value, session);
        }
        return index;
    }

    /**
     * Binds the session's tenant, which every statement of {@link #sql()} but
     * {@link VersionSql#changedIn} takes first after its select list; returns the next parameter index.
     */
    int bindTenant(PreparedStatement statement, int first, SharedSessionContractImplementor session)
            throws SQLException {
        return tenant.bind(statement, first, session);
    }

    /** The number of parameters {@link #bindTenant} binds. */
    int tenantParameterCount() {
        return tenant.parameterCount();
    }

    /** Binds the tenant of {@link VersionSql#changedIn}; returns the next parameter index. */
    int bindChangedInTenant(PreparedStatement statement, int first, SharedSessionContractImplementor session)
            throws SQLException {
        return changedInTenant.bind(statement, first, session);
    }

    /** {@code keys}, after the session's tenant: the binder of a {@link VersionSql#window} statement. */
    <K> KeyBatches.KeyBinder<K> afterTenant(KeyBatches.KeyBinder<K> keys, SharedSessionContractImplementor session) {
        return (statement, first, chunk) -> keys.bind(statement, bindTenant(statement, first, session), chunk);
    }

    /** The JDBC values of the id columns for an identifier. */
    Object[] idValues(Object id, SharedSessionContractImplementor session) {
        Object[] values = new Object[layout.idColumnCount()];
        root().getIdentifierMapping().breakDownJdbcValues(id, 0, values, null,
                (index, target, unused, value, selectable) -> target[index] = value, session);
        return values;
    }

    /** Binds the id column values from parameter {@code first}; returns the next parameter index. */
    int bindId(PreparedStatement statement, int first, Object[] idValues, SharedSessionContractImplementor session)
            throws SQLException {
        for (int i = 0; i < layout.idColumnCount(); i++) {
            bind(statement, first + i, i, idValues[i], session);
        }
        return first + layout.idColumnCount();
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        ((ValueBinder<Object>) mappings[column].getJdbcValueBinder()).bind(statement, value, parameter, session);
    }

    /** Reads all rows of a result set. */
    List<VersionRow> readAll(ResultSet rs, SharedSessionContractImplementor session) throws SQLException {
        return readAll(rs, session, null, null);
    }

    /**
     * Reads all rows of a result set whose rows carry extra columns after the usual ones (see
     * {@link VersionSql#window}), adding their values to {@code extraValues}, one array per row.
     */
    List<VersionRow> readAll(ResultSet rs, SharedSessionContractImplementor session, JdbcMapping[] extra,
            List<Object[]> extraValues) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        Map<Long, Transaction> transactions = new HashMap<>();
        TransactionMetadata.Batch metadata = this.transactions.metadataBatch(session);
        int first = mappings.length + 4 + this.transactions.columnCount();
        while (rs.next()) {
            rows.add(read(rs, session, transactions, metadata));
            if (extra != null) {
                Object[] values = new Object[extra.length];
                for (int i = 0; i < extra.length; i++) {
                    values[i] = extra[i].getJdbcValueExtractor().extract(rs, first + i, session);
                }
                extraValues.add(values);
            }
        }
        if (compactPositions.length > 0) {
            resolveCompactValues(rows, session);
        }
        return rows;
    }

    /** Replaces the references in the compact columns of {@code rows} by their values, read in one batch. */
    private void resolveCompactValues(List<VersionRow> rows, SharedSessionContractImplementor session) {
        java.util.Set<String> references = new java.util.LinkedHashSet<>();
        for (VersionRow row : rows) {
            for (int position : compactPositions) {
                if (row.values()[position] != null) {
                    references.add(ValueCodec.hex((byte[]) row.values()[position]));
                }
            }
        }
        Map<String, byte[]> contents = values.read(references, session);
        for (VersionRow row : rows) {
            for (int position : compactPositions) {
                Object reference = row.values()[position];
                if (reference != null) {
                    row.values()[position] = ValueCodec.value(contents.get(ValueCodec.hex((byte[]) reference)),
                            mappings[position].getJdbcJavaType().getJavaTypeClass());
                }
            }
        }
    }

    private VersionRow read(ResultSet rs, SharedSessionContractImplementor session,
            Map<Long, Transaction> transactions, TransactionMetadata.Batch metadata) throws SQLException {
        Object[] values = new Object[mappings.length];
        for (int i = 0; i < mappings.length; i++) {
            values[i] = compact[i] ? rs.getBytes(i + 1) : mappings[i].getJdbcValueExtractor().extract(rs, i + 1, session);
        }
        int next = mappings.length + 1;
        long transactionId = rs.getLong(next);
        long end = rs.getLong(next + 1);
        Long endTransactionId = rs.wasNull() ? null : end;
        Operation operation = Operation.ofCode(rs.getShort(next + 2));
        Transaction transaction = transactions.get(transactionId);
        if (transaction == null) {
            transaction = this.transactions.read(rs, next + 3, transactionId, session, metadata);
            transactions.put(transactionId, transaction);
        }
        return new VersionRow(values, transactionId, endTransactionId, operation, transaction);
    }

    /** Deep copies of the mutable JDBC values of a row, so that writing them back shares nothing. */
    @SuppressWarnings("unchecked")
    Object[] copy(Object[] row) {
        Object[] copy = row.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null) {
                MutabilityPlan<Object> plan = (MutabilityPlan<Object>) mappings[i].getJdbcJavaType().getMutabilityPlan();
                if (plan.isMutable()) {
                    copy[i] = plan.deepCopy(copy[i]);
                }
            }
        }
        return copy;
    }
}
