package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What erasure does to the activity stream: erasing an entity deletes the activities about it and
 * clears it as the target of others; erasing a user clears the actor of the user's activities.
 */
final class Activities {

    private Activities() {
    }

    /** Deletes the activities about one entity and clears it where it is a target; returns the rows changed. */
    @SuppressWarnings("unchecked")
    static long eraseEntity(Connection connection, SessionFactoryImplementor factory, VersionModel model,
            EntityPersister persister, Object id) throws SQLException {
        if (!(persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping basic)) {
            return 0; // activities point only at entities with a one-column identifier
        }
        String idText = ((JavaType<Object>) basic.getJavaType()).toString(id);
        String table = table(factory, model);
        long changed;
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where "
                + TransactionExtraTables.OBJECT_ENTITY + " = ? and " + TransactionExtraTables.OBJECT_ID + " = ?")) {
            delete.setString(1, persister.getRootEntityName());
            delete.setString(2, idText);
            changed = delete.executeUpdate();
        }
        try (PreparedStatement clear = connection.prepareStatement("update " + table + " set "
                + TransactionExtraTables.TARGET_ENTITY + " = null, " + TransactionExtraTables.TARGET_ID + " = null, "
                + TransactionExtraTables.TARGET_TRANSACTION_ID + " = null where "
                + TransactionExtraTables.TARGET_ENTITY + " = ? and " + TransactionExtraTables.TARGET_ID + " = ?")) {
            clear.setString(1, persister.getRootEntityName());
            clear.setString(2, idText);
            changed += clear.executeUpdate();
        }
        return changed;
    }

    /** Clears the actor of the activities of {@code userId}; returns their number. */
    static long eraseActor(Connection connection, SessionFactoryImplementor factory, VersionModel model,
            String userId) throws SQLException {
        try (PreparedStatement clear = connection.prepareStatement("update " + table(factory, model) + " set "
                + TransactionExtraTables.ACTOR + " = null where " + TransactionExtraTables.ACTOR + " = ?")) {
            clear.setString(1, userId);
            return clear.executeUpdate();
        }
    }

    private static String table(SessionFactoryImplementor factory, VersionModel model) {
        return TransactionExtraTables.rendered(factory, model.settings(), TransactionExtraTables.ACTIVITY_SUFFIX);
    }
}
