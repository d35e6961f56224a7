package dev.continuum.hibernate.internal.model;

import java.util.Objects;

/**
 * An activity recorded in a running transaction, checked and resolved to its entities, waiting to
 * be written with the transaction's history (the versions it points at are found then).
 *
 * @param verb what was done
 * @param actor who did it, or null for the transaction's user
 * @param object the entity the activity is about
 * @param target the entity it was done in or to, or null
 * @param data the key/value data encoded as the activity table stores it, or null for none
 */
public record ActivityEntry(String verb, String actor, Subject object, Subject target, String data) {

    /** Requires a verb and an object. */
    public ActivityEntry {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(object, "object");
    }

    /**
     * An entity an activity points at.
     *
     * @param entity the model of the entity's concrete type, whose root version table holds its versions
     * @param rootEntityName the name of the root of its hierarchy, as the activity table stores it
     * @param id its identifier
     * @param idText the identifier as the activity table stores it
     */
    public record Subject(EntityModel entity, String rootEntityName, Object id, String idText) {
    }
}
