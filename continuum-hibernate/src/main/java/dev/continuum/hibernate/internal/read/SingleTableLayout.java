package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.EntityModel;

import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;

import java.util.List;
import java.util.Map;

/**
 * The versions of an entity, or of a SINGLE_TABLE hierarchy, in one version table: every row has
 * every column, and the discriminator (when mapped) tells the types apart.
 *
 * @param table the version table
 * @param columns the columns of the table
 * @param rowTypes the entity types of its rows
 * @param idColumnCount the number of identifier columns, which come first
 */
record SingleTableLayout(String table, SelectedColumns columns, RowTypes rowTypes, int idColumnCount)
        implements TableLayout {

    /** @param entities the entities of the table, the root first */
    static SingleTableLayout of(List<EntityModel> entities) {
        EntityModel first = entities.get(0);
        SelectedColumns.Builder builder = new SelectedColumns.Builder();
        Map<String, Integer> positions = builder.addRootColumns(entities);
        SelectedColumns columns = builder.build();
        // a TABLE_PER_CLASS table holds its own entity only; other tables, their hierarchy from the root
        EntityPersister root = first.persister() instanceof UnionSubclassEntityPersister ? first.persister()
                : first.persister().getRootEntityDescriptor().getEntityPersister();
        RowTypes.Builder types = new RowTypes.Builder(root, first.root().discriminatorPosition());
        for (EntityModel entity : entities) {
            EntityPersister persister = entity.persister();
            Map<String, Integer> own = TableLayout.withIdentifier(persister, positions);
            types.add(new EntityDecoder(persister, TableLayout.attributes(entity), own, columns.mappings()), own,
                    TableLayout.discriminatorValue(persister));
        }
        return new SingleTableLayout(first.root().name(), columns, types.build(), first.root().idColumnCount());
    }

    @Override
    public String from() {
        return table + " v";
    }
}
