package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.NullSafeEquality;
import dev.continuum.hibernate.internal.model.TransactionIdSource;

import org.hibernate.dialect.DB2Dialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;

/**
 * How this database writes the history of a transaction, chosen once at boot from Hibernate's
 * {@link Dialect}: how the transaction row hands back its id (from the sequence, or from the
 * transaction table's identity column where there are no sequences), whether the transaction row, the
 * closings and small inserts go out as one {@link CombinedStatement}, how a closing matches a
 * nullable column, and whether inserts that read the live row must go out one by one. A database
 * with none of the fast capabilities gets the portable path: {@code select nextval} then the
 * insert, separate closings and inserts, and {@code (c = ? or c is null and ? is null)}.
 *
 * @param transactionId how the transaction row hands back its id
 * @param combinesStatements whether the history goes out as one data-modifying {@code with} statement
 * @param nullSafeEquality how a closing matches a nullable identity column of a collection row
 * @param insertsLiveRowsOneByOne whether inserts whose values read the live row go out unbatched
 */
record WriteStrategy(TransactionRow.IdStyle transactionId, boolean combinesStatements,
        NullSafeEquality nullSafeEquality, boolean insertsLiveRowsOneByOne) {

    /**
     * The strategy for {@code dialect}. Its capabilities answer whether an insert can return the
     * generated id ({@link Dialect#supportsInsertReturning()}), whether a {@code with} clause may
     * hold data-modifying statements ({@link Dialect#supportsNonQueryWithCTE()}) and whether there
     * is a null-safe comparison ({@link Dialect#supportsDistinctFromPredicate()}). How those are
     * spelled is left by Hibernate to each dialect's SQL AST translator, and one behaviour is the
     * database's bulk protocol rather than its SQL, so three dialect checks remain here, each
     * saying why.
     */
    static WriteStrategy of(Dialect dialect) {
        TransactionRow.IdStyle transactionId;
        if (TransactionIdSource.of(dialect) == TransactionIdSource.IDENTITY) {
            transactionId = TransactionRow.IdStyle.GENERATED_KEY;
        } else if (!dialect.supportsInsertReturning()) {
            transactionId = TransactionRow.IdStyle.SELECT_THEN_INSERT;
        } else if (dialect instanceof H2Dialect || dialect instanceof DB2Dialect) {
            // H2's and DB2's translators spell an insert that returns values as a query of its
            // data change delta table; the others append a returning clause
            transactionId = TransactionRow.IdStyle.FINAL_TABLE;
        } else {
            transactionId = TransactionRow.IdStyle.RETURNING;
        }
        // the combined statement's first clause is the insert returning the id
        boolean combines = transactionId == TransactionRow.IdStyle.RETURNING && dialect.supportsNonQueryWithCTE();
        NullSafeEquality nullSafe = NullSafeEquality.of(dialect);
        // MariaDB's bulk execution of a batch (which its driver uses) evaluates a subquery once
        // for the whole batch, a property of the server's protocol that no dialect method tells
        boolean liveRowsOneByOne = dialect instanceof MariaDBDialect;
        return new WriteStrategy(transactionId, combines, nullSafe, liveRowsOneByOne);
    }
}
