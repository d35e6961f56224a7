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
import java.util.HexFormat;
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
 * changed value is stored as a delta against the value it replaced (the state before the
 * transaction, which the write path has in memory), appended to that value's chain, while the
 * replaced value is the last of its chain, the chain stays shorter than {@value #MAX_CHAIN} rows
 * and its deltas together no larger than its keyframe; otherwise as a new keyframe. So a read
 * needs at most {@value #MAX_CHAIN} rows of at most twice a keyframe's bytes. One lookup
 * statement per 512 new values finds those already stored and the chains of those they replace.
 */
final class CompactValueWriter {

    /** The most rows of a chain, keyframe included (measured: docs/performance.md). */
    private static final int MAX_CHAIN = 100;
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
                    byte[] reference = ValueCodec.reference(content);
                    written[position] = reference;
                    Object before = row.initial() == null ? null : row.initial()[position];
                    byte[] old = before == null ? null : ValueCodec.content(before);
                    if (old != null && Arrays.equals(old, content)) {
                        continue; // the version before holds the same reference, so the value is stored
                    }
                    String hex = ValueCodec.hex(reference);
                    fresh.putIfAbsent(hex, content);
                    if (old != null && !replaced.containsKey(hex)) {
                        String oldReference = ValueCodec.hex(ValueCodec.reference(old));
                        replaced.put(hex, oldReference);
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
            for (int i = 0; i < insert.length; i++) {
                if (insert[i] instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else if (insert[i] == null) {
                    statement.setNull(i + 1, Types.VARBINARY);
                } else {
                    statement.setBytes(i + 1, (byte[]) insert[i]);
                }
            }
            statement.addBatch();
        });
    }

    /**
     * The row ({@link ValueTable#COLUMNS}) of a new value: a delta appended to the chain of the value
     * it replaced when that chain allows, else a keyframe.
     */
    private static Object[] encode(String reference, byte[] content, String oldReference, Map<String, Found> found,
            Map<String, byte[]> previous) {
        byte[] hash = HexFormat.of().parseHex(reference);
        Found old = oldReference == null ? null : found.get(oldReference);
        if (old != null && old.last && content.length >= DELTA_MIN_LENGTH && old.position + 1 < MAX_CHAIN) {
            byte[] delta = ValueCodec.delta(content, previous.get(oldReference));
            if (old.chainBytes - old.keyframeBytes + delta.length <= old.keyframeBytes) {
                // another value replacing the same one in this transaction starts a chain of its own
                found.put(oldReference, new Found(old.keyframe, old.position, false, old.chainBytes, old.keyframeBytes));
                return new Object[] {hash, old.keyframe, old.position + 1, HexFormat.of().parseHex(oldReference),
                        content.length, delta};
            }
        }
        return new Object[] {hash, hash, 0, null, content.length, ValueCodec.keyframe(content)};
    }

    private Map<String, Found> lookup(List<String> references, HistoryStatements statements) throws SQLException {
        Map<String, Found> found = new HashMap<>();
        for (int from = 0; from < references.size(); from += CHUNK) {
            List<String> chunk = references.subList(from, Math.min(references.size(), from + CHUNK));
            int size = ValueTable.bucket(chunk.size());
            try (PreparedStatement statement = statements.prepare(table.lookupSql(size))) {
                for (int i = 0; i < size; i++) {
                    statement.setBytes(i + 1, HexFormat.of().parseHex(chunk.get(Math.min(i, chunk.size() - 1))));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        int position = rs.getInt(3);
                        found.put(ValueCodec.hex(rs.getBytes(1)), new Found(rs.getBytes(2), position,
                                rs.getInt(4) == position, rs.getLong(5), rs.getLong(6)));
                    }
                }
            }
        }
        return found;
    }

    /**
     * A stored value: its keyframe's reference, its position, whether it is the last of its chain,
     * the stored bytes of its chain up to it and of its keyframe.
     */
    private record Found(byte[] keyframe, int position, boolean last, long chainBytes, long keyframeBytes) {
    }
}
