package dev.continuum.hibernate;

import dev.continuum.HistoryLookupException;
import dev.continuum.hibernate.internal.compact.ValueCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the value of a {@link dev.continuum.Compact} property from its reference (the SHA-256 a
 * version row holds) on a plain JDBC connection, for scripts and reports that read history with
 * SQL: a keyframe is inflated, a delta's instructions inflated and applied to its keyframe.
 */
public final class CompactValues {

    private CompactValues() {
    }

    /**
     * The bytes of the value {@code reference} (UTF-8 for a String property), or empty when the
     * value table has no such row.
     *
     * @param connection an open connection to the database of the history
     * @param valueTable the value table's name as SQL writes it ({@code <transaction>_value},
     *        qualified or quoted where needed)
     * @param reference the 64 hexadecimal characters of a version row's compact column
     * @throws HistoryLookupException when the value's keyframe is missing
     * @throws SQLException when the database refuses the query
     */
    public static Optional<byte[]> read(Connection connection, String valueTable, String reference)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select v.kind, v.value_length, "
                + "v.value_bytes, b.kind, b.value_length, b.value_bytes from " + valueTable + " v left join "
                + valueTable + " b on b.value_hash = v.base_hash where v.value_hash = ?")) {
            statement.setString(1, reference);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                short kind = rs.getShort(1);
                byte[] base = null;
                if (kind == ValueCodec.DELTA) {
                    byte[] keyframe = rs.getBytes(6);
                    if (keyframe == null) {
                        throw new HistoryLookupException("The keyframe of the compact value " + reference + " is not in "
                                + valueTable + "; it was removed outside the library");
                    }
                    base = ValueCodec.decode(ValueCodec.KEYFRAME, keyframe, null, rs.getInt(5));
                }
                return Optional.of(ValueCodec.decode(kind, rs.getBytes(3), base, rs.getInt(2)));
            }
        }
    }
}
