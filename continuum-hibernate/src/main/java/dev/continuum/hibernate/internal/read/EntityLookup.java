package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Versioned;

import org.hibernate.HibernateException;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks what a caller asks the history of: an entity instance, or a type and an identifier, of a
 * {@code @Versioned} entity; throws a {@link HistoryLookupException} that says what to pass
 * instead.
 */
final class EntityLookup {

    private final SessionImplementor session;
    private final HistoryModel model;

    /** @param model the factory's history model, or null when the factory versions nothing */
    EntityLookup(SessionImplementor session, HistoryModel model) {
        this.session = session;
        this.model = model;
    }

    /** The entity {@code entity} is, by its persister and identifier. */
    @SuppressWarnings("unchecked")
    <T> EntityRef<T> of(T entity) {
        if (entity == null) {
            throw new HistoryLookupException("An entity is needed to look up its history, got null");
        }
        EntityPersister persister;
        try {
            persister = session.getEntityPersister(null, entity);
        } catch (HibernateException e) {
            throw new HistoryLookupException(entity.getClass().getName() + " is not an entity of this persistence "
                    + "unit, so it has no history; pass an instance of a @Versioned entity");
        }
        TableReader table = table(persister);
        Object id = persister.getIdentifier(entity, session);
        if (id == null) {
            throw new HistoryLookupException("This " + name(persister) + " has no identifier yet (it was never "
                    + "persisted), so it has no history; persist it and commit first");
        }
        return new EntityRef<>((Class<T>) persister.getMappedClass(), persister, table, id);
    }

    /** The entity of {@code type} with identifier {@code id}. */
    <T> EntityRef<T> of(Class<T> type, Object id) {
        EntityPersister persister = persister(type);
        TableReader table = table(persister);
        if (id == null) {
            throw new HistoryLookupException("An identifier is needed to look up the history of "
                    + name(persister) + ", got null");
        }
        Class<?> idType = idType(persister);
        if (!idType.isInstance(id)) {
            throw new HistoryLookupException("The identifier of " + name(persister) + " is a "
                    + idType.getSimpleName() + ", but a " + id.getClass().getSimpleName() + " (" + id
                    + ") was given; pass the " + idType.getSimpleName() + " identifier");
        }
        return new EntityRef<>(type, persister, table, id);
    }

    /**
     * The class of the identifiers of {@code persister}'s entities: the {@code @IdClass} for an entity
     * mapped with one (Hibernate's identifier mapping reports its internal virtual-id type there).
     */
    static Class<?> idType(EntityPersister persister) {
        if (persister.getIdentifierMapping() instanceof NonAggregatedIdentifierMapping composite
                && composite.getIdClassEmbeddable() != null) {
            return composite.getIdClassEmbeddable().getMappedJavaType().getJavaTypeClass();
        }
        Class<?> type = persister.getIdentifierMapping().getJavaType().getJavaTypeClass();
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    /** The persister of an entity class. */
    EntityPersister persister(Class<?> type) {
        Objects.requireNonNull(type, "type");
        EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(type);
        if (persister == null) {
            throw new HistoryLookupException(type.getName() + " is not an entity of this persistence unit, so it "
                    + "has no history; pass a @Versioned entity class");
        }
        return persister;
    }

    /** The reader of the versions of a {@code @Versioned} entity. */
    TableReader table(EntityPersister persister) {
        Optional<TableReader> table = model == null ? Optional.empty() : model.table(persister.getEntityName());
        return table.orElseThrow(() -> new HistoryLookupException(name(persister) + " is not @"
                + Versioned.class.getSimpleName() + ", so no history is recorded for it; annotate "
                + persister.getMappedClass().getName() + " with @" + Versioned.class.getName()
                + " to record its changes from then on"));
    }

    /** An entity's name in messages: its JPA name. */
    static String name(EntityPersister persister) {
        return persister.getJpaEntityName() != null ? persister.getJpaEntityName() : persister.getEntityName();
    }
}
