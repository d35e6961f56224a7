package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.List;

/**
 * Captures the versioned state of one entity type as one flat row of JDBC values (every level's
 * columns side by side, as {@link EntityModel} lays them out), from the state of Hibernate's
 * events (no extra SELECT), and holds the writer of each of its version tables. Everything that
 * does not depend on the row is worked out once when the session factory starts.
 */
final class EntityCapture extends Capture {

    private final EntityModel model;
    private final EntityPersister persister;
    private final EntityTable[] levels;
    /** Per level: the positions in the row of the identifier's JDBC values. */
    private final int[][] idPositions;
    /** Per level, per versioned attribute: the positions in the row of its JDBC values, -1 for those dropped. */
    private final int[][][] attributePositions;
    /** Per position of the entity's state array: whether that attribute is versioned. */
    private final boolean[] versionedState;
    private final OwnerLock ownerLock;

    EntityCapture(EntityModel model, TableNames names) {
        super(model.levels().stream().map(level -> VersionTableWriter.of(level, names)).toList(),
                model.rowMappings(), model.rowMutability());
        this.model = model;
        this.persister = model.persister();
        this.levels = model.levels().toArray(EntityTable[]::new);
        this.ownerLock = new OwnerLock(levels[0], persister.getFactory().getJdbcServices().getDialect());
        this.versionedState = new boolean[persister.getNumberOfAttributeMappings()];
        for (int i = 0; i < versionedState.length; i++) {
            versionedState[i] = model.isVersionedState(i);
        }
        this.idPositions = new int[levels.length][];
        this.attributePositions = new int[levels.length][][];
        for (int l = 0; l < levels.length; l++) {
            EntityTable level = levels[l];
            idPositions[l] = new int[level.idColumnCount()];
            for (int i = 0; i < idPositions[l].length; i++) {
                idPositions[l][i] = level.offset() + i;
            }
            attributePositions[l] = new int[level.attributes().size()][];
            for (int i = 0; i < level.attributes().size(); i++) {
                int[] positions = level.attributeColumns(i);
                for (int j = 0; j < positions.length; j++) {
                    positions[j] = positions[j] < 0 ? -1 : level.offset() + positions[j];
                }
                attributePositions[l][i] = positions;
            }
        }
    }

    @Override
    boolean idsCanBeReused() {
        return model.idsCanBeReused();
    }

    /** The lock of the live rows of entities of this type whose version no event of their own wrote. */
    OwnerLock ownerLock() {
        return ownerLock;
    }

    /** Whether the entity gets a version when only its owned collections change. */
    boolean versionedOnCollectionChange() {
        return model.versionedOnCollectionChange();
    }

    /** Whether any of the given state positions (dirty properties) is versioned. */
    boolean touchesVersionedState(int[] dirtyPositions) {
        for (int position : dirtyPositions) {
            if (position < versionedState.length && versionedState[position]) {
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
        Object[] values = newRow();
        for (int l = 0; l < levels.length; l++) {
            EntityTable level = levels[l];
            persister.getIdentifierMapping().breakDownJdbcValues(id, 0, values, idPositions[l],
                    AT_POSITIONS, session);
            if (level.discriminatorPosition() >= 0) {
                values[level.offset() + level.discriminatorPosition()] = level.discriminatorValue();
            }
            List<AttributeMapping> attributes = level.attributes();
            for (int i = 0; i < attributes.size(); i++) {
                Object value = state[level.statePosition(i)];
                if (value == LazyPropertyInitializer.UNFETCHED_PROPERTY && entity != null) {
                    value = persister.getPropertyValue(entity, attributes.get(i).getAttributeName());
                }
                attributes.get(i).breakDownJdbcValues(value, 0, values, attributePositions[l][i],
                        AT_POSITIONS, session);
            }
        }
        copyMutable(values);
        return values;
    }
}
