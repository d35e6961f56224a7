package dev.continuum.hibernate.internal.model;

import org.hibernate.generator.Assigned;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * One versioned entity: the version tables a change of it writes to (root level first; several
 * for a JOINED subclass), laid out side by side in one captured row, and what the write path needs
 * to know about its state and identifier. Immutable; built once per session factory.
 */
public final class EntityModel {

    private final EntityPersister persister;
    private final List<EntityTable> levels;
    private final JdbcMapping[] rowMappings;
    private final MutabilityPlan<?>[] rowMutability;
    private final boolean[] versionedState;
    private final boolean generatedId;
    private final boolean versionedOnCollectionChange;

    EntityModel(EntityPersister persister, List<EntityTable> levels, boolean versionedOnCollectionChange) {
        this.persister = persister;
        this.levels = List.copyOf(levels);
        this.versionedOnCollectionChange = versionedOnCollectionChange;
        List<JdbcMapping> mappings = new ArrayList<>();
        List<MutabilityPlan<?>> plans = new ArrayList<>();
        this.versionedState = new boolean[persister.getNumberOfAttributeMappings()];
        for (EntityTable level : levels) {
            for (DataColumn column : level.columns()) {
                mappings.add(column.mapping());
                plans.add(column.mutability());
            }
            for (int i = 0; i < level.attributes().size(); i++) {
                versionedState[level.statePosition(i)] = true;
            }
        }
        this.rowMappings = mappings.toArray(JdbcMapping[]::new);
        this.rowMutability = plans.toArray(MutabilityPlan<?>[]::new);
        this.generatedId = persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping
                && persister.getGenerator() != null && !(persister.getGenerator() instanceof Assigned);
    }

    /** The entity's persister. */
    public EntityPersister persister() {
        return persister;
    }

    /** The Hibernate entity name. */
    public String entityName() {
        return persister.getEntityName();
    }

    /** The version tables of one change, root level first. */
    public List<EntityTable> levels() {
        return levels;
    }

    /** The version table of the root level (the entity's own table under TABLE_PER_CLASS). */
    public EntityTable root() {
        return levels.get(0);
    }

    /** The version tables of a JOINED entity's subclass levels, from the root's child down; else empty. */
    public List<EntityTable> subclassLevels() {
        return levels.subList(1, levels.size());
    }

    /** The JDBC mapping of every column of a captured row, all levels in order. */
    public JdbcMapping[] rowMappings() {
        return rowMappings.clone();
    }

    /** The number of columns of a captured row, all levels included. */
    public int rowWidth() {
        return rowMappings.length;
    }

    /** The mutability plan of every column of a captured row, null where values are immutable. */
    public MutabilityPlan<?>[] rowMutability() {
        return rowMutability.clone();
    }

    /** Whether the attribute at state array position {@code position} is versioned. */
    public boolean isVersionedState(int position) {
        return position < versionedState.length && versionedState[position];
    }

    /**
     * Whether an inserted row of this type can take the identifier of a row deleted earlier. Ids
     * produced by a generator cannot, so their inserts need no closing of an earlier version.
     */
    public boolean idsCanBeReused() {
        return !generatedId;
    }

    /** Whether the entity gets a version when only its owned collections change. */
    public boolean versionedOnCollectionChange() {
        return versionedOnCollectionChange;
    }
}
