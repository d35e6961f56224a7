package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;

import java.util.List;

/**
 * A snapshot whose relations are read as of a transaction: the snapshot of a version, or a related
 * snapshot one relation read made.
 *
 * @param decoder the decoder of its row
 * @param table the reader of its version table
 * @param snapshot the snapshot
 * @param id its identifier
 * @param row the JDBC values of its version row
 * @param at the transaction its relations are read at
 * @param transaction the transaction named in messages: the version's own, or {@code at}
 */
record RelationOwner(EntityDecoder decoder, TableReader table, Object snapshot, Object id, Object[] row, long at,
        long transaction) {

    /** The JDBC values of its identifier, as related rows hold them. */
    Object[] key(SharedSessionContractImplementor session) {
        return table.idValues(id, session);
    }

    /** Sets the relation {@code attribute} of the snapshot. */
    void set(AttributeMapping attribute, Object value) {
        decoder.persister().setValue(snapshot, attribute.getStateArrayPosition(), value);
    }

    /** The earliest transaction of {@code owners}: the lower bound of the rows their relations need. */
    static long earliest(List<RelationOwner> owners) {
        return owners.stream().mapToLong(RelationOwner::at).min().orElse(0);
    }

    /** The latest transaction of {@code owners}: the upper bound of the rows their relations need. */
    static long latest(List<RelationOwner> owners) {
        return owners.stream().mapToLong(RelationOwner::at).max().orElse(0);
    }
}
