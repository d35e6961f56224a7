package dev.continuum.hibernate.internal.model;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.service.Service;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Continuum's per-session-factory state, as a Hibernate service of the factory's own service
 * registry: the {@link VersionModel}, handed over once when the factory has started, and what the
 * read path derives from it. Before the factory has started, and when it versions nothing, there
 * is no model.
 */
public final class ContinuumService implements Service {

    private volatile VersionModel model;
    private volatile WritePath writePath;
    private final ConcurrentMap<Class<?>, Object> derived = new ConcurrentHashMap<>();

    /** The service of {@code factory}. */
    public static ContinuumService of(SessionFactoryImplementor factory) {
        return factory.getServiceRegistry().requireService(ContinuumService.class);
    }

    /**
     * Hands over the model once the factory has started.
     *
     * @throws IllegalStateException when a model was handed over already
     */
    public synchronized void start(VersionModel model, WritePath writePath) {
        if (this.model != null) {
            throw new IllegalStateException("Continuum's version model was already built for this session factory");
        }
        this.writePath = writePath;
        this.model = model;
    }

    /** The model, or empty when the factory versions nothing or has not started yet. */
    public Optional<VersionModel> model() {
        return Optional.ofNullable(model);
    }

    /**
     * The write path's entry points that the read path needs (revert tells it of re-created
     * entities, the activity stream of recorded activities).
     */
    public WritePath writePath() {
        return writePath;
    }

    /**
     * A structure derived from the model (the read path's readers, for example), built on first
     * use and kept for the factory's life.
     *
     * @throws IllegalStateException when there is no model
     */
    public <T> T derived(Class<T> type, Function<VersionModel, T> build) {
        VersionModel current = model;
        if (current == null) {
            throw new IllegalStateException("Continuum's version model is not built");
        }
        return type.cast(derived.computeIfAbsent(type, key -> build.apply(current)));
    }

    /** What the read path may ask of the write path, without depending on it. */
    public interface WritePath {

        /**
         * Tells the write path that the entity just inserted under {@code id} re-creates one deleted
         * earlier, so that its deleted version is closed even though its identifier is generated.
         */
        void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id);

        /**
         * Adds an activity to the session's running transaction, written with its history.
         *
         * @throws dev.continuum.VersioningException when the session has no transaction in progress
         */
        void recordActivity(SharedSessionContractImplementor session, ActivityEntry activity);
    }
}
