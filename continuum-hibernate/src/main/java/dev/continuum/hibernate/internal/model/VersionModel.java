package dev.continuum.hibernate.internal.model;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Continuum knows about the version tables of one session factory: each versioned
 * entity with its version tables, each versioned collection with its table, the join-column
 * one-to-manys whose changes version their children or owner, and the names of the bookkeeping
 * tables and columns. Immutable; built once when the factory starts (see
 * {@link VersionModelBuilder}) and held by the {@link ContinuumService}. The write path, the read
 * path and the schema check all read it.
 *
 * @param entitiesByName the versioned entities, by Hibernate entity name
 * @param collectionsByRole the versioned collections (many-to-many, element collections), by role
 * @param joinColumnRoles the join-column one-to-manys whose changes are versioned: their foreign
 *        key in versioned children's rows, or their owner when versioned on collection changes
 * @param names the rendered names of the bookkeeping tables and columns
 * @param settings the settings in force
 */
public record VersionModel(Map<String, EntityModel> entitiesByName, Map<String, CollectionTable> collectionsByRole,
        Set<String> joinColumnRoles, TableNames names, Settings settings) {

    /** Copies the maps, so that the model cannot change. */
    public VersionModel {
        entitiesByName = Map.copyOf(entitiesByName);
        collectionsByRole = Map.copyOf(collectionsByRole);
        joinColumnRoles = Set.copyOf(joinColumnRoles);
    }

    /** The versioned entity of this name, or empty. */
    public Optional<EntityModel> entity(String entityName) {
        return Optional.ofNullable(entitiesByName.get(entityName));
    }

    /** Every versioned entity (several entities of one hierarchy share version tables). */
    public Collection<EntityModel> entities() {
        return entitiesByName.values();
    }

    /** The versioned collection of this role, or empty. */
    public Optional<CollectionTable> collection(String role) {
        return role == null ? Optional.empty() : Optional.ofNullable(collectionsByRole.get(role));
    }

    /** Every versioned collection. */
    public Collection<CollectionTable> collections() {
        return collectionsByRole.values();
    }

    /** Whether {@code role} is a join-column one-to-many whose changes are versioned. */
    public boolean isVersionedJoinColumn(String role) {
        return role != null && joinColumnRoles.contains(role);
    }

    /** Whether a versioned entity has a compact property ({@link dev.continuum.Compact}), which needs the value table. */
    public boolean hasCompactProperties() {
        return entitiesByName.values().stream()
                .anyMatch(entity -> entity.levels().stream().anyMatch(EntityTable::hasCompactColumns));
    }
}
