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
 */
public final class VersionModel {

    private final Map<String, EntityModel> entities;
    private final Map<String, CollectionTable> collections;
    private final Set<String> joinColumnRoles;
    private final TableNames names;
    private final Settings settings;

    VersionModel(Map<String, EntityModel> entities, Map<String, CollectionTable> collections,
            Set<String> joinColumnRoles, TableNames names, Settings settings) {
        this.entities = Map.copyOf(entities);
        this.collections = Map.copyOf(collections);
        this.joinColumnRoles = Set.copyOf(joinColumnRoles);
        this.names = names;
        this.settings = settings;
    }

    /** The versioned entity of this name, or empty. */
    public Optional<EntityModel> entity(String entityName) {
        return Optional.ofNullable(entities.get(entityName));
    }

    /** Every versioned entity (several entities of one hierarchy share version tables). */
    public Collection<EntityModel> entities() {
        return entities.values();
    }

    /** The versioned collection of this role (a many-to-many or element collection), or empty. */
    public Optional<CollectionTable> collection(String role) {
        return role == null ? Optional.empty() : Optional.ofNullable(collections.get(role));
    }

    /** Every versioned collection. */
    public Collection<CollectionTable> collections() {
        return collections.values();
    }

    /**
     * Whether {@code role} is a join-column one-to-many whose changes are versioned: its foreign
     * key in versioned children's rows, or its owner when versioned on collection changes.
     */
    public boolean isVersionedJoinColumn(String role) {
        return role != null && joinColumnRoles.contains(role);
    }

    /** The rendered names of the bookkeeping tables and columns. */
    public TableNames names() {
        return names;
    }

    /** The settings in force. */
    public Settings settings() {
        return settings;
    }
}
