package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The moment a point-in-time read looks at: right after a transaction committed, or right after
 * the last transaction issued at or before an instant. A statement compares it twice (a version
 * is valid when recorded at or before it and not superseded by then), so it binds twice. The
 * relations of what it finds are read as of that same transaction, so a statement that does not
 * know its id (an instant) also selects it, once, after the columns of its versions.
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

    /**
     * What a statement selects after the columns of its versions to learn the transaction's id
     * (its parameters come before all others): nothing when the id is given.
     */
    String selectedSql(TableNames names);

    /** The number of parameters of {@link #selectedSql}. */
    int selectedParameterCount();

    /** Binds the parameters of {@link #selectedSql} from {@code first}; returns the next parameter index. */
    default int bindSelected(PreparedStatement statement, int first, TransactionReader transactions,
            SharedSessionContractImplementor session) throws SQLException {
        for (int i = 0; i < selectedParameterCount(); i++) {
            bindOnce(statement, first + i, transactions, session);
        }
        return first + selectedParameterCount();
    }

    /**
     * The transaction's id, given the value the statement selected by {@link #selectedSql} (null
     * when it returned no row or selected nothing).
     */
    long transactionId(Long selected);

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

        @Override
        public String selectedSql(TableNames names) {
            return "";
        }

        @Override
        public int selectedParameterCount() {
            return 0;
        }

        @Override
        public long transactionId(Long selected) {
            return transactionId;
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

        @Override
        public String selectedSql(TableNames names) {
            return ", " + transactionSql(names);
        }

        @Override
        public int selectedParameterCount() {
            return 1;
        }

        @Override
        public long transactionId(Long selected) {
            // without a row nothing is read as of it; no transaction before the instant has id 0
            return selected == null ? 0 : selected;
        }
    }
}
