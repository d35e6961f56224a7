package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;

/**
 * Where the id of a new transaction row comes from, chosen once per dialect with
 * {@link #of(Dialect)}, so that the schema contributor (which maps the transaction table and
 * its sequence), the writers and the baseline agree. Either source hands out an id at the moment
 * the transaction row is written (before completion), never hands the same one out twice, and is
 * not held until commit, so ids increase with the moment each transaction records its history.
 */
public enum TransactionIdSource {

    /** A database sequence (the transaction sequence setting names it). */
    SEQUENCE,

    /**
     * The transaction table's identity column ({@code auto_increment} in the MySQL family),
     * for databases without sequences: the row is inserted without its id, which comes back as
     * the statement's generated key.
     */
    IDENTITY;

    /** The source on {@code dialect}: its sequences where it has them, its identity column otherwise. */
    public static TransactionIdSource of(Dialect dialect) {
        return dialect.getSequenceSupport().supportsSequences() ? SEQUENCE : IDENTITY;
    }
}
