package dev.continuum.hibernate.internal.model;

import dev.continuum.ConfigurationException;
import dev.continuum.NotVersioned;
import dev.continuum.Versioned;

import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.JoinedSubclass;
import org.hibernate.mapping.OneToOne;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.ToOne;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.mapping.UnionSubclass;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Boot-time view of one versioned entity: which of its properties are versioned and how its
 * version tables are named and laid out ({@code rootVersionTableName} is the version table of the
 * hierarchy's root, as {@code @Versioned(table)} and the suffix name it; {@code levels} the version
 * tables a change of this entity writes to, root level first). Validates the {@link Versioned} annotation against the mapping, so a
 * misconfiguration fails the boot with a message naming the entity, the property and the fix.
 */
public record VersionedEntity(PersistentClass entity, List<Property> versionedProperties, String rootVersionTableName,
        List<Level> levels) {

    /**
     * The versioning view of {@code entity}, or {@code null} when neither it nor a superclass entity
     * carries {@link Versioned}.
     */
    public static VersionedEntity of(PersistentClass entity, Settings settings) {
        Versioned annotation = annotation(entity);
        if (annotation == null) {
            return null;
        }
        String name = simpleName(entity);
        PersistentClass root = entity.getRootClass();
        if (root != entity && annotation(root) == null) {
            throw new ConfigurationException(name + " is @Versioned but its root entity " + simpleName(root)
                    + " is not; put @Versioned on " + simpleName(root)
                    + " (the version tables of a hierarchy are laid out from its root)");
        }
        checkNoDatabaseCascade(entity);
        Set<String> excluded = excludedNames(entity);
        List<Property> properties = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        entity.getIdentifier().getSelectables().forEach(s -> columns.add(s.getText()));
        for (Property property : closure(entity)) {
            if (excluded.contains(property.getName()) || isNotVersionedAnnotated(entity, property)
                    || property == entity.getVersion() || !hasOwnColumns(property)) {
                continue;
            }
            properties.add(property);
        }
        String table = annotation(root).table().isBlank()
                ? root.getTable().getName() + settings.tableSuffix()
                : annotation(root).table();
        return new VersionedEntity(entity, List.copyOf(properties), table, levels(entity, properties, table, settings));
    }

    /**
     * Refuses a to-one with {@code @OnDelete(action = CASCADE)}: the database deletes this entity's
     * rows when the referenced row goes, without Hibernate (or Continuum) seeing it, so its history
     * would keep an open version, saying it still exists, forever.
     */
    private static void checkNoDatabaseCascade(PersistentClass entity) {
        for (Property property : entity.getPropertyClosure()) {
            if (property.getValue() instanceof ToOne toOne && toOne.getOnDeleteAction() == OnDeleteAction.CASCADE) {
                throw new ConfigurationException(simpleName(entity) + "." + property.getName() + " is @OnDelete(action "
                        + "= CASCADE): the database deletes " + simpleName(entity) + " rows by itself when their "
                        + property.getName() + " is deleted, unseen by Hibernate, so their history would keep an open "
                        + "version forever. Remove @OnDelete and let Hibernate delete them (cascade = "
                        + "CascadeType.REMOVE or orphanRemoval on the other side), so that each deletion is recorded");
            }
        }
    }

    /**
     * The version tables one change of {@code entity} writes to, root level first. A single-table
     * hierarchy (secondary tables included) writes one row into the root's version table; a JOINED
     * hierarchy one row into the version table of each level from the root down to the entity,
     * each with the key columns of its level; a TABLE_PER_CLASS entity one row into the version
     * table of its own table, holding every column.
     */
    private static List<Level> levels(PersistentClass entity, List<Property> properties, String rootVersionTable,
            Settings settings) {
        PersistentClass root = entity.getRootClass();
        if (isUnion(entity)) {
            String table = entity == root ? rootVersionTable : ownTableName(entity, settings);
            List<Column> key = columns(entity.getIdentifier().getSelectables());
            return List.of(new Level(table, entity.getTable(), key, false, properties));
        }
        List<PersistentClass> chain = new ArrayList<>();
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Level> levels = new ArrayList<>();
        Map<Table, Integer> levelOfTable = new HashMap<>();
        List<List<Property>> propertiesOfLevel = new ArrayList<>();
        for (PersistentClass c : chain) {
            int level;
            if (c == root || !(c instanceof JoinedSubclass)) {
                level = 0;
                if (levels.isEmpty()) {
                    levels.add(null);
                    propertiesOfLevel.add(new ArrayList<>());
                }
            } else {
                level = levels.size();
                levels.add(null);
                propertiesOfLevel.add(new ArrayList<>());
            }
            levelOfTable.put(c.getTable(), level);
            for (Join join : c.getJoins()) {
                levelOfTable.put(join.getTable(), level);
            }
        }
        for (Property property : properties) {
            Integer level = levelOfTable.get(property.getValue().getTable());
            propertiesOfLevel.get(level == null ? 0 : level).add(property);
        }
        int index = 0;
        for (PersistentClass c : chain) {
            if (c == root) {
                levels.set(0, new Level(rootVersionTable, root.getTable(), columns(root.getIdentifier().getSelectables()),
                        root.getDiscriminator() != null, List.copyOf(propertiesOfLevel.get(0))));
            } else if (c instanceof JoinedSubclass joined) {
                index++;
                levels.set(index, new Level(ownTableName(c, settings), c.getTable(),
                        columns(joined.getKey().getSelectables()), false, List.copyOf(propertiesOfLevel.get(index))));
            }
        }
        return List.copyOf(levels);
    }

    /** Whether {@code entity} belongs to a TABLE_PER_CLASS hierarchy. */
    public static boolean isUnion(PersistentClass entity) {
        return entity instanceof UnionSubclass || hasSubclass(entity.getRootClass(), UnionSubclass.class);
    }

    /** The version table name of a JOINED or TABLE_PER_CLASS level: its own {@code @Versioned(table)}, else its table's. */
    private static String ownTableName(PersistentClass entity, Settings settings) {
        Class<?> type = entity.getMappedClass();
        if (type != null && type.isAnnotationPresent(Versioned.class)
                && !type.getAnnotation(Versioned.class).table().isBlank()) {
            return type.getAnnotation(Versioned.class).table();
        }
        return entity.getTable().getName() + settings.tableSuffix();
    }

    /** The physical columns among {@code selectables} (formulas left out), in order. */
    public static List<Column> columns(List<Selectable> selectables) {
        List<Column> columns = new ArrayList<>();
        for (Selectable selectable : selectables) {
            if (selectable instanceof Column column) {
                columns.add(column);
            }
        }
        return columns;
    }

    /**
     * One version table written by a change of the entity.
     *
     * @param versionTableName the version table's name (unquoted text)
     * @param liveTable the live table it shadows (a secondary table's columns go to its main table's level)
     * @param keyColumns the live key columns of this level, in the order of the identifier's columns
     * @param discriminator whether the level holds the hierarchy's discriminator column
     * @param properties the versioned properties whose columns live at this level
     */
    public record Level(String versionTableName, Table liveTable, List<Column> keyColumns, boolean discriminator,
            List<Property> properties) {

        /** Names of this level's versioned properties. */
        public Set<String> propertyNames() {
            Set<String> names = new LinkedHashSet<>();
            properties.forEach(p -> names.add(p.getName()));
            return names;
        }
    }

    /** Checks that every name in {@code @Versioned(exclude)} is a property of the entity. */
    public static void checkExcludes(PersistentClass entity) {
        Set<String> known = new TreeSet<>();
        for (Property property : closure(entity)) {
            known.add(property.getName());
        }
        if (entity.getIdentifierProperty() != null) {
            known.add(entity.getIdentifierProperty().getName());
        }
        for (String name : excludedNames(entity)) {
            if (!known.contains(name)) {
                String suggestion = closest(name, known);
                throw new ConfigurationException(simpleName(entity) + " is @Versioned(exclude = \"" + name
                        + "\") but " + simpleName(entity) + " has no persistent property '" + name + "'"
                        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                        + " Its properties are " + known + ".");
            }
            if (entity.getIdentifierProperty() != null && entity.getIdentifierProperty().getName().equals(name)) {
                throw new ConfigurationException(simpleName(entity) + " is @Versioned(exclude = \"" + name
                        + "\") but '" + name + "' is its identifier, which every version row needs; "
                        + "remove it from exclude");
            }
        }
    }

    /** The name of the version table of the hierarchy's root (of the entity's own table under TABLE_PER_CLASS). */
    public String versionTableName() {
        return levels.get(0).versionTableName();
    }

    /** Names of the versioned properties. */
    public Set<String> versionedPropertyNames() {
        Set<String> names = new LinkedHashSet<>();
        versionedProperties.forEach(p -> names.add(p.getName()));
        return names;
    }

    /** Physical columns of the versioned properties (formulas left out), in mapping order. */
    public static List<Column> columnsOf(Property property) {
        return columns(property.getValue().getSelectables());
    }

    public static Versioned annotation(PersistentClass entity) {
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            Class<?> type = c.getMappedClass();
            if (type != null && type.isAnnotationPresent(Versioned.class)) {
                return type.getAnnotation(Versioned.class);
            }
        }
        return null;
    }

    public static String simpleName(PersistentClass entity) {
        String name = entity.getJpaEntityName();
        return name != null ? name : entity.getEntityName();
    }

    private static boolean hasOwnColumns(Property property) {
        if (property.getValue() instanceof Collection || property.getValue() instanceof OneToOne) {
            return false;
        }
        return !columnsOf(property).isEmpty();
    }

    private static List<Property> closure(PersistentClass entity) {
        List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
        return properties;
    }

    /** Whether a property of the entity is left out of versioning by {@code exclude} or {@code @NotVersioned}. */
    public static boolean isExcluded(PersistentClass entity, String propertyName) {
        if (excludedNames(entity).contains(propertyName)) {
            return true;
        }
        for (Property property : closure(entity)) {
            if (property.getName().equals(propertyName)) {
                return isNotVersionedAnnotated(entity, property);
            }
        }
        return false;
    }

    private static Set<String> excludedNames(PersistentClass entity) {
        Set<String> names = new LinkedHashSet<>();
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            Class<?> type = c.getMappedClass();
            if (type != null && type.isAnnotationPresent(Versioned.class)) {
                names.addAll(Arrays.asList(type.getAnnotation(Versioned.class).exclude()));
            }
        }
        return names;
    }

    private static boolean hasSubclass(PersistentClass entity, Class<?> kind) {
        return entity.getSubclasses().stream().anyMatch(kind::isInstance);
    }

    private static boolean isNotVersionedAnnotated(PersistentClass entity, Property property) {
        return isNotVersionedAnnotated(entity.getMappedClass(), property.getName());
    }

    /**
     * Whether the field or getter of the property {@code name} of {@code type} (or of a
     * superclass) carries {@link NotVersioned}.
     */
    public static boolean isNotVersionedAnnotated(Class<?> type, String name) {
        String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && field.isAnnotationPresent(NotVersioned.class)) {
                    return true;
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.getParameterCount() == 0
                        && (method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized))
                        && method.isAnnotationPresent(NotVersioned.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The known name closest to {@code name} by edit distance, or null when none is close. */
    public static String closest(String name, java.util.Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> distance(name.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT))))
                .filter(candidate -> distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))
                        <= Math.max(2, name.length() / 3))
                .orElse(null);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
