package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.compact.ValueCodec;
import dev.continuum.hibernate.internal.compact.ValueTable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores the compact values of one transaction's version rows before they are written: each row
 * writes the reference (SHA-256) of its value instead of the value, and each value that the value
 * table does not hold yet gets one row there. A value that did not change in the transaction
 * (equal to the row's state before it) is already stored, so it costs a hash and nothing more. A
 * changed value is stored as a delta against the keyframe of the value it replaced (the state
 * before the transaction, which the write path has in memory) when that delta is at most a twelfth
 * of the keyframe's stored size, else as a new keyframe; so a read needs at most two rows.
 * One lookup statement per 512 new values finds those already stored and the keyframes to use.
 */
final class CompactValueWriter {

    /** A delta is kept while it is at most this fraction of its keyframe's stored size (measured: docs/performance.md). */
    private static final int KEYFRAME_RATIO = 12;
    /** Values shorter than this are stored whole: a delta saves nothing on them. */
    private static final int DELTA_MIN_LENGTH = 256;
    private static final int CHUNK = 512;
    private static final int BATCH_LIMIT = 500;

    private final ValueTable table;

    CompactValueWriter(ValueTable table) {
        this.table = table;
    }

    /** Replaces the compact values of {@code rows} by their references and stores the values not stored yet. */
    void prepare(TableRows rows, List<VersionTableWriter> tables, HistoryStatements statements) throws SQLException {
        Map<String, byte[]> fresh = new LinkedHashMap<>();
        Map<String, String> replaced = new HashMap<>();
        Map<String, byte[]> previous = new HashMap<>();
        for (VersionTableWriter writer : tables) {
            int[] positions = writer.compactPositions();
            if (positions.length == 0) {
                continue;
            }
            List<TableRows.Row> list = rows.rows(writer);
            for (int r = 0; r < list.size(); r++) {
                TableRows.Row row = list.get(r);
                Object[] written = row.written().clone();
                for (int position : positions) {
                    Object value = row.values()[position];
                    if (value == null) {
                        continue;
                    }
                    byte[] content = ValueCodec.content(value);
                    String reference = ValueCodec.reference(content);
                    written[position] = reference;
                    Object before = row.initial() == null ? null : row.initial()[position];
                    byte[] old = before == null ? null : ValueCodec.content(before);
                    if (old != null && Arrays.equals(old, content)) {
                        continue; // the version before holds the same reference, so the value is stored
                    }
                    fresh.putIfAbsent(reference, content);
                    if (old != null && !replaced.containsKey(reference)) {
                        String oldReference = ValueCodec.reference(old);
                        replaced.put(reference, oldReference);
                        previous.put(oldReference, old);
                    }
                }
                list.set(r, row.writing(written));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Set<String> asked = new LinkedHashSet<>(fresh.keySet());
        asked.addAll(replaced.values());
        Map<String, Found> found = lookup(new ArrayList<>(asked), statements);
        List<Object[]> inserts = new ArrayList<>();
        for (Map.Entry<String, byte[]> value : fresh.entrySet()) {
            if (!found.containsKey(value.getKey())) {
                inserts.add(encode(value.getKey(), value.getValue(), replaced.get(value.getKey()), found, previous));
            }
        }
        statements.executeBatches(table.insertSql(), inserts, BATCH_LIMIT, (statement, insert) -> {
            statement.setString(1, (String) insert[0]);
            statement.setShort(2, (Short) insert[1]);
            if (insert[2] == null) {
                statement.setNull(3, Types.VARCHAR);
            } else {
                statement.setString(3, (String) insert[2]);
            }
            statement.setInt(4, (Integer) insert[3]);
            statement.setBytes(5, (byte[]) insert[4]);
            statement.addBatch();
        });
    }

    /** The row of a new value: a delta against the keyframe of the value it replaced when small enough, else a keyframe. */
    private static Object[] encode(String reference, byte[] content, String oldReference, Map<String, Found> found,
            Map<String, byte[]> previous) {
        Found old = oldReference == null ? null : found.get(oldReference);
        if (old != null && content.length >= DELTA_MIN_LENGTH) {
            boolean oldIsKeyframe = old.kind == ValueCodec.KEYFRAME;
            String base = oldIsKeyframe ? oldReference : old.base;
            byte[] baseContent = oldIsKeyframe ? previous.get(oldReference)
                    : ValueCodec.decode(ValueCodec.KEYFRAME, old.baseBytes, null, old.baseLength);
            int baseSize = oldIsKeyframe ? old.size : old.baseBytes.length;
            byte[] delta = ValueCodec.delta(content, baseContent);
            if ((long) delta.length * KEYFRAME_RATIO <= baseSize) {
                return new Object[] {reference, ValueCodec.DELTA, base, content.length, delta};
            }
        }
        return new Object[] {reference, ValueCodec.KEYFRAME, null, content.length, ValueCodec.keyframe(content)};
    }

    private Map<String, Found> lookup(List<String> references, HistoryStatements statements) throws SQLException {
        Map<String, Found> found = new HashMap<>();
        for (int from = 0; from < references.size(); from += CHUNK) {
            List<String> chunk = references.subList(from, Math.min(references.size(), from + CHUNK));
            int size = Integer.highestOneBit(chunk.size());
            size = size < chunk.size() ? size << 1 : size;
            try (PreparedStatement statement = statements.prepare(table.lookupSql(size))) {
                for (int i = 0; i < size; i++) {
                    statement.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new Found(rs.getShort(2), rs.getString(3), rs.getInt(4),
                                rs.getBytes(5), rs.getInt(6)));
                    }
                }
            }
        }
        return found;
    }

    /** A stored value: its kind, keyframe reference, stored size, and (for a delta) the keyframe's bytes and length. */
    private record Found(short kind, String base, int size, byte[] baseBytes, int baseLength) {
    }
}
