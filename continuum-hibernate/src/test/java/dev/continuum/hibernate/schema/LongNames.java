package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Entities whose table names are close to the identifier limits of PostgreSQL (63) and MariaDB (64). */
final class LongNames {

    /** 58 characters: fits, but its version table name (66) does not. */
    static final String TABLE = "measurement_of_the_quarterly_regional_inventory_adjustment";

    private LongNames() {
    }

    @Entity
    @Table(name = TABLE)
    @Versioned
    public static class Overflowing {
        @Id
        public Long id;
        public String label;
    }

    /** The same table, with a version table named to fit. */
    @Entity
    @Table(name = TABLE)
    @Versioned(table = "inventory_adjustment_history")
    public static class Renamed {
        @Id
        public Long id;
        public String label;
    }

    /** A version table name of exactly 60 characters: fits, while the index names derived from it would not. */
    @Entity
    @Table(name = "quarterly_regional_inventory_adjustment_measureme")
    @Versioned(table = "quarterly_regional_inventory_adjustment_measurement_versions")
    public static class Derived {
        @Id
        public Long id;
        public String label;
    }
}
