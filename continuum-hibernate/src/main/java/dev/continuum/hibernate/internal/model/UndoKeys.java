package dev.continuum.hibernate.internal.model;

import java.util.StringJoiner;

/** How the undo table identifies an entity: its root entity name and its identifier's JDBC values as text. */
public final class UndoKeys {

    private UndoKeys() {
    }

    /** The {@code entity_id} of an entity whose identifier has the JDBC values {@code idValues}. */
    public static String entityId(Object[] idValues) {
        StringJoiner key = new StringJoiner(",");
        for (Object value : idValues) {
            key.add(String.valueOf(value));
        }
        return key.toString();
    }
}
