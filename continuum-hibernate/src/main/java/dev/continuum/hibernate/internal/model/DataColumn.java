package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.type.descriptor.java.MutabilityPlan;

/**
 * One data column of a version table: a copy of a live column, written with the SQL Hibernate
 * itself writes the live column with.
 *
 * @param name the column name as it appears in SQL
 * @param table the live table that holds the column, as it appears in SQL (for a JOINED subclass
 *        level's key, the root table whose key it joins)
 * @param mapping the JDBC mapping of its values (binder, extractor, Java type)
 * @param writeExpression the SQL that writes a value: {@code ?}, a {@code @ColumnTransformer}
 *        write expression, or the JDBC type's wrapping of either (JSON, XML, arrays on some dialects)
 * @param nullable whether the live column accepts null
 * @param mutability the mutability plan of its values, or null when they are immutable
 * @param compact whether the column holds the reference of a compact value ({@link dev.continuum.Compact}): its
 *        values are Strings or byte[]s in a captured row and when read, but the column holds their SHA-256
 */
public record DataColumn(String name, String table, JdbcMapping mapping, String writeExpression, boolean nullable,
        MutabilityPlan<?> mutability, boolean compact) {

    /** This column holding references of compact values, written with a plain parameter. */
    DataColumn asCompact() {
        return new DataColumn(name, table, mapping, "?", nullable, mutability, true);
    }

    /** Whether {@link #writeExpression()} takes a JDBC parameter (a constant expression takes none). */
    public boolean parameterized() {
        return writeExpression.indexOf('?') >= 0;
    }

    /** The data column copying {@code selectable}, named {@code name}. */
    static DataColumn of(String name, SelectableMapping selectable, JdbcMapping mapping, Dialect dialect) {
        String custom = selectable.getWriteExpression();
        Size size = new Size(selectable.getPrecision(), selectable.getScale(), selectable.getLength());
        String expression = mapping.getJdbcType().wrapWriteExpression(custom == null ? "?" : custom, size, dialect);
        MutabilityPlan<?> plan = mapping.getJdbcJavaType().getMutabilityPlan();
        return new DataColumn(name, selectable.getContainingTableExpression(), mapping, expression, selectable.isNullable(),
                plan.isMutable() ? plan : null, false);
    }
}
