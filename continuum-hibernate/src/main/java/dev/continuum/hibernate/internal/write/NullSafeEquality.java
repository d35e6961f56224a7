package dev.continuum.hibernate.internal.write;

/**
 * How the closing of a collection row matches a nullable column of its identity (an element's
 * embeddable columns may be null): plain {@code =} never matches null. Chosen once at boot by
 * {@link WriteStrategy}.
 */
enum NullSafeEquality {

    /** SQL's {@code is not distinct from}. */
    DISTINCT_FROM(1) {
        @Override
        String match(String column, String value) {
            return column + " is not distinct from " + value;
        }
    },

    /** The MySQL family's null-safe operator, {@code <=>}. */
    SPACESHIP(1) {
        @Override
        String match(String column, String value) {
            return column + " <=> " + value;
        }
    },

    /** Equal, or both null: valid everywhere, but the value is bound twice. */
    PORTABLE(2) {
        @Override
        String match(String column, String value) {
            return "(" + column + " = " + value + " or " + column + " is null and " + value + " is null)";
        }
    };

    private final int occurrences;

    NullSafeEquality(int occurrences) {
        this.occurrences = occurrences;
    }

    /** The condition that {@code column} holds the value of the SQL expression {@code value}, null included. */
    abstract String match(String column, String value);

    /** How many times {@link #match} repeats the value expression, so how often its parameters are bound. */
    int occurrences() {
        return occurrences;
    }
}
