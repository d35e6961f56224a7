package dev.continuum.hibernate;

import dev.continuum.HistoryLookupException;
import dev.continuum.hibernate.internal.compact.ValueChains;
import dev.continuum.hibernate.internal.compact.ValueCodec;
import dev.continuum.hibernate.internal.compact.ValueTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the value of a {@link dev.continuum.Compact} property from its reference (the SHA-256 a
 * version row holds, 32 bytes) on a plain JDBC connection, for scripts and reports that read history
 * with SQL: one statement reads the value's chain from its keyframe up to it; the keyframe is
 * inflated and each delta applied to the value before it.
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
     * @param reference the 32 bytes of a version row's compact column ({@code ResultSet.getBytes})
     * @throws HistoryLookupException when a value the delta is made from is missing, or a stored value is malformed
     * @throws SQLException when the database refuses the query
     */
    public static Optional<byte[]> read(Connection connection, String valueTable, byte[] reference)
            throws SQLException {
        ValueTable table = new ValueTable(valueTable, null);
        ValueChains chains = new ValueChains(valueTable);
        try (PreparedStatement statement = connection.prepareStatement(table.readSql(1))) {
            statement.setBytes(1, reference);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    chains.add(rs, 1);
                }
            }
        }
        String hex = ValueCodec.hex(reference);
        if (!chains.has(hex)) {
            return Optional.empty();
        }
        try {
            return Optional.of(chains.decode(List.of(hex)).get(hex));
        } catch (IllegalStateException e) {
            throw new HistoryLookupException(e.getMessage());
        }
    }
}
