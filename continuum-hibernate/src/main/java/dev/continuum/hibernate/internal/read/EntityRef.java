package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The entity whose history a call reads: its type, its persister, the reader of its version table
 * and its identifier, checked by {@link EntityLookup}.
 *
 * @param type the entity class asked for
 * @param persister its persister
 * @param table the reader of its versions
 * @param id the identifier
 * @param <T> the entity type
 */
record EntityRef<T>(Class<T> type, EntityPersister persister, TableReader table, Object id) {

    /** The JDBC values of the identifier. */
    Object[] idValues(SharedSessionContractImplementor session) {
        return table.idValues(id, session);
    }

    /** The entity's name in messages. */
    String name() {
        return EntityLookup.name(persister);
    }
}
