package dev.continuum.hibernate.internal.integrity;

import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.java.JavaType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hashes of tamper evidence, all SHA-256, and the canonical bytes they are taken over. A row
 * is hashed as the database hands it back (not as the application bound it), so that the writer,
 * which reads its rows back in its own transaction, and the check, which reads them years later,
 * hash the same bytes: each non-null column as its lower-case name and a text form of its value
 * that does not depend on the JVM's time zone, in the order of the names. Null columns are left
 * out, so that a nullable column added to a table later leaves the hashes of older rows valid.
 */
final class Hashes {

    private static final byte[] ROW = "continuum:row:1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSACTION = "continuum:transaction:1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDENTITY = "continuum:identity:1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIGEST = "continuum:versions:1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEAL = "continuum:seal:1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY = "continuum:key:1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /** One column of a result set that goes into a hash. */
    record Column(int index, String label, int type, String typeName) {
    }

    /**
     * The columns of {@code meta} from {@code first} to {@code last} (1-based, inclusive) but
     * those labelled as in {@code excluded} (lower case), in the order of their labels.
     */
    static List<Column> columns(ResultSetMetaData meta, int first, int last, Set<String> excluded) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (!excluded.contains(label)) {
                columns.add(new Column(i, label, meta.getColumnType(i),
                        String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT)));
            }
        }
        columns.sort(Comparator.comparing(Column::label));
        return columns;
    }

    /** The SHA-256 of the canonical bytes of {@code columns} of the current row. */
    static byte[] content(ResultSet rs, List<Column> columns) throws SQLException {
        MessageDigest digest = sha256();
        for (Column column : columns) {
            String value = text(rs, column);
            if (value != null) {
                put(digest, column.label());
                put(digest, value);
            }
        }
        return digest.digest();
    }

    /** The hash of a version row: its content and the hash of the version it follows (null for none). */
    static byte[] row(byte[] content, byte[] previous) {
        MessageDigest digest = sha256();
        digest.update(ROW);
        digest.update(content);
        if (previous != null) {
            digest.update(previous);
        }
        return digest.digest();
    }

    /** The hash of the who and where of a transaction row, kept apart so that erasing them leaves it checkable. */
    static byte[] identity(ResultSet rs, List<Column> columns) throws SQLException {
        MessageDigest digest = sha256();
        digest.update(IDENTITY);
        digest.update(content(rs, columns));
        return digest.digest();
    }

    /** The hash of a transaction row: its other columns, its identity hash and the digest of its version rows. */
    static byte[] transaction(byte[] content, byte[] identity, byte[] versions) {
        MessageDigest digest = sha256();
        digest.update(TRANSACTION);
        digest.update(content);
        digest.update(identity);
        digest.update(versions);
        return digest.digest();
    }

    /** The digest of the hashes of a transaction's version rows, in whatever order they are given. */
    static byte[] versions(List<byte[]> rowHashes) {
        byte[][] sorted = rowHashes.toArray(new byte[0][]);
        Arrays.sort(sorted, Arrays::compareUnsigned);
        MessageDigest digest = sha256();
        digest.update(DIGEST);
        for (byte[] hash : sorted) {
            digest.update(hash);
        }
        return digest.digest();
    }

    /** A seal's running digest: the one before it, then each transaction id and hash it covers, in id order. */
    static MessageDigest seal(byte[] previous) {
        MessageDigest digest = sha256();
        digest.update(SEAL);
        if (previous != null) {
            digest.update(previous);
        }
        return digest;
    }

    static void sealEntry(MessageDigest seal, long transactionId, byte[] hash) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            seal.update((byte) (transactionId >>> shift));
        }
        seal.update(hash);
    }

    /** The hash of a row key (the identifying columns of a version table), by the text forms of its values' Java types. */
    @SuppressWarnings("unchecked")
    static String key(Object[] values, JdbcMapping[] mappings) {
        MessageDigest digest = sha256();
        digest.update(KEY);
        for (int i = 0; i < values.length; i++) {
            put(digest, values[i] == null ? "\0" : ((JavaType<Object>) mappings[i].getJdbcJavaType()).toString(values[i]));
        }
        return hex(digest.digest());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The bytes of a hexadecimal hash, or null for null or text that is not one. */
    static byte[] bytes(String hex) {
        if (hex == null || hex.length() != IntegrityNames.HEX_LENGTH) {
            return null;
        }
        try {
            return HEX.parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void put(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(bytes);
    }

    /** The text form of one column of the current row, or null. Temporal values in a form free of the JVM's zone. */
    static String text(ResultSet rs, Column column) throws SQLException {
        int i = column.index();
        Object value = switch (column.type()) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(i);
                yield bytes == null ? null : hex(bytes);
            }
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIME -> rs.getObject(i, LocalTime.class);
            case Types.TIME_WITH_TIMEZONE -> {
                OffsetTime time = rs.getObject(i, OffsetTime.class);
                yield time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> instant(rs, i);
            case Types.TIMESTAMP -> column.typeName().contains("tz") || column.typeName().contains("zone")
                    ? instant(rs, i) : rs.getObject(i, LocalDateTime.class);
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal decimal = rs.getBigDecimal(i);
                yield decimal == null ? null : decimal.stripTrailingZeros().toPlainString();
            }
            default -> rs.getString(i);
        };
        return value == null || rs.wasNull() ? null : value.toString();
    }

    private static Object instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime time = rs.getObject(i, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must have", e);
        }
    }
}
