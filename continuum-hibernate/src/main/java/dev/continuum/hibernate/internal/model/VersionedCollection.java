package dev.continuum.hibernate.internal.model;

import dev.continuum.ConfigurationException;

import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.IdentifierCollection;
import org.hibernate.mapping.IndexedCollection;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.PrimaryKey;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Value;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Boot-time view of one collection owned by a versioned entity: a many-to-many (or one-to-many
 * through a join table) or an element collection, whose rows are versioned in
 * {@code <collection_table>_version}; or a one-to-many owned through a join column, whose foreign
 * key is versioned in the child's version rows.
 *
 * @param collection the collection's boot mapping
 * @param versionTableName the name of its version table; null for a join-column one-to-many
 * @param keyColumns the collection table's key columns (the owner's foreign key)
 * @param rowColumns the index (list position or map key, when in the collection table) and element columns
 * @param primaryKeyColumns the live collection table's primary key columns, or empty when it has none (a bag)
 */
public record VersionedCollection(Collection collection, String versionTableName, List<Column> keyColumns,
        List<Column> rowColumns, List<Column> primaryKeyColumns) {

    /**
     * The versioning view of {@code collection}, or null when its rows are not versioned: its owner
     * is not versioned, the property is excluded, or the other side owns the association.
     *
     * @throws ConfigurationException for a collection kind that cannot be versioned
     */
    public static VersionedCollection of(Collection collection, Settings settings) {
        PersistentClass owner = collection.getOwner();
        if (owner == null || VersionedEntity.annotation(owner) == null || collection.isInverse()) {
            return null;
        }
        String property = propertyName(collection);
        if (VersionedEntity.isExcluded(owner, property)) {
            return null;
        }
        List<Column> key = VersionedEntity.columns(collection.getKey().getSelectables());
        if (!collection.isOneToMany() && collection.getKey().isCascadeDeleteEnabled()) {
            throw new ConfigurationException(VersionedEntity.simpleName(owner) + "." + property + " is @OnDelete(action "
                    + "= CASCADE): the database deletes its rows by itself when their "
                    + VersionedEntity.simpleName(owner) + " is deleted, unseen by Hibernate, so their history would "
                    + "keep them open forever. Remove @OnDelete and let Hibernate delete the rows, so that each removal "
                    + "is recorded, or mark the collection @NotVersioned");
        }
        if (collection.isOneToMany()) {
            return new VersionedCollection(collection, null, key, List.of(), List.of());
        }
        if (collection instanceof IdentifierCollection) {
            throw new ConfigurationException(VersionedEntity.simpleName(owner) + "." + property + " is a collection with "
                    + "a surrogate row id (@CollectionId), which Continuum does not version; map it as a Set or List, "
                    + "or mark it @NotVersioned");
        }
        List<Column> rows = new ArrayList<>();
        if (collection instanceof IndexedCollection indexed && indexInCollectionTable(indexed)) {
            rows.addAll(VersionedEntity.columns(indexed.getIndex().getSelectables()));
        }
        rows.addAll(VersionedEntity.columns(collection.getElement().getSelectables()));
        Set<String> names = new LinkedHashSet<>();
        key.forEach(c -> names.add(c.getName()));
        rows.forEach(c -> names.add(c.getName()));
        List<Column> primaryKey = new ArrayList<>();
        PrimaryKey livePrimaryKey = collection.getCollectionTable().getPrimaryKey();
        if (livePrimaryKey != null) {
            for (Column column : livePrimaryKey.getColumns()) {
                if (!names.contains(column.getName())) {
                    primaryKey.clear();
                    break;
                }
                primaryKey.add(column);
            }
        }
        String table = collection.getCollectionTable().getName() + settings.tableSuffix();
        return new VersionedCollection(collection, table, key, rows, primaryKey);
    }

    /** Whether a list's or map's index is a column of the collection table (not of the target's table). */
    public static boolean indexInCollectionTable(IndexedCollection indexed) {
        Value index = indexed.getIndex();
        return index != null && index.getTable() == indexed.getCollectionTable()
                && !VersionedEntity.columns(index.getSelectables()).isEmpty();
    }

    public static String propertyName(Collection collection) {
        String path = collection.getRole().substring(collection.getOwnerEntityName().length() + 1);
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** Whether this is a one-to-many whose foreign key lives in the child's table (no version table of its own). */
    public boolean isJoinColumnOneToMany() {
        return collection.isOneToMany();
    }

    /** For a join-column one-to-many: the child entity and its subclasses. */
    public List<PersistentClass> childEntities() {
        PersistentClass child = ((OneToMany) collection.getElement()).getAssociatedClass();
        List<PersistentClass> entities = new ArrayList<>();
        entities.add(child);
        entities.addAll(child.getSubclassClosure().stream().filter(c -> c != child).toList());
        return entities;
    }

    /** "Owner.property", for messages. */
    public String description() {
        return VersionedEntity.simpleName(collection.getOwner()) + "." + propertyName(collection);
    }
}
