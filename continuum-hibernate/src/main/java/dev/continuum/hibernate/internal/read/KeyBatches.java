package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.ValueBinder;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Reading rows by many keys at once, as every batch of the read path does: the rows of the wanted
 * keys valid at some transaction of a window are read, 500 keys per statement, and the rows valid
 * at each wanted transaction are picked in memory.
 */
final class KeyBatches {

    /** Keys per statement; more are read in several statements. */
    static final int KEYS_PER_STATEMENT = 500;

    private KeyBatches() {
    }

    /** Binds the keys of one statement from parameter {@code first}; returns the next parameter index. */
    @FunctionalInterface
    interface KeyBinder<K> {
        int bind(PreparedStatement statement, int first, List<K> keys) throws SQLException;
    }

    /**
     * Runs, per chunk of {@code keys}, the statement {@code sql} makes for that many keys, binding
     * the keys and then the bounds of the window of transactions (the latest, then the earliest).
     */
    static <K> void readInWindow(SessionJdbc jdbc, List<K> keys, long earliest, long latest, IntFunction<String> sql,
            KeyBinder<K> binder, SessionJdbc.Reader<?> reader) {
        readInWindows(jdbc, keys, chunk -> earliest, chunk -> latest, sql, binder, reader);
    }

    /** {@link #readInWindow}, with a window of its own for each chunk. */
    static <K> void readInWindows(SessionJdbc jdbc, List<K> keys, ToLongFunction<List<K>> earliest,
            ToLongFunction<List<K>> latest, IntFunction<String> sql, KeyBinder<K> binder, SessionJdbc.Reader<?> reader) {
        for (int first = 0; first < keys.size(); first += KEYS_PER_STATEMENT) {
            List<K> chunk = keys.subList(first, Math.min(keys.size(), first + KEYS_PER_STATEMENT));
            jdbc.query(sql.apply(chunk.size()), statement -> {
                int next = binder.bind(statement, 1, chunk);
                statement.setLong(next, latest.applyAsLong(chunk));
                statement.setLong(next + 1, earliest.applyAsLong(chunk));
            }, reader);
        }
    }

    /** {@code (a = ? and b = ?) or ...} for composite keys, {@code a in (?, ...)} for single columns. */
    static String predicate(List<String> expressions, int count) {
        if (expressions.size() == 1) {
            StringJoiner in = new StringJoiner(", ", expressions.get(0) + " in (", ")");
            for (int i = 0; i < count; i++) {
                in.add("?");
            }
            return in.toString();
        }
        StringJoiner or = new StringJoiner(" or ", "(", ")");
        for (int i = 0; i < count; i++) {
            StringJoiner and = new StringJoiner(" and ", "(", ")");
            expressions.forEach(expression -> and.add(expression + " = ?"));
            or.add(and.toString());
        }
        return or.toString();
    }

    /** A binder of keys of JDBC values, each column with its mapping's binder. */
    @SuppressWarnings("unchecked")
    static KeyBinder<Object[]> binder(JdbcMapping[] mappings, SharedSessionContractImplementor session) {
        return (statement, first, keys) -> {
            int next = first;
            for (Object[] key : keys) {
                for (int i = 0; i < key.length; i++) {
                    ((ValueBinder<Object>) mappings[i].getJdbcValueBinder()).bind(statement, key[i], next++, session);
                }
            }
            return next;
        };
    }

    /** A key for hashing JDBC values: integral numbers of any width compare equal. */
    static List<Object> hashKey(Object[] values) {
        Object[] key = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            key[i] = values[i] instanceof Integer || values[i] instanceof Short || values[i] instanceof Byte
                    ? Long.valueOf(((Number) values[i]).longValue()) : values[i];
        }
        return Arrays.asList(key);
    }

    /** The distinct keys among {@code keys}, in order of first appearance. */
    static List<Object[]> distinct(List<Object[]> keys) {
        Map<List<Object>, Object[]> distinct = new LinkedHashMap<>();
        keys.forEach(key -> distinct.put(hashKey(key), key));
        return new ArrayList<>(distinct.values());
    }
}
