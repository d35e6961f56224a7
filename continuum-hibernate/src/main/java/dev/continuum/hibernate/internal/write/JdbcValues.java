package dev.continuum.hibernate.internal.write;

import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.MutabilityPlan;

/** Operations on a captured row of JDBC values that entity and collection writers share. */
final class JdbcValues {

    private JdbcValues() {
    }

    /** Replaces mutable values (byte arrays, dates, JSON documents) by copies the application cannot change. */
    @SuppressWarnings("unchecked")
    static void copyMutable(Object[] values, MutabilityPlan<?>[] plans) {
        for (int i = 0; i < values.length; i++) {
            if (plans[i] != null && values[i] != null) {
                values[i] = ((MutabilityPlan<Object>) plans[i]).deepCopy(values[i]);
            }
        }
    }

    /** Whether two rows hold equal values in every column, by each column's Java type. */
    @SuppressWarnings("unchecked")
    static boolean same(Object[] a, Object[] b, JdbcMapping[] mappings) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && (a[i] == null || b[i] == null
                    || !((JavaType<Object>) mappings[i].getJdbcJavaType()).areEqual(a[i], b[i]))) {
                return false;
            }
        }
        return true;
    }
}
