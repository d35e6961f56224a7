package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Captures the versioned state of one entity type as one flat row of JDBC values (every level's
 * columns side by side) and writes it through one {@link EntityVersionWriter} per version table.
 * Everything that does not depend on the row is worked out once when the session factory starts;
 * per change, only the entity's JDBC values are captured, from the event state (no extra SELECT).
 */
final class EntityWriter implements ChangeWriter {

    private final EntityModel model;
    private final List<EntityVersionWriter> tables;
    private final JdbcMapping[] rowMappings;
    private final MutabilityPlan<?>[] rowMutability;
    /** Per level, per versioned attribute: the positions of its JDBC values among the level's columns. */
    private final int[][][] attributeColumns;

    EntityWriter(EntityModel model, TableNames names) {
        this.model = model;
        List<EntityVersionWriter> writers = new ArrayList<>();
        this.attributeColumns = new int[model.levels().size()][][];
        for (int l = 0; l < model.levels().size(); l++) {
            EntityTable level = model.levels().get(l);
            writers.add(new EntityVersionWriter(level, model, names));
            attributeColumns[l] = new int[level.attributes().size()][];
            for (int i = 0; i < level.attributes().size(); i++) {
                attributeColumns[l][i] = level.attributeColumns(i);
            }
        }
        this.tables = List.copyOf(writers);
        this.rowMappings = model.rowMappings();
        this.rowMutability = model.rowMutability();
    }

    @Override
    public List<EntityVersionWriter> tables() {
        return tables;
    }

    EntityPersister persister() {
        return model.persister();
    }

    @Override
    public boolean idsCanBeReused() {
        return model.idsCanBeReused();
    }

    /** Whether any of the given state positions (dirty properties) is versioned. */
    boolean touchesVersionedState(int[] dirtyPositions) {
        for (int position : dirtyPositions) {
            if (model.isVersionedState(position)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDBC values of a version row: id, discriminator, then every versioned column; for a
     * JOINED entity, followed by the columns of each subclass level.
     */
    Object[] capture(Object id, Object entity, Object[] state, SharedSessionContractImplementor session) {
        Object[] values = new Object[rowMappings.length];
        EntityPersister persister = model.persister();
        for (int l = 0; l < attributeColumns.length; l++) {
            EntityTable level = model.levels().get(l);
            int base = level.offset();
            persister.getIdentifierMapping().breakDownJdbcValues(id, 0, values, null,
                    (index, target, unused, value, selectable) -> target[base + index] = value, session);
            if (level.discriminatorPosition() >= 0) {
                values[base + level.discriminatorPosition()] = level.discriminatorValue();
            }
            List<AttributeMapping> attributes = level.attributes();
            for (int i = 0; i < attributes.size(); i++) {
                Object value = state[level.statePosition(i)];
                if (value == LazyPropertyInitializer.UNFETCHED_PROPERTY && entity != null) {
                    value = persister.getPropertyValue(entity, attributes.get(i).getAttributeName());
                }
                attributes.get(i).breakDownJdbcValues(value, 0, values, attributeColumns[l][i],
                        (index, target, positions, jdbcValue, selectable) -> {
                            if (positions[index] >= 0) {
                                target[base + positions[index]] = jdbcValue;
                            }
                        }, session);
            }
        }
        JdbcValues.copyMutable(values, rowMutability);
        return values;
    }

    @Override
    public boolean sameValues(Object[] a, Object[] b) {
        return JdbcValues.same(a, b, rowMappings);
    }
}
