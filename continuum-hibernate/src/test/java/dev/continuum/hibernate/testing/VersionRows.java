package dev.continuum.hibernate.testing;

import java.util.Map;

/** Reading the rows of version tables that {@link Db#rows} returns. */
public final class VersionRows {

    private VersionRows() {
    }

    /** The operation code of a version row: 0 insert, 1 update, 2 delete. */
    public static int operation(Map<String, Object> row) {
        return ((Number) row.get("operation_type")).intValue();
    }

    /** A numeric column value as a {@code Long} (drivers return Integer, Long or BigDecimal), or null. */
    public static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
