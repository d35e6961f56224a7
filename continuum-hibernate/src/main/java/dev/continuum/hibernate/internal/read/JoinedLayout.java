package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The versions of a JOINED hierarchy: the root's version table left-joined with the version table
 * of every subclass level, on key and transaction id (the write path records each level of a
 * version with the same transaction). A row is of the deepest subclass whose levels all joined.
 *
 * @param table the root's version table
 * @param from the root's version table with the level joins
 * @param columns the root's columns, then each level's key column and own columns
 * @param rowTypes the entity types of the rows
 * @param idColumnCount the number of identifier columns, which come first
 */
record JoinedLayout(String table, String from, SelectedColumns columns, RowTypes rowTypes, int idColumnCount)
        implements TableLayout {

    /** @param entities the entities of the hierarchy, the root first */
    static JoinedLayout of(TableNames names, List<EntityModel> entities) {
        EntityModel first = entities.get(0);
        SelectedColumns.Builder builder = new SelectedColumns.Builder();
        Map<String, Integer> rootPositions = builder.addRootColumns(entities);
        Levels levels = new Levels(names, builder, rootPositions.keySet());
        entities.forEach(entity -> entity.subclassLevels().forEach(levels::join));
        SelectedColumns columns = builder.build();

        RowTypes.Builder types = new RowTypes.Builder(first.persister().getRootEntityDescriptor().getEntityPersister(),
                first.root().discriminatorPosition());
        for (EntityModel entity : entities) {
            EntityPersister persister = entity.persister();
            Map<String, Integer> base = TableLayout.withIdentifier(persister, rootPositions);
            // a level's attributes read its own columns, even where the root table has one of the same name
            Map<AttributeMapping, Map<String, Integer>> byAttribute = new IdentityHashMap<>();
            Map<String, Integer> own = new HashMap<>(base);
            for (EntityTable level : entity.subclassLevels()) {
                Map<String, Integer> inLevel = new HashMap<>(base);
                inLevel.putAll(levels.positions.get(level.name()));
                level.attributes().forEach(attribute -> byAttribute.put(attribute, inLevel));
                own.putAll(levels.positions.get(level.name()));
            }
            EntityDecoder decoder = new EntityDecoder(persister, TableLayout.attributes(entity), base,
                    attribute -> byAttribute.getOrDefault(attribute, base), columns.mappings());
            types.add(decoder, own, TableLayout.discriminatorValue(persister));
            List<EntityTable> ownLevels = entity.subclassLevels();
            if (!ownLevels.isEmpty()) {
                types.addLevels(decoder, ownLevels.stream().mapToInt(level -> levels.keys.get(level.name())).toArray(),
                        levels.keyExpressions.get(ownLevels.get(ownLevels.size() - 1).name()));
            }
        }
        return new JoinedLayout(first.root().name(), first.root().name() + " v" + levels.joins, columns, types.build(),
                first.root().idColumnCount());
    }

    /** The level tables joined so far: each once, whichever subclasses share it. */
    private static final class Levels {

        private final TableNames names;
        private final SelectedColumns.Builder columns;
        /** Column names already selected: a level's column of the same name is selected qualified. */
        private final Set<String> taken;
        private final StringBuilder joins = new StringBuilder();
        /** The position of each level's first key column, which tells whether a row has the level. */
        private final Map<String, Integer> keys = new HashMap<>();
        private final Map<String, String> keyExpressions = new HashMap<>();
        /** The positions of each level's own columns, by name: sibling levels may repeat a name. */
        private final Map<String, Map<String, Integer>> positions = new HashMap<>();

        Levels(TableNames names, SelectedColumns.Builder columns, Set<String> rootColumns) {
            this.names = names;
            this.columns = columns;
            this.taken = new HashSet<>(rootColumns);
        }

        void join(EntityTable level) {
            if (keys.containsKey(level.name())) {
                return;
            }
            String alias = "l" + (keys.size() + 1);
            StringJoiner on = new StringJoiner(" and ", " left join " + level.name() + " " + alias + " on ", "");
            for (int i = 0; i < level.idColumnCount(); i++) {
                on.add(alias + "." + level.columnNames().get(i) + " = v." + columns.name(i));
            }
            String tx = names.transactionId();
            String operation = names.operationType();
            on.add(alias + "." + tx + " = v." + tx);
            // a level deleted while the entity lives on (it became another subclass) is not part of the version
            on.add("(" + alias + "." + operation + " <> " + Operation.DELETE.code() + " or v." + operation + " = "
                    + Operation.DELETE.code() + ")");
            joins.append(on);
            String key = alias + "." + level.columnNames().get(0);
            keys.put(level.name(), columns.add(key, key, level.jdbcMapping(0)));
            keyExpressions.put(level.name(), key);
            Map<String, Integer> own = new HashMap<>();
            for (int i = level.idColumnCount(); i < level.columnNames().size(); i++) {
                String name = level.columnNames().get(i);
                String qualified = alias + "." + name;
                own.put(name, columns.add(taken.add(name) ? name : qualified, qualified, level.jdbcMapping(i),
                        level.columns().get(i).compact()));
            }
            positions.put(level.name(), own);
        }
    }
}
