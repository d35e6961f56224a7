package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version tables that hang off one root version table: the root table itself (shared by the
 * entities of a single-table hierarchy, each versioning its own columns of it), the level tables of
 * JOINED subclasses, and the version tables of the hierarchy's versioned collections. Under
 * TABLE_PER_CLASS each concrete class's table is a root of its own.
 */
final class Hierarchy {

    final EntityPersister persister;
    final EntityTable root;
    final List<EntityModel> entities = new ArrayList<>();
    /** The root table's data columns, every entity's together, by name. */
    final Map<String, DataColumn> rootColumns = new LinkedHashMap<>();
    final List<String> rootLiveColumns = new ArrayList<>();
    /** The JOINED subclass level tables, by name. */
    final Map<String, EntityTable> levels = new LinkedHashMap<>();
    final List<CollectionTable> collections = new ArrayList<>();

    private Hierarchy(EntityModel entity) {
        this.persister = entity.persister();
        this.root = entity.root();
    }

    /** The hierarchies of {@code entities}, with the versioned collections their entities own. */
    static List<Hierarchy> of(VersionModel model, Collection<EntityModel> entities) {
        Map<String, Hierarchy> byRoot = new LinkedHashMap<>();
        for (EntityModel entity : entities) {
            Hierarchy hierarchy = byRoot.computeIfAbsent(entity.root().name(), name -> new Hierarchy(entity));
            hierarchy.entities.add(entity);
            entity.root().columns().forEach(column -> hierarchy.rootColumns.putIfAbsent(column.name(), column));
            entity.root().liveColumns().stream().filter(c -> !hierarchy.rootLiveColumns.contains(c))
                    .forEach(hierarchy.rootLiveColumns::add);
            entity.subclassLevels().forEach(level -> hierarchy.levels.putIfAbsent(level.name(), level));
        }
        for (CollectionTable collection : model.collections()) {
            EntityPersister owner = collection.persister().getOwnerEntityPersister();
            for (Hierarchy hierarchy : byRoot.values()) {
                if (owner.getRootEntityName().equals(hierarchy.persister.getRootEntityName())
                        && collection.keyPositions().length == hierarchy.root.idColumnCount()) {
                    hierarchy.collections.add(collection);
                }
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    /** Whether the key is one column, so that the hierarchy can be worked through in key ranges. */
    boolean ranged() {
        return root.idColumnCount() == 1;
    }

    /** The name of the key column {@code index} of the root table. */
    String key(int index) {
        return root.columns().get(index).name();
    }

    /** The names of the owner's key columns in a collection table. */
    static List<String> ownerKey(CollectionTable collection) {
        List<String> names = new ArrayList<>();
        for (int position : collection.keyPositions()) {
            names.add(collection.columns().get(position).name());
        }
        return names;
    }

    /** Every table of the hierarchy that holds version rows of its entities, root first. */
    List<EntityTable> entityTables() {
        List<EntityTable> tables = new ArrayList<>();
        tables.add(root);
        tables.addAll(levels.values());
        return tables;
    }
}
