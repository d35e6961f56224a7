package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;

/** SQL that Continuum writes by hand and that differs between databases. */
public final class SqlSyntax {

    private SqlSyntax() {
    }

    /**
     * A predicate true when {@code left} and {@code right} are equal or both null. Hibernate's
     * {@link Dialect#supportsDistinctFromPredicate()} says whether it can render such a predicate,
     * not how: the MySQL family writes {@code <=>}, others {@code is not distinct from}, and a
     * database without either gets the portable form, which repeats {@code right} (so a
     * parameter there must be bound twice).
     */
    public static String nullSafeEquals(Dialect dialect, String left, String right) {
        if (dialect instanceof MySQLDialect) {
            return left + " <=> " + right;
        }
        if (dialect.supportsDistinctFromPredicate()) {
            return left + " is not distinct from " + right;
        }
        return "(" + left + " = " + right + " or " + left + " is null and " + right + " is null)";
    }

    /** How often {@link #nullSafeEquals} repeats its right side: a parameter there is bound this many times. */
    public static int nullSafeEqualsParameters(Dialect dialect) {
        return dialect instanceof MySQLDialect || dialect.supportsDistinctFromPredicate() ? 1 : 2;
    }
}
