package dev.continuum;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded activity of the activity stream: who ({@code actor}) did what ({@code verb}) to
 * which entity ({@code object}), optionally in or to which other entity ({@code target}), such as
 * "alice published article 12 in blog 3". Object and target each point at the exact version of
 * their entity at the moment the activity was recorded. Read through {@link ActivityStream}.
 *
 * @param transaction the transaction that recorded the activity
 * @param index the position of the activity among those of its transaction, from 0; with the
 *        transaction id it identifies the activity
 * @param verb what was done, for example {@code "publish"}
 * @param actor who did it: given when recording, else the user of the transaction; empty when
 *        none was known or the user was erased
 * @param object the entity the activity is about
 * @param target the entity the activity was done in or to, empty when none was given
 * @param data small key/value data recorded with the activity, empty when none
 */
public record Activity(Transaction transaction, int index, String verb, Optional<String> actor, Reference object,
        Optional<Reference> target, Map<String, String> data) {

    /**
     * Creates an activity, copying the data.
     *
     * @throws NullPointerException if a component is null
     */
    public Activity {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(target, "target");
        data = Map.copyOf(data);
    }

    /**
     * The version of an entity that an activity points at.
     *
     * @param entityName the Hibernate entity name of the entity's hierarchy root
     * @param id the entity's identifier
     * @param transactionId the transaction that recorded the version pointed at: the one current
     *        when the activity was recorded, or the one its own transaction wrote
     * @param version that version, read with the activity; empty when maintenance has removed it
     *        since ({@link HistoryAdmin#prune()} or {@link HistoryAdmin#erase})
     */
    public record Reference(String entityName, Object id, long transactionId, Optional<Version<?>> version) {

        /**
         * Creates a reference.
         *
         * @throws NullPointerException if a component is null
         */
        public Reference {
            Objects.requireNonNull(entityName, "entityName");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "version");
        }
    }
}
