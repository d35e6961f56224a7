package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.EntityModel;

import org.hibernate.metamodel.mapping.JdbcMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data columns a read of a version table selects, in order: their names (a JOINED level's
 * column qualified by its alias where the root table has one of the same name), their select
 * expressions and their JDBC mappings. A column's position here is its position in
 * {@link VersionRow#values()}.
 *
 * @param names the column names, the identifier's first
 * @param expressions the select expression of each column
 * @param mappings the JDBC mapping of each column (of the value, for a column of a compact property)
 * @param compact per column, whether it holds references of compact values
 */
record SelectedColumns(List<String> names, List<String> expressions, JdbcMapping[] mappings, boolean[] compact) {

    int width() {
        return mappings.length;
    }

    /** The select expression of a column, or empty when no column has that name. */
    Optional<String> expression(String name) {
        int index = names.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(expressions.get(index));
    }

    /** Collects the columns of a layout; positions are handed out in the order columns are added. */
    static final class Builder {

        private final List<String> names = new ArrayList<>();
        private final List<String> expressions = new ArrayList<>();
        private final List<JdbcMapping> mappings = new ArrayList<>();
        private final List<Boolean> compact = new ArrayList<>();

        /** Adds a column; returns its position. */
        int add(String name, String expression, JdbcMapping mapping) {
            return add(name, expression, mapping, false);
        }

        /** Adds a column, which holds references of compact values when {@code compactValues}; returns its position. */
        int add(String name, String expression, JdbcMapping mapping, boolean compactValues) {
            names.add(name);
            expressions.add(expression);
            mappings.add(mapping);
            compact.add(compactValues);
            return mappings.size() - 1;
        }

        /**
         * Adds the columns of the root version tables of {@code entities}, each name once (the
         * entities of a single-table hierarchy share a table, the concrete classes of a union
         * share their inherited columns), and returns their positions by name.
         */
        Map<String, Integer> addRootColumns(List<EntityModel> entities) {
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (EntityModel entity : entities) {
                List<String> columns = entity.root().columnNames();
                for (int i = 0; i < columns.size(); i++) {
                    String name = columns.get(i);
                    if (!positions.containsKey(name)) {
                        positions.put(name, add(name, "v." + name, entity.root().jdbcMapping(i),
                                entity.root().columns().get(i).compact()));
                    }
                }
            }
            return positions;
        }

        int size() {
            return mappings.size();
        }

        String name(int position) {
            return names.get(position);
        }

        SelectedColumns build() {
            boolean[] flags = new boolean[compact.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = compact.get(i);
            }
            return new SelectedColumns(List.copyOf(names), List.copyOf(expressions),
                    mappings.toArray(JdbcMapping[]::new), flags);
        }
    }
}
