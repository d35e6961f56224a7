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
 *
 * @param persister the entity's persister
 * @param levels the version tables of one change, root level first
 * @param versionedOnCollectionChange whether the entity gets a version when only its owned
 *        collections change
 * @param nativeVersioning whether database triggers write its versions (see {@link NativeVersioning}),
 *        so that the event listeners leave it alone
 */
public record EntityModel(EntityPersister persister, List<EntityTable> levels, boolean versionedOnCollectionChange,
        boolean nativeVersioning) {

    /** Copies the levels, so that the model cannot change. */
    public EntityModel {
        levels = List.copyOf(levels);
    }

    /** The Hibernate entity name. */
    public String entityName() {
        return persister.getEntityName();
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
        List<JdbcMapping> mappings = new ArrayList<>();
        levels.forEach(level -> level.columns().forEach(column -> mappings.add(column.mapping())));
        return mappings.toArray(JdbcMapping[]::new);
    }

    /** The mutability plan of every column of a captured row, null where values are immutable. */
    public MutabilityPlan<?>[] rowMutability() {
        List<MutabilityPlan<?>> plans = new ArrayList<>();
        levels.forEach(level -> level.columns().forEach(column -> plans.add(column.mutability())));
        return plans.toArray(MutabilityPlan<?>[]::new);
    }

    /** The number of columns of a captured row, all levels included. */
    public int rowWidth() {
        return levels.stream().mapToInt(level -> level.columns().size()).sum();
    }

    /** Whether the attribute at state array position {@code position} is versioned (at any level). */
    public boolean isVersionedState(int position) {
        for (EntityTable level : levels) {
            for (int i = 0; i < level.attributes().size(); i++) {
                if (level.statePosition(i) == position) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an inserted row of this type can take the identifier of a row deleted earlier. Ids
     * produced by a generator cannot, so their inserts need no closing of an earlier version.
     */
    public boolean idsCanBeReused() {
        return !(persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping
                && persister.getGenerator() != null && !(persister.getGenerator() instanceof Assigned));
    }
}
