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

    TransactionReader(TableNames names, BasicType<Instant> instantType, BasicType<String> stringType,
            BasicType<Long> idType) {
        this.instantType = instantType;
        this.stringType = stringType;
        this.idType = idType;
        TableNames.TransactionColumns c = names.transactionColumns();
        this.byId = "select t." + c.issuedAt() + ", t." + c.userId() + ", t." + c.remoteAddr() + " from "
                + names.transactionTable() + " t where t." + c.id() + " = ?";
    }

    /** The statement reading one transaction by id, in the columns {@link #read} expects. */
    String byIdSql() {
        return byId;
    }

    /** Reads {@code issued_at, user_id, remote_addr} from column {@code first} on. */
    Transaction read(ResultSet rs, int first, long id, SharedSessionContractImplementor session) throws SQLException {
        Instant issuedAt = instantType.getJdbcValueExtractor().extract(rs, first, session);
        String userId = stringType.getJdbcValueExtractor().extract(rs, first + 1, session);
        String remoteAddress = stringType.getJdbcValueExtractor().extract(rs, first + 2, session);
        return new Transaction(id, issuedAt, Optional.ofNullable(userId), Optional.ofNullable(remoteAddress),
                Map.of());
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
