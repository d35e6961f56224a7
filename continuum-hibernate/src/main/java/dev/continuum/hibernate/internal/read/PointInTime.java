package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The moment a point-in-time read looks at: right after a transaction committed, or right after
 * the last transaction issued at or before an instant. A statement compares it twice (a version
 * is valid when recorded at or before it and not superseded by then), so it binds twice.
 */
sealed interface PointInTime {

    /** The SQL expression of the transaction, with one parameter. */
    String transactionSql(TableNames names);

    /** Binds the parameter of {@link #transactionSql}. */
    void bindOnce(PreparedStatement statement, int parameter, TransactionReader transactions,
            SharedSessionContractImplementor session) throws SQLException;

    /** Binds both comparisons from parameter {@code first}; returns the next parameter index. */
    default int bind(PreparedStatement statement, int first, TransactionReader transactions,
            SharedSessionContractImplementor session) throws SQLException {
        bindOnce(statement, first, transactions, session);
        bindOnce(statement, first + 1, transactions, session);
        return first + 2;
    }

    /** @param transactionId the transaction */
    record AtTransaction(long transactionId) implements PointInTime {

        @Override
        public String transactionSql(TableNames names) {
            return "?";
        }

        @Override
        public void bindOnce(PreparedStatement statement, int parameter, TransactionReader transactions,
                SharedSessionContractImplementor session) throws SQLException {
            statement.setLong(parameter, transactionId);
        }
    }

    /** @param instant the instant, compared with the transactions' {@code issued_at} */
    record AtInstant(Instant instant) implements PointInTime {

        /** The last transaction issued at or before the instant. */
        @Override
        public String transactionSql(TableNames names) {
            TableNames.TransactionColumns c = names.transactionColumns();
            return "(select max(x." + c.id() + ") from " + names.transactionTable() + " x where x." + c.issuedAt()
                    + " <= ?)";
        }

        @Override
        public void bindOnce(PreparedStatement statement, int parameter, TransactionReader transactions,
                SharedSessionContractImplementor session) throws SQLException {
            transactions.bindInstant(statement, parameter, instant, session);
        }
    }
}
