package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EmbeddableMappingType;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Turns the JDBC values of a version row back into the domain value of one model part (an
 * attribute, an identifier, a foreign key): the inverse of how the write path breaks values down.
 * Columns are found by name among the row's columns, so the order of selectables never matters.
 */
sealed interface ModelPartDecoder {

    /** What a many-to-one becomes. */
    enum Mode {
        /** An unmanaged instance of the target carrying only its identifier, for snapshots. */
        SNAPSHOT,
        /** A reference (proxy) of the current session, for writing the live entity. */
        LIVE
    }

    Object assemble(Object[] row, Mode mode, SessionImplementor session);

    /** The decoder of {@code part}, reading the columns at the positions given by name. */
    static ModelPartDecoder of(ModelPart part, Map<String, Integer> positions) {
        if (part instanceof ToOneAttributeMapping toOne) {
            ModelPartDecoder key = of(toOne.getForeignKeyDescriptor().getPart(toOne.getSideNature()), positions);
            boolean byId = toOne.getForeignKeyDescriptor().getTargetPart() instanceof EntityIdentifierMapping;
            return new ToOne(toOne.getAssociatedEntityMappingType().getEntityPersister(), key, byId);
        }
        if (part instanceof BasicValuedModelPart basic) {
            Integer position = basic.isFormula() ? null : positions.get(basic.getSelectionExpression());
            return new Basic(position == null ? -1 : position, basic.getJdbcMapping());
        }
        if (part instanceof EmbeddableValuedModelPart embedded) {
            EmbeddableMappingType type = embedded.getEmbeddableTypeDescriptor();
            if (part instanceof NonAggregatedIdentifierMapping composite && composite.getIdClassEmbeddable() != null) {
                // an @IdClass identifier is an instance of the id class, not of Hibernate's virtual embeddable
                type = composite.getIdClassEmbeddable();
            }
            ModelPartDecoder[] parts = new ModelPartDecoder[type.getNumberOfAttributeMappings()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = of(type.getAttributeMapping(i), positions);
            }
            return new Embedded(type, parts);
        }
        return new Unsupported();
    }

    /** A single column, converted to its domain value. */
    record Basic(int position, JdbcMapping mapping) implements ModelPartDecoder {
        @Override
        public Object assemble(Object[] row, Mode mode, SessionImplementor session) {
            return position < 0 || row[position] == null ? null : mapping.convertToDomainValue(row[position]);
        }
    }

    /** An embeddable, instantiated from its attributes; null when all of them are null, as Hibernate does. */
    record Embedded(EmbeddableMappingType type, ModelPartDecoder[] parts) implements ModelPartDecoder {
        @Override
        public Object assemble(Object[] row, Mode mode, SessionImplementor session) {
            Object[] values = new Object[parts.length];
            boolean allNull = true;
            for (int i = 0; i < parts.length; i++) {
                values[i] = parts[i].assemble(row, mode, session);
                allNull &= values[i] == null;
            }
            return allNull ? null : type.getRepresentationStrategy().getInstantiator().instantiate(() -> values);
        }
    }

    /** A many-to-one (or owning one-to-one) by its foreign key. */
    record ToOne(EntityPersister target, ModelPartDecoder key, boolean byId) implements ModelPartDecoder {
        @Override
        public Object assemble(Object[] row, Mode mode, SessionImplementor session) {
            Object id = key.assemble(row, mode, session);
            if (id == null || !byId) {
                return null;
            }
            if (mode == Mode.LIVE) {
                return session.getReference(target.getEntityName(), id);
            }
            Class<?> type = target.getMappedClass();
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            return target.instantiate(id, session);
        }
    }

    /** A part the read path does not rebuild yet (for example {@code @Any}): always null. */
    record Unsupported() implements ModelPartDecoder {
        @Override
        public Object assemble(Object[] row, Mode mode, SessionImplementor session) {
            return null;
        }
    }
}
