package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.EntityTable;

import org.hibernate.type.descriptor.java.JavaType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The modification flags of one entity version table (see
 * {@link dev.continuum.hibernate.internal.model.ModifiedFlags}): their columns, and their values
 * for a version row. A flag is true when its property's value differs from the state before the
 * transaction: on insert, when the value is not null; on update and delete, when it differs from
 * the state the transaction started from (a plain delete changes nothing, so its flags are false).
 * Where that state is unknown (an update Hibernate gave no earlier state for, or an entity that
 * took the identifier of another subclass), every flag is true. Several changes merged into one
 * version compare the final state with the first, so a property set and set back is not flagged.
 */
final class ModifiedFlagValues {

    /** A table without flags. */
    static final ModifiedFlagValues NONE = new ModifiedFlagValues(List.of(), new int[0][], null);

    private final List<String> columns;
    /** Per flag, the positions in a captured row of its property's columns. */
    private final int[][] positions;
    private final JavaType<?>[] types;

    private ModifiedFlagValues(List<String> columns, int[][] positions, JavaType<?>[] types) {
        this.columns = columns;
        this.positions = positions;
        this.types = types;
    }

    /** The flags of {@code table}, or {@link #NONE}. */
    static ModifiedFlagValues of(EntityTable table) {
        if (!table.hasFlags()) {
            return NONE;
        }
        int[][] positions = new int[table.flagColumns().size()][];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.attributePositions().get(i).stream().filter(p -> p >= 0)
                    .mapToInt(p -> table.offset() + p).toArray();
        }
        JavaType<?>[] types = new JavaType<?>[table.offset() + table.columns().size()];
        for (int i = 0; i < table.columns().size(); i++) {
            types[table.offset() + i] = table.jdbcMapping(i).getJdbcJavaType();
        }
        return new ModifiedFlagValues(table.flagColumns(), positions, types);
    }

    /** The flag columns, in the order {@link #bind} binds them. */
    List<String> columns() {
        return columns;
    }

    /** Binds the flags of {@code row} from parameter {@code first} on; returns the next parameter index. */
    int bind(PreparedStatement statement, int first, TableRows.Row row) throws SQLException {
        int parameter = first;
        for (int[] flag : positions) {
            statement.setBoolean(parameter++, modified(flag, row));
        }
        return parameter;
    }

    @SuppressWarnings("unchecked")
    private boolean modified(int[] flag, TableRows.Row row) {
        Object[] values = row.values();
        Object[] initial = row.initial();
        for (int position : flag) {
            if (row.operation() == Operation.INSERT) {
                if (values[position] != null) {
                    return true;
                }
            } else if (initial == null) {
                return true;
            } else if (values[position] != initial[position] && (values[position] == null || initial[position] == null
                    || !((JavaType<Object>) types[position]).areEqual(values[position], initial[position]))) {
                return true;
            }
        }
        return false;
    }
}
