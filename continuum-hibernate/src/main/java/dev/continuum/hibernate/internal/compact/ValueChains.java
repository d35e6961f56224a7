package dev.continuum.hibernate.internal.compact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the value table read for some references (the prefixes of their chains, see
 * {@link ValueTable#readSql(int)}), and their contents decoded: a keyframe inflated, a delta
 * applied to the content of its base, from the keyframe forward. Each chain is walked once for any
 * number of references in it, and only the contents asked for are kept.
 */
public final class ValueChains {

    private final Map<String, Row> rows = new HashMap<>();
    private final String table;

    /** @param table the value table's name, for messages */
    public ValueChains(String table) {
        this.table = table;
    }

    /** Adds the current row of {@code rs}, whose first six columns are {@link ValueTable#COLUMNS} from {@code first} on. */
    public void add(ResultSet rs, int first) throws SQLException {
        String hash = ValueCodec.hex(rs.getBytes(first));
        byte[] base = rs.getBytes(first + 3);
        rows.put(hash, new Row(hash, rs.getInt(first + 2), base == null ? null : ValueCodec.hex(base),
                rs.getInt(first + 4), rs.getBytes(first + 5)));
    }

    /** Whether a row of {@code reference} (hexadecimal) was read. */
    public boolean has(String reference) {
        return rows.containsKey(reference);
    }

    /**
     * The contents of {@code references} (hexadecimal), each of which must have been read.
     *
     * @throws IllegalStateException when a reference or a base of a delta has no row (removed by SQL
     *         outside the library), or a stored value is malformed
     */
    public Map<String, byte[]> decode(Collection<String> references) {
        List<Row> asked = new ArrayList<>(references.size());
        for (String reference : references) {
            asked.add(row(reference, "The value " + reference));
        }
        // in order of position, so that a reference's walk back ends at the one before it in its chain
        asked.sort(Comparator.comparingInt(Row::position));
        Map<String, byte[]> contents = new HashMap<>();
        Deque<Row> path = new ArrayDeque<>();
        for (Row target : asked) {
            if (contents.containsKey(target.hash)) {
                continue;
            }
            Row row = target;
            while (row.position > 0 && !contents.containsKey(row.hash)) {
                path.push(row);
                Row base = row(row.base, "The value " + row.base + ", base of " + row.hash + ",");
                if (base.position >= row.position) {
                    throw new IllegalStateException("The compact value " + row.hash + " in " + table
                            + " has a base at position " + base.position + ", not before its own " + row.position);
                }
                row = base;
            }
            byte[] content = contents.get(row.hash);
            if (content == null) {
                content = ValueCodec.inflate(row.bytes, row.length);
            }
            while (!path.isEmpty()) {
                Row delta = path.pop();
                content = ValueCodec.applyDelta(delta.bytes, content, delta.length);
            }
            contents.put(target.hash, content);
        }
        return contents;
    }

    private Row row(String reference, String what) {
        Row row = rows.get(reference);
        if (row == null) {
            throw new IllegalStateException(what + " of a compact property is not in " + table
                    + "; it was removed outside the library, so the versions that refer to it cannot be read");
        }
        return row;
    }

    /** A stored row: position 0 holds a keyframe, a later one a delta against its base. */
    private record Row(String hash, int position, String base, int length, byte[] bytes) {
    }
}
