package dev.continuum.hibernate.internal.write;

import dev.continuum.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The version rows one transaction writes, by version table, each table's in the order their changes were recorded. */
final class TableRows {

    /** The most keys one set-based closing update lists (a power of two). */
    private static final int CLOSE_CHUNK_LIMIT = 512;

    /**
     * One row to write into a version table, and whether the open version of its key is closed
     * first; {@code initial} is the key's state before the transaction, which modification flags
     * compare with (null when unknown or not needed). {@code fromOpenVersion} marks a delete whose
     * values are the key's state before the transaction, which its open version holds: the
     * database can make it from the version it closes. {@code written} are the values bound to the
     * insert: {@code values} itself, or a copy in which compact values are replaced by their references.
     */
    record Row(Object[] values, Object[] initial, Operation operation, boolean close, boolean fromOpenVersion,
            Object[] written) {

        Row(Object[] values, Object[] initial, Operation operation, boolean close, boolean fromOpenVersion) {
            this(values, initial, operation, close, fromOpenVersion, values);
        }

        /** This row, writing {@code written} instead of its values. */
        Row writing(Object[] written) {
            return new Row(values, initial, operation, close, fromOpenVersion, written);
        }
    }

    private final Map<VersionTableWriter, List<Row>> byTable = new LinkedHashMap<>();

    void add(VersionTableWriter table, Object[] values, Operation operation, boolean close) {
        add(table, values, null, operation, close);
    }

    /** Adds a row whose key's state before the transaction was {@code initial}. */
    void add(VersionTableWriter table, Object[] values, Object[] initial, Operation operation, boolean close) {
        add(table, new Row(values, initial, operation, close, false));
    }

    private void add(VersionTableWriter table, Row row) {
        byTable.computeIfAbsent(table, key -> new ArrayList<>()).add(row);
    }

    /**
     * Adds the delete version of a key to each of {@code tables}; {@code unchanged} when its values
     * are its state before the transaction (see {@link Row#fromOpenVersion()}).
     */
    void addDeletedToEach(List<VersionTableWriter> tables, Object[] values, Object[] initial, boolean unchanged) {
        for (VersionTableWriter table : tables) {
            add(table, new Row(values, initial, Operation.DELETE, true, unchanged));
        }
    }

    /** Adds the same row to each of {@code tables} (each reads its own slice of it). */
    void addToEach(List<VersionTableWriter> tables, Object[] values, Operation operation, boolean close) {
        addToEach(tables, values, null, operation, close);
    }

    /** Adds the same row, whose key's state before the transaction was {@code initial}, to each of {@code tables}. */
    void addToEach(List<VersionTableWriter> tables, Object[] values, Object[] initial, Operation operation,
            boolean close) {
        for (VersionTableWriter table : tables) {
            add(table, values, initial, operation, close);
        }
    }

    boolean isEmpty() {
        return byTable.isEmpty();
    }

    /**
     * The tables that get rows, by table name, then by entity name or collection role (several
     * entities of a hierarchy write one table): every transaction writes them in the same order,
     * whatever order its changes came in.
     */
    List<VersionTableWriter> tables() {
        List<VersionTableWriter> order = new ArrayList<>(byTable.keySet());
        order.sort(Comparator.comparing(VersionTableWriter::tableName).thenComparing(VersionTableWriter::sortKey));
        return order;
    }

    List<Row> rows(VersionTableWriter table) {
        return byTable.get(table);
    }

    /**
     * Takes out of {@code table}'s rows the deletes the database makes from the versions they
     * close ({@link Row#fromOpenVersion()}), and returns them.
     */
    List<Row> takeFromOpenVersions(VersionTableWriter table) {
        List<Row> rows = byTable.get(table);
        List<Row> taken = new ArrayList<>();
        rows.removeIf(row -> row.fromOpenVersion() && taken.add(row));
        return taken;
    }

    /** The values of {@code rows}. */
    static List<Object[]> values(List<Row> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            values.add(row.values());
        }
        return values;
    }

    /**
     * The values of the rows of {@code table} whose open version is closed when they are written;
     * none when the table keeps no ends (the subquery strategy).
     */
    List<Object[]> closing(VersionTableWriter table) {
        if (!table.closesVersions()) {
            return List.of();
        }
        List<Row> rows = byTable.get(table);
        List<Object[]> closing = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.close()) {
                closing.add(row.values());
            }
        }
        return closing;
    }

    /**
     * The keys of a set-based closing in chunks of at most 512, each padded (with its last key
     * again) to a power of two, so that few distinct statements exist and each is prepared once
     * per connection.
     */
    static List<List<Object[]>> chunks(List<Object[]> keys) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += CLOSE_CHUNK_LIMIT) {
            List<Object[]> chunk = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + CLOSE_CHUNK_LIMIT)));
            int size = Integer.highestOneBit(chunk.size());
            if (size < chunk.size()) {
                size <<= 1;
            }
            Object[] last = chunk.get(chunk.size() - 1);
            while (chunk.size() < size) {
                chunk.add(last);
            }
            chunks.add(chunk);
        }
        return chunks;
    }
}
