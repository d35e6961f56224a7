package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.internal.model.Attribution;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.type.BasicType;
import org.hibernate.type.spi.TypeConfiguration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The transaction row of a completing transaction: its SQL on this database, which hands its id
 * back, and the binding of when ({@code issued_at}, now), who ({@code user_id}) and from where
 * ({@code remote_addr}), and, under discriminator multi-tenancy, of the tenant ({@code tenant_id},
 * the session's tenant identifier as text; null for a session without one).
 */
final class TransactionRow {

    /** How the id of a new transaction row, taken from the transaction sequence or identity column, comes back. */
    enum IdStyle {
        /** {@code insert ... returning id}: one round trip. */
        RETURNING,
        /** {@code select id from final table (insert ...)}: one round trip. */
        FINAL_TABLE,
        /** {@code select nextval}, then the insert with it: two round trips, valid wherever there are sequences. */
        SELECT_THEN_INSERT,
        /**
         * The insert without the id, which the table's identity column generates, read back as the
         * statement's generated key: one round trip, for databases without sequences.
         */
        GENERATED_KEY
    }

    private final IdStyle style;
    private final String sql;
    private final String nextIdSql;
    private final String deleteSql;
    private final TransactionContextProvider contextProvider;
    private final int userIdLength;
    private final int remoteAddrLength;
    private final BasicType<Instant> instantType;
    private final BasicType<String> stringType;
    /** Whether the table has a tenant column, bound from the session's tenant identifier. */
    private final boolean tenants;

    /** @param contextProvider who made a change when {@link ChangeContext} does not say, or null */
    TransactionRow(IdStyle style, TableNames names, Settings settings, Dialect dialect, TypeConfiguration types,
            TransactionContextProvider contextProvider) {
        this.style = style;
        this.contextProvider = contextProvider;
        this.userIdLength = settings.userIdLength();
        this.remoteAddrLength = settings.remoteAddrLength();
        String sequence = names.transactionSequence();
        TableNames.TransactionColumns c = names.transactionColumns();
        this.tenants = c.tenants();
        List<String> inserted = new ArrayList<>(c.all());
        if (tenants) {
            inserted.add(c.tenantId());
        }
        String columns = " (" + String.join(", ", inserted) + ") values (";
        String parameters = tenants ? ", ?, ?, ?, ?)" : ", ?, ?, ?)";
        if (style == IdStyle.GENERATED_KEY) {
            List<String> bound = inserted.stream().filter(column -> !column.equals(c.id())).toList();
            this.sql = "insert into " + names.transactionTable() + " (" + String.join(", ", bound) + ") values ("
                    + String.join(", ", Collections.nCopies(bound.size(), "?")) + ")";
            this.nextIdSql = null;
        } else if (style == IdStyle.SELECT_THEN_INSERT) {
            this.sql = "insert into " + names.transactionTable() + columns + "?" + parameters;
            this.nextIdSql = dialect.getSequenceSupport().getSequenceNextValString(sequence);
        } else {
            String insert = "insert into " + names.transactionTable() + columns
                    + dialect.getSequenceSupport().getSelectSequenceNextValString(sequence) + parameters;
            this.sql = style == IdStyle.RETURNING ? insert + " returning " + c.id()
                    : "select " + c.id() + " from final table (" + insert + ")";
            this.nextIdSql = null;
        }
        this.deleteSql = "delete from " + names.transactionTable() + " where " + c.id() + " = ?";
        this.instantType = types.getBasicTypeForJavaType(Instant.class);
        this.stringType = types.getBasicTypeForJavaType(String.class);
    }

    /** Removes the row of transaction {@code id} (one left with nothing to describe). */
    void delete(HistoryStatements statements, long id) throws SQLException {
        try (PreparedStatement statement = statements.prepare(deleteSql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }

    /**
     * The insert that returns the new id ({@link IdStyle#RETURNING} only), for a statement that
     * takes the id from it; its parameters are those of {@link #bind}.
     */
    String returningSql() {
        if (style != IdStyle.RETURNING) {
            throw new IllegalStateException("The transaction row is written with " + style + ", not returning its id");
        }
        return sql;
    }

    /** Writes the transaction row; returns its id. */
    long insert(HistoryStatements statements) throws SQLException {
        SharedSessionContractImplementor session = statements.session();
        if (style == IdStyle.SELECT_THEN_INSERT) {
            long id;
            try (PreparedStatement select = statements.prepare(nextIdSql); ResultSet rs = select.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement insert = statements.prepare(sql)) {
                insert.setLong(1, id);
                bind(insert, 2, session);
                insert.executeUpdate();
            }
            return id;
        }
        if (style == IdStyle.GENERATED_KEY) {
            try (PreparedStatement insert = statements.prepareReturningKeys(sql)) {
                bind(insert, 1, session);
                insert.executeUpdate();
                return generatedKey(insert);
            }
        }
        try (PreparedStatement insert = statements.prepare(sql)) {
            bind(insert, 1, session);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The id an insert generated in its identity column.
     *
     * @throws SQLException when the driver hands back no generated key
     */
    static long generatedKey(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("The insert of the transaction row handed back no generated id");
            }
            return keys.getLong(1);
        }
    }

    /**
     * The user of the completing transaction: {@link ChangeContext}'s, else the context
     * provider's, made to fit the column (see {@link Attribution}); null when none is known.
     */
    String userId() {
        String userId = ChangeContext.userId()
                .or(() -> contextProvider == null ? Optional.empty() : contextProvider.userId())
                .orElse(null);
        return Attribution.userId(userId, userIdLength);
    }

    /**
     * Binds {@code issued_at} (now), {@code user_id} and {@code remote_addr}, made to fit their
     * columns (see {@link Attribution}), and the session's tenant where the table has a tenant
     * column; returns the next parameter index.
     */
    int bind(PreparedStatement statement, int first, SharedSessionContractImplementor session) throws SQLException {
        String userId = userId();
        String remoteAddress = ChangeContext.remoteAddress()
                .or(() -> contextProvider == null ? Optional.empty() : contextProvider.remoteAddress())
                .orElse(null);
        instantType.getJdbcValueBinder().bind(statement, Instant.now(), first, session);
        stringType.getJdbcValueBinder().bind(statement, userId, first + 1, session);
        stringType.getJdbcValueBinder().bind(statement, Attribution.remoteAddress(remoteAddress, remoteAddrLength),
                first + 2, session);
        if (!tenants) {
            return first + 3;
        }
        Object tenant = session.getTenantIdentifierValue();
        stringType.getJdbcValueBinder().bind(statement,
                tenant == null ? null : session.getFactory().getTenantIdentifierJavaType().toString(tenant), first + 3,
                session);
        return first + 4;
    }
}
