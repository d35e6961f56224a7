package dev.continuum.binding;

import dev.continuum.Version;

/**
 * Gives the instances of a generated typed version class (see {@link dev.continuum.VersionOf})
 * the {@link Version} they delegate their {@code Version<T>} methods to. The Continuum module of
 * the JPA provider binds every such instance it loads; applications neither implement nor call
 * this.
 */
public interface VersionBinding {

    /**
     * The version of the entity of type {@code type} with identifier {@code id} that transaction
     * {@code transactionId} recorded. Implementations may return a version that reads its row only
     * when first used, and may read it together with the other versions they bound and that were
     * not read yet. The version should implement {@link Relations}: the relation accessors of the
     * generated classes read through it.
     *
     * @param <T> the entity type
     * @param type the versioned entity class
     * @param id the identifier
     * @param transactionId the id of the transaction that recorded the version
     * @return the version, never null
     */
    <T> Version<T> versionOf(Class<T> type, Object id, long transactionId);

    /**
     * Implemented by the versions {@link #versionOf} returns, so that the relation accessors of a
     * generated class ({@code getAuthor()}, {@code getTags()}) return what the version's
     * {@link Version#entity()} holds, read through the provider's mapping model rather than by
     * reflection on the entity, which may have no getters.
     */
    interface Relations {

        /**
         * The value of the relation {@code property} in this version's {@link Version#entity()}: the
         * related entities as they were at the version's transaction, or the elements of an element
         * collection.
         *
         * @param property the name of the relation in the entity, such as {@code "author"}
         * @return the related snapshot (null when there was none), or the collection or map
         * @throws dev.continuum.HistoryLookupException if the entity has no property of that name
         */
        Object relation(String property);
    }

    /**
     * Implemented by generated typed version classes, so that the provider module can bind the
     * instances it loads. Not for application code.
     */
    interface Bindable {

        /**
         * Binds this instance: its {@code Version<T>} methods delegate, from now on, to the
         * version {@code binding} gives for its entity, identifier and transaction.
         *
         * @param binding the binding of the persistence context that loaded this instance
         */
        void continuumBind(VersionBinding binding);
    }
}
