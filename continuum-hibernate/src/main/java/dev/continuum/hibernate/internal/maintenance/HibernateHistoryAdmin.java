package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.List;
import java.util.Objects;

/** {@link HistoryAdmin} over a Hibernate session factory's version model. */
final class HibernateHistoryAdmin implements HistoryAdmin {

    private final SessionFactoryImplementor factory;

    HibernateHistoryAdmin(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    @Override
    public BaselineResult baseline(Class<?> entityType, int batchSize) {
        Objects.requireNonNull(entityType, "entityType");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("baseline needs a batch size of at least 1, got " + batchSize);
        }
        return new Baseline(factory, model(entityType), hierarchy(entityType), batchSize).run();
    }

    private VersionModel model(Class<?> entityType) {
        return ContinuumService.of(factory).model().orElseThrow(() -> notVersioned(entityType));
    }

    /** The versioned entities of the hierarchy {@code entityType} belongs to. */
    private List<EntityModel> hierarchy(Class<?> entityType) {
        EntityPersister persister = factory.getMappingMetamodel().findEntityDescriptor(entityType);
        if (persister == null) {
            throw notVersioned(entityType);
        }
        String root = persister.getRootEntityName();
        List<EntityModel> entities = model(entityType).entities().stream()
                .filter(entity -> entity.persister().getRootEntityName().equals(root))
                .toList();
        if (entities.isEmpty()) {
            throw notVersioned(entityType);
        }
        return entities;
    }

    private static HistoryLookupException notVersioned(Class<?> entityType) {
        return new HistoryLookupException(entityType.getName() + " is not a versioned entity of this persistence "
                + "unit, so it has no history to baseline; annotate it with @Versioned");
    }
}
