package dev.continuum;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity to record with {@link ActivityStream#record(NewActivity)}: a verb and an object,
 * optionally a target, an explicit actor and small key/value data. Immutable: each method returns
 * a new value.
 *
 * <pre>{@code
 * NewActivity.of("publish", article).target(blog).actor("alice").data("channel", "web")
 * }</pre>
 */
public final class NewActivity {

    /** The longest verb, actor, data key or data value, in characters. */
    public static final int MAX_TEXT_LENGTH = 255;

    private final String verb;
    private final EntityRef object;
    private final EntityRef target;
    private final String actor;
    private final Map<String, String> data;

    private NewActivity(String verb, EntityRef object, EntityRef target, String actor, Map<String, String> data) {
        this.verb = verb;
        this.object = object;
        this.target = target;
        this.actor = actor;
        this.data = data;
    }

    /**
     * An activity about an entity instance.
     *
     * @param verb what was done, 1 to {@link #MAX_TEXT_LENGTH} characters
     * @param object a managed, detached or snapshot instance of a versioned entity
     * @return the activity, without target, actor or data
     * @throws IllegalArgumentException if the verb is blank or too long
     */
    public static NewActivity of(String verb, Object object) {
        return new NewActivity(text("verb", verb, false), EntityRef.of(object), null, null, Map.of());
    }

    /**
     * An activity about the entity of type {@code type} with identifier {@code id}.
     *
     * @param verb what was done, 1 to {@link #MAX_TEXT_LENGTH} characters
     * @param type a versioned entity class
     * @param id the entity's identifier
     * @return the activity, without target, actor or data
     * @throws IllegalArgumentException if the verb is blank or too long
     */
    public static NewActivity of(String verb, Class<?> type, Object id) {
        return new NewActivity(text("verb", verb, false), EntityRef.of(type, id), null, null, Map.of());
    }

    /**
     * This activity with a target entity instance.
     *
     * @param target a managed, detached or snapshot instance of a versioned entity
     * @return a new activity
     */
    public NewActivity target(Object target) {
        return new NewActivity(verb, object, EntityRef.of(target), actor, data);
    }

    /**
     * This activity with the target of type {@code type} with identifier {@code id}.
     *
     * @param type a versioned entity class
     * @param id the entity's identifier
     * @return a new activity
     */
    public NewActivity target(Class<?> type, Object id) {
        return new NewActivity(verb, object, EntityRef.of(type, id), actor, data);
    }

    /**
     * This activity with an explicit actor instead of the transaction's user.
     *
     * @param actor who did it, 1 to {@link #MAX_TEXT_LENGTH} characters
     * @return a new activity
     * @throws IllegalArgumentException if the actor is blank or too long
     */
    public NewActivity actor(String actor) {
        return new NewActivity(verb, object, target, text("actor", actor, false), data);
    }

    /**
     * This activity with one more key/value pair of data (the same key again replaces the value).
     *
     * @param key 1 to {@link #MAX_TEXT_LENGTH} characters
     * @param value at most {@link #MAX_TEXT_LENGTH} characters
     * @return a new activity
     * @throws IllegalArgumentException if the key is blank or a part is too long
     */
    public NewActivity data(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(text("data key", key, false), text("data value of '" + key + "'", value, true));
        return new NewActivity(verb, object, target, actor, Map.copyOf(more));
    }

    /** @return what was done */
    public String verb() {
        return verb;
    }

    /** @return the entity the activity is about */
    public EntityRef object() {
        return object;
    }

    /** @return the target entity, empty when none */
    public Optional<EntityRef> target() {
        return Optional.ofNullable(target);
    }

    /** @return the explicit actor, empty to take the transaction's user */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** @return the data, empty when none */
    public Map<String, String> data() {
        return data;
    }

    private static String text(String what, String value, boolean blankAllowed) {
        Objects.requireNonNull(value, what);
        if (!blankAllowed && value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("The activity's " + what + " '" + value + "' must have "
                    + (blankAllowed ? "at most " : "1 to ") + MAX_TEXT_LENGTH + " characters");
        }
        return value;
    }

    /**
     * An entity named by an instance, or by its type and identifier.
     *
     * @param instance the instance, or null when named by type and identifier
     * @param type the entity class, or null when named by an instance
     * @param id the identifier, or null when named by an instance
     */
    public record EntityRef(Object instance, Class<?> type, Object id) {

        /**
         * Requires either an instance, or a type and an identifier.
         *
         * @throws IllegalArgumentException if both or neither are given
         */
        public EntityRef {
            boolean byInstance = instance != null && type == null && id == null;
            boolean byKey = instance == null && type != null && id != null;
            if (!byInstance && !byKey) {
                throw new IllegalArgumentException("An activity names an entity by an instance, or by its type and "
                        + "identifier; got instance " + instance + ", type " + type + ", id " + id);
            }
        }

        static EntityRef of(Object instance) {
            return new EntityRef(Objects.requireNonNull(instance, "entity"), null, null);
        }

        static EntityRef of(Class<?> type, Object id) {
            return new EntityRef(null, Objects.requireNonNull(type, "type"), Objects.requireNonNull(id, "id"));
        }
    }
}
