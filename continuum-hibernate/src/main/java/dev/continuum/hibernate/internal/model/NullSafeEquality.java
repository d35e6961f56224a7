package dev.continuum.hibernate.internal.model;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;

/**
 * How the closing of a collection row matches a nullable column of its identity (an element's
 * embeddable columns may be null, as may a key column Continuum matches by hand): plain {@code =}
 * never matches null. Chosen once per dialect with {@link #of(Dialect)}.
 */
public enum NullSafeEquality {

    /** SQL's {@code is not distinct from}. */
    DISTINCT_FROM(1) {
        @Override
        public String match(String column, String value) {
            return column + " is not distinct from " + value;
        }
    },

    /** The MySQL family's null-safe operator, {@code <=>}. */
    SPACESHIP(1) {
        @Override
        public String match(String column, String value) {
            return column + " <=> " + value;
        }
    },

    /** Equal, or both null: valid everywhere, but the value is bound twice. */
    PORTABLE(2) {
        @Override
        public String match(String column, String value) {
            return "(" + column + " = " + value + " or " + column + " is null and " + value + " is null)";
        }
    };

    private final int occurrences;

    NullSafeEquality(int occurrences) {
        this.occurrences = occurrences;
    }

    /**
     * How {@code dialect} matches null-safely. Hibernate's {@link Dialect#supportsDistinctFromPredicate()}
     * says whether it can render such a predicate, not how: the MySQL family's translator writes
     * {@code <=>}, and {@code is not distinct from} is no SQL of theirs.
     */
    public static NullSafeEquality of(Dialect dialect) {
        if (dialect instanceof MySQLDialect) {
            return SPACESHIP;
        }
        return dialect.supportsDistinctFromPredicate() ? DISTINCT_FROM : PORTABLE;
    }

    /** The condition that {@code column} holds the value of the SQL expression {@code value}, null included. */
    public abstract String match(String column, String value);

    /** How many times {@link #match} repeats the value expression, so how often its parameters are bound. */
    public int occurrences() {
        return occurrences;
    }
}
