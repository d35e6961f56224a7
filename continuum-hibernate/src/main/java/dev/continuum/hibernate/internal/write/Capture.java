package dev.continuum.hibernate.internal.write;

import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.MutabilityPlan;

import java.util.List;

/**
 * How the state of one versioned entity type, or the rows of one versioned collection, become
 * captured rows (flat arrays of JDBC values, read from Hibernate's event state or collection
 * snapshot), and the version tables such a row is written to; each table's writer reads its own
 * slice of the row.
 */
abstract sealed class Capture permits EntityCapture, CollectionCapture {

    /**
     * Puts the JDBC value at {@code index} of a model part into the row at the position the part's
     * positions give for it; a position of -1 (a formula, or a column another part already writes)
     * drops the value. Captures nothing, so one instance serves every capture.
     */
    static final ModelPart.JdbcValueBiConsumer<Object[], int[]> AT_POSITIONS =
            (index, row, positions, value, selectable) -> {
                if (positions[index] >= 0) {
                    row[positions[index]] = value;
                }
            };

    private final List<VersionTableWriter> tables;
    private final JdbcMapping[] mappings;
    private final MutabilityPlan<?>[] mutability;

    /**
     * @param tables the writers of the version tables a row goes to, in order
     * @param mappings the JDBC mapping of each column of a row
     * @param mutability the mutability plan of each column of a row, null where its values are immutable
     */
    Capture(List<VersionTableWriter> tables, JdbcMapping[] mappings, MutabilityPlan<?>[] mutability) {
        this.tables = List.copyOf(tables);
        this.mappings = mappings;
        this.mutability = mutability;
    }

    /** The writers of the version tables a captured row goes to, in order (an entity's root level first). */
    final List<VersionTableWriter> tables() {
        return tables;
    }

    /** A new row of this capture's width, all null. */
    final Object[] newRow() {
        return new Object[mappings.length];
    }

    /** Replaces the mutable values of a row (byte arrays, dates, JSON documents) by copies the application cannot change. */
    @SuppressWarnings("unchecked")
    final void copyMutable(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (mutability[i] != null && row[i] != null) {
                row[i] = ((MutabilityPlan<Object>) mutability[i]).deepCopy(row[i]);
            }
        }
    }

    /** Whether two captured rows hold equal values in every column, by each column's Java type. */
    @SuppressWarnings("unchecked")
    final boolean sameValues(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && (a[i] == null || b[i] == null
                    || !((JavaType<Object>) mappings[i].getJdbcJavaType()).areEqual(a[i], b[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an inserted row can take the key of a row deleted earlier, so that its insert must
     * close an open version first. Identifiers produced by a generator cannot.
     */
    abstract boolean idsCanBeReused();
}
