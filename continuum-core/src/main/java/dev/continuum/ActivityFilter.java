package dev.continuum;

import java.util.Objects;
import java.util.Optional;

/**
 * Which activities {@link ActivityStream#read} returns: all, or those of an actor, about an
 * object, with a verb, or any combination of these (all must hold). Immutable: each method
 * returns a new filter.
 *
 * <pre>{@code
 * ActivityFilter.actor("alice").verb("publish")
 * }</pre>
 */
public final class ActivityFilter {

    private static final ActivityFilter ALL = new ActivityFilter(null, null, null, null);

    private final String actor;
    private final String verb;
    private final Class<?> objectType;
    private final Object objectId;

    private ActivityFilter(String actor, String verb, Class<?> objectType, Object objectId) {
        this.actor = actor;
        this.verb = verb;
        this.objectType = objectType;
        this.objectId = objectId;
    }

    /** @return the filter that every activity matches */
    public static ActivityFilter all() {
        return ALL;
    }

    /**
     * The activities of {@code actor}.
     *
     * @param actor the actor
     * @return a filter
     */
    public static ActivityFilter actor(String actor) {
        return ALL.andActor(actor);
    }

    /**
     * The activities with {@code verb}.
     *
     * @param verb the verb
     * @return a filter
     */
    public static ActivityFilter verb(String verb) {
        return ALL.andVerb(verb);
    }

    /**
     * The activities about the entity of type {@code type} (a subclass's activities included)
     * with identifier {@code id}.
     *
     * @param type a versioned entity class
     * @param id the identifier
     * @return a filter
     */
    public static ActivityFilter object(Class<?> type, Object id) {
        return ALL.andObject(type, id);
    }

    /**
     * This filter, restricted to the activities of {@code actor}.
     *
     * @param actor the actor
     * @return a new filter
     */
    public ActivityFilter andActor(String actor) {
        return new ActivityFilter(Objects.requireNonNull(actor, "actor"), verb, objectType, objectId);
    }

    /**
     * This filter, restricted to the activities with {@code verb}.
     *
     * @param verb the verb
     * @return a new filter
     */
    public ActivityFilter andVerb(String verb) {
        return new ActivityFilter(actor, Objects.requireNonNull(verb, "verb"), objectType, objectId);
    }

    /**
     * This filter, restricted to the activities about one entity.
     *
     * @param type a versioned entity class
     * @param id the identifier
     * @return a new filter
     */
    public ActivityFilter andObject(Class<?> type, Object id) {
        return new ActivityFilter(actor, verb, Objects.requireNonNull(type, "type"), Objects.requireNonNull(id, "id"));
    }

    /** @return the actor the activities must have, empty for any */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** @return the verb the activities must have, empty for any */
    public Optional<String> verb() {
        return Optional.ofNullable(verb);
    }

    /** @return the object's entity class, empty for any object */
    public Optional<Class<?>> objectType() {
        return Optional.ofNullable(objectType);
    }

    /** @return the object's identifier, empty for any object */
    public Optional<Object> objectId() {
        return Optional.ofNullable(objectId);
    }
}
