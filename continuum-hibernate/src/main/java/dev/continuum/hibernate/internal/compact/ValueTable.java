package dev.continuum.hibernate.internal.compact;

import dev.continuum.ContinuumException;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The value table of compact properties, {@code <transaction>_value}: one row per distinct value,
 * keyed by its reference (see {@link ValueCodec}): {@code value_hash}, {@code kind} (0 keyframe, 1
 * delta), {@code base_hash} (the keyframe of a delta, else null), {@code value_length} (bytes of the
 * value) and {@code value_bytes} (the deflate stream). Its SQL, built once per session factory, and
 * the batch read of values by reference: one statement for any number of references (up to 512),
 * which returns each row asked for and the keyframe of each delta among them (a keyframe asked
 * for and also the base of a delta asked for comes twice).
 */
public final class ValueTable {

    /** The suffix of the table's name after the transaction table's. */
    /** The columns, in table order. */
    public static final List<String> COLUMNS = List.of("value_hash", "kind", "base_hash", "value_length", "value_bytes");
    private static final int CHUNK = 512;

    private final String name;
    private final String insertSql;

    /**
     * @param name the rendered name of the table
     * @param dialect the dialect, which tells how an insert skips a value a concurrent transaction
     *        stored first (PostgreSQL {@code on conflict do nothing}, MySQL and MariaDB {@code insert ignore};
     *        elsewhere such a race fails the later transaction, which can be retried)
     */
    public ValueTable(String name, Dialect dialect) {
        this.name = name;
        String columns = " (" + String.join(", ", COLUMNS) + ") values (?, ?, ?, ?, ?)";
        // Hibernate's Dialect has no capability for "insert unless the key exists", so the two spellings are chosen here
        if (dialect instanceof PostgreSQLDialect) {
            this.insertSql = "insert into " + name + columns + " on conflict do nothing";
        } else if (dialect instanceof MySQLDialect) {
            this.insertSql = "insert ignore into " + name + columns;
        } else {
            this.insertSql = "insert into " + name + columns;
        }
    }

    /** The rendered name of the table. */
    public String name() {
        return name;
    }

    /** Inserts one row: reference, kind, base reference, length, bytes. */
    public String insertSql() {
        return insertSql;
    }

    /**
     * For {@code count} references: each stored one's reference, kind, base reference, stored size,
     * and, for a delta, its keyframe's bytes and length.
     */
    public String lookupSql(int count) {
        return "select v.value_hash, v.kind, v.base_hash, octet_length(v.value_bytes), b.value_bytes, b.value_length"
                + " from " + name + " v left join " + name + " b on b.value_hash = v.base_hash where v.value_hash in ("
                + marks(count) + ")";
    }

    /** For {@code count} references: the rows of those stored, and the keyframes of the deltas among them. */
    String readSql(int count) {
        String marks = marks(count);
        String select = "select value_hash, kind, base_hash, value_length, value_bytes from " + name;
        // two branches, each an index lookup: an "or" of the two would make some databases scan the table
        return select + " where value_hash in (" + marks + ") union all " + select + " where value_hash in (select "
                + "base_hash from " + name + " where value_hash in (" + marks + "))";
    }

    /**
     * Deletes the rows no compact column of {@code columns} ({@code table.column}, rendered) refers
     * to and no other row has as its keyframe.
     */
    public String collectSql(List<String[]> columns) {
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (String[] column : columns) {
            where.add("not exists (select 1 from " + column[0] + " r where r." + column[1] + " = " + name
                    + ".value_hash)");
        }
        where.add("not exists (select 1 from (select base_hash from " + name + " where base_hash is not null) d"
                + " where d.base_hash = " + name + ".value_hash)");
        return "delete from " + name + where;
    }

    /**
     * The contents of {@code references}, read on the session's connection (through its statement
     * inspector) in one statement per 512 references.
     *
     * @throws ContinuumException when a reference has no row (removed by SQL outside the library)
     */
    public Map<String, byte[]> read(Collection<String> references, SharedSessionContractImplementor session) {
        Map<String, byte[]> contents = new HashMap<>();
        if (references.isEmpty()) {
            return contents;
        }
        Map<String, Stored> rows = new HashMap<>();
        List<String> all = new ArrayList<>(references);
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            int size = Integer.highestOneBit(chunk.size());
            size = size < chunk.size() ? size << 1 : size;
            String sql = inspect(readSql(size), session);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < size; i++) {
                        statement.setString(round * size + i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new Stored(rs.getShort(2), rs.getString(3), rs.getInt(4),
                                rs.getBytes(5)));
                    }
                }
            } catch (SQLException e) {
                throw new ContinuumException("Could not read compact values from " + name + " (" + e.getMessage()
                        + ")", session.getJdbcServices().getSqlExceptionHelper().convert(e, "Continuum could not "
                        + "read compact values", sql));
            } finally {
                session.getJdbcCoordinator().afterStatementExecution();
            }
        }
        Map<String, byte[]> keyframes = new HashMap<>();
        for (String reference : references) {
            Stored row = rows.get(reference);
            if (row == null) {
                throw new ContinuumException("The value " + reference + " of a compact property is not in " + name
                        + "; it was removed outside the library, so this version cannot be read");
            }
            byte[] base = null;
            if (row.kind == ValueCodec.DELTA) {
                Stored keyframe = rows.get(row.base);
                if (keyframe == null) {
                    throw new ContinuumException("The keyframe " + row.base + " of the compact value " + reference
                            + " is not in " + name + "; it was removed outside the library");
                }
                base = keyframes.computeIfAbsent(row.base,
                        key -> ValueCodec.decode(keyframe.kind, keyframe.bytes, null, keyframe.length));
            }
            contents.put(reference, row.kind == ValueCodec.KEYFRAME
                    ? keyframes.computeIfAbsent(reference, key -> ValueCodec.decode(row.kind, row.bytes, null, row.length))
                    : ValueCodec.decode(row.kind, row.bytes, base, row.length));
        }
        return contents;
    }

    private static String marks(int count) {
        StringJoiner marks = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            marks.add("?");
        }
        return marks.toString();
    }

    private static String inspect(String sql, SharedSessionContractImplementor session) {
        StatementInspector inspector = session.getJdbcSessionContext().getStatementInspector();
        String inspected = inspector == null ? null : inspector.inspect(sql);
        return inspected == null ? sql : inspected;
    }

    private record Stored(short kind, String base, int length, byte[] bytes) {
    }
}
