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
    private final String withMetadata;
    private final TransactionMetadata metadata;

    TransactionReader(TableNames names, BasicType<Instant> instantType, BasicType<String> stringType,
            BasicType<Long> idType, TransactionMetadata metadata) {
        this.metadata = metadata;
        this.instantType = instantType;
        this.stringType = stringType;
        this.idType = idType;
        TableNames.TransactionColumns c = names.transactionColumns();
        this.byId = "select t." + c.issuedAt() + ", t." + c.userId() + ", t." + c.remoteAddr() + " from "
                + names.transactionTable() + " t where t." + c.id() + " = ?";
        this.withMetadata = "select t." + c.id() + ", t." + c.issuedAt() + ", t." + c.userId() + ", t."
                + c.remoteAddr() + " from " + names.transactionTable() + " t where t." + c.id() + " in (select m."
                + TransactionExtraTables.TRANSACTION_ID + " from " + metadata.table() + " m where m."
                + TransactionExtraTables.KEY + " = ? and m." + TransactionExtraTables.VALUE + " = ?) order by t."
                + c.id() + " desc";
    }

    /**
     * The statement reading the transactions whose metadata has a key/value pair (its two
     * parameters), newest first: the id, then the columns {@link #read} expects.
     */
    String withMetadataSql() {
        return withMetadata;
    }

    /** A batch of transactions of one read, whose metadata is read together on first use. */
    TransactionMetadata.Batch metadataBatch(SharedSessionContractImplementor session) {
        return metadata.batch(session);
    }

    /** The statement reading one transaction by id, in the columns {@link #read} expects. */
    String byIdSql() {
        return byId;
    }

    /** Reads {@code issued_at, user_id, remote_addr} from column {@code first} on, its metadata read on demand. */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session) throws SQLException {
        return read(rs, first, id, session, metadataBatch(session));
    }

    /** As {@link #read(ResultSet, int, long, SharedSessionContractImplementor)}, its metadata read with {@code batch}. */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session,
            TransactionMetadata.Batch batch) throws SQLException {
        Instant issuedAt = instantType.getJdbcValueExtractor().extract(rs, first, session);
        String userId = stringType.getJdbcValueExtractor().extract(rs, first + 1, session);
        String remoteAddress = stringType.getJdbcValueExtractor().extract(rs, first + 2, session);
        return new Transaction(id, issuedAt, Optional.ofNullable(userId), Optional.ofNullable(remoteAddress),
                batch.of(id));
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
