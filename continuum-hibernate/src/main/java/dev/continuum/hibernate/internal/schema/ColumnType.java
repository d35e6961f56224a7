package dev.continuum.hibernate.internal.schema;

import org.hibernate.boot.Metadata;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.mapping.Column;
import org.hibernate.type.SqlTypes;

import java.math.BigInteger;
import java.sql.Types;
import java.util.Locale;

/**
 * A column's type as a JDBC driver reports it, and whether a column of this type can hold every
 * value of another: a version column may be wider than its live column (a longer varchar, a
 * bigger integer, more decimal digits, an unbounded text), and the same type may be reported under
 * another name (PostgreSQL's {@code bigserial} and {@code int8}); only a type that would truncate
 * or reject values is a mismatch.
 *
 * @param code the {@link Types} code
 * @param name the database's type name
 * @param size the length (characters, bytes) or the precision (digits); 0 when not reported
 * @param digits the scale, or the fractional seconds of a time
 */
record ColumnType(int code, String name, int size, int digits) {

    /** Sizes at or beyond this are unbounded in practice (text, bytea, numeric without precision). */
    private static final int UNBOUNDED = 1000;

    /** The broad kinds of values within which one type can be widened into another. */
    private enum Family { CHARACTER, BINARY, INTEGER, DECIMAL, FLOAT, BOOLEAN, TEMPORAL, OTHER }

    /**
     * The type Hibernate's mapping gives {@code column}, in the terms a driver reports (a timestamp
     * of any flavour as {@link Types#TIMESTAMP}), for comparing Continuum's own columns with the
     * database.
     */
    static ColumnType ofMapping(Column column, Metadata metadata) {
        Dialect dialect = metadata.getDatabase().getDialect();
        int code = column.getSqlTypeCode(metadata);
        Size size = column.getColumnSize(dialect, metadata);
        String name = column.getSqlType(metadata);
        int paren = name.indexOf('(');
        name = (paren < 0 ? name : name.substring(0, paren)).trim();
        if (SqlTypes.isTemporalType(code)) {
            return new ColumnType(Types.TIMESTAMP, name, 0, 0);
        }
        int length = size.getLength() != null ? size.getLength().intValue()
                : size.getPrecision() != null ? size.getPrecision() : 0;
        return new ColumnType(code, name, length, size.getScale() != null ? size.getScale() : 0);
    }

    /**
     * Whether a column of this type, found in the database, can hold the values Continuum writes
     * into a column the mapping types as {@code mapped}; any timestamp holds a timestamp.
     */
    boolean holdsMapped(ColumnType mapped) {
        return mapped.family() == Family.TEMPORAL ? family() == Family.TEMPORAL : holds(mapped);
    }

    /** Whether a column of this type stores every value of a column of type {@code live} unchanged. */
    boolean holds(ColumnType live) {
        Family family = family();
        Family liveFamily = live.family();
        if (sameName(live) && (code == live.code || family == liveFamily)) {
            return switch (family) {
                case CHARACTER, BINARY -> length() >= live.length();
                case DECIMAL -> holdsDecimal(live.integerDigits(), live.digits);
                case TEMPORAL -> digits >= live.digits;
                default -> size == live.size && digits == live.digits || size == 0 || live.size == 0
                        || size >= live.size && digits >= live.digits;
            };
        }
        return switch (family) {
            case CHARACTER, BINARY -> family == liveFamily && !special() && !live.special()
                    && length() >= live.length();
            case INTEGER -> liveFamily == Family.INTEGER && min().compareTo(live.min()) <= 0
                    && max().compareTo(live.max()) >= 0;
            case DECIMAL -> liveFamily == Family.DECIMAL && holdsDecimal(live.integerDigits(), live.digits)
                    || liveFamily == Family.INTEGER && holdsDecimal(live.max().toString().length(), 0);
            case FLOAT -> liveFamily == Family.FLOAT && floatBits() >= live.floatBits();
            case BOOLEAN -> liveFamily == Family.BOOLEAN;
            case TEMPORAL, OTHER -> false;
        };
    }

    /** The type as the driver names it, with its size where the name takes one, for messages. */
    @Override
    public String toString() {
        return switch (family()) {
            case CHARACTER, BINARY -> special() || length() == Long.MAX_VALUE ? name : name + "(" + size + ")";
            case DECIMAL -> size >= UNBOUNDED ? name : name + "(" + size + "," + digits + ")";
            default -> name;
        };
    }

    private boolean sameName(ColumnType other) {
        return name != null && name.equalsIgnoreCase(other.name);
    }

    private String lowerName() {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** A type that shares a character or binary code but holds structured values (uuid, json, enum). */
    private boolean special() {
        String lower = lowerName();
        return lower.contains("uuid") || lower.contains("json") || lower.contains("enum") || lower.contains("xml")
                || lower.equals("set");
    }

    private Family family() {
        return switch (code) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> Family.CHARACTER;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Family.BINARY;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Family.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Family.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Family.FLOAT;
            case Types.BOOLEAN -> Family.BOOLEAN;
            case Types.BIT -> size <= 1 ? Family.BOOLEAN : Family.BINARY;
            case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    Family.TEMPORAL;
            default -> Family.OTHER;
        };
    }

    /** Characters or bytes; unbounded for large objects and unbounded text. */
    private long length() {
        boolean large = switch (code) {
            case Types.CLOB, Types.NCLOB, Types.BLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.LONGVARBINARY ->
                    true;
            default -> false;
        };
        if (large && size <= 0 || size <= 0 && !lowerName().contains("char") && !lowerName().contains("binary")) {
            return Long.MAX_VALUE;
        }
        return size >= Integer.MAX_VALUE / 2 ? Long.MAX_VALUE : size;
    }

    private boolean unsigned() {
        return lowerName().contains("unsigned");
    }

    /** The byte width of an integer type, from its name where the code is shared (MEDIUMINT). */
    private int integerBytes() {
        String lower = lowerName();
        if (lower.startsWith("mediumint")) {
            return 3;
        }
        return switch (code) {
            case Types.TINYINT -> 1;
            case Types.SMALLINT -> 2;
            case Types.INTEGER -> 4;
            default -> 8;
        };
    }

    private BigInteger min() {
        return unsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(integerBytes() * 8 - 1).negate();
    }

    private BigInteger max() {
        int bits = integerBytes() * 8;
        return (unsigned() ? BigInteger.ONE.shiftLeft(bits) : BigInteger.ONE.shiftLeft(bits - 1))
                .subtract(BigInteger.ONE);
    }

    private int integerDigits() {
        return size >= UNBOUNDED ? Integer.MAX_VALUE : size - digits;
    }

    private boolean holdsDecimal(int liveIntegerDigits, int liveScale) {
        if (size >= UNBOUNDED) {
            return true;
        }
        return size - digits >= liveIntegerDigits && digits >= liveScale;
    }

    private int floatBits() {
        return switch (code) {
            case Types.REAL -> 24;
            case Types.FLOAT -> size > 0 && size <= 24 ? 24 : 53;
            default -> 53;
        };
    }
}
