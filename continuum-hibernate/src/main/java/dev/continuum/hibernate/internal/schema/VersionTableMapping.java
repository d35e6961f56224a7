package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.internal.model.VersionModelBuilder.CollectionPlan;
import dev.continuum.hibernate.internal.model.VersionModelBuilder.EntityPlan;
import dev.continuum.hibernate.internal.model.ModifiedFlags;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.VersionedEntity;

import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A version table contributed to the mapping, and where each of its data columns comes from.
 *
 * @param subject what it versions, for messages ("entity Article", "collection Article.tags")
 * @param owner the entity or collection name alone, for messages ("Article")
 * @param table the version table in Hibernate's relational model
 * @param sources the live table and the property of each data column, by column name
 */
public record VersionTableMapping(String subject, String owner, Table table, Map<String, Source> sources) {

    /**
     * Where a data column of a version table comes from.
     *
     * @param live the live table holding the column, or null for a modification flag (no live column)
     * @param what the property or role of the column, for messages ("Article.title")
     */
    public record Source(Table live, String what) {
    }

    /** The version tables of the given entities and collections, each once, with the sources of their columns. */
    public static List<VersionTableMapping> of(List<EntityPlan> entities, List<CollectionPlan> collections,
            Settings settings) {
        Map<Table, VersionTableMapping> mappings = new LinkedHashMap<>();
        for (EntityPlan plan : entities) {
            PersistentClass entity = plan.view().entity();
            String name = VersionedEntity.simpleName(entity);
            String root = VersionedEntity.simpleName(entity.getRootClass());
            List<VersionedEntity.Level> levels = plan.view().levels();
            for (int i = 0; i < levels.size(); i++) {
                VersionedEntity.Level level = levels.get(i);
                VersionTableMapping mapping = mappings.computeIfAbsent(plan.tables().get(i),
                        t -> new VersionTableMapping("entity " + root, root, t, new LinkedHashMap<>()));
                for (Column column : level.keyColumns()) {
                    mapping.sources().putIfAbsent(column.getName(), new Source(level.liveTable(), name + " identifier"));
                }
                boolean flagged = ModifiedFlags.enabled(entity, settings);
                for (Property property : level.properties()) {
                    for (Column column : VersionedEntity.columnsOf(property)) {
                        mapping.sources().putIfAbsent(column.getName(),
                                new Source(property.getValue().getTable(), name + "." + property.getName()));
                    }
                    if (flagged) {
                        mapping.sources().putIfAbsent(ModifiedFlags.name(property).getText(),
                                new Source(null, "the modification flag of " + name + "." + property.getName()));
                    }
                }
            }
        }
        for (CollectionPlan plan : collections) {
            if (plan.table() == null) {
                continue;
            }
            Table live = plan.plan().collection().getCollectionTable();
            String description = plan.plan().description();
            VersionTableMapping mapping = mappings.computeIfAbsent(plan.table(),
                    t -> new VersionTableMapping("collection " + description, description, t, new LinkedHashMap<>()));
            List<Column> columns = new ArrayList<>(plan.plan().keyColumns());
            columns.addAll(plan.plan().rowColumns());
            for (Column column : columns) {
                mapping.sources().putIfAbsent(column.getName(), new Source(live, description));
            }
        }
        return new ArrayList<>(mappings.values());
    }
}
