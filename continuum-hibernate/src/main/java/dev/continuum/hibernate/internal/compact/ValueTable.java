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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The value table of compact properties, {@code <transaction>_value}: one row per distinct value,
 * keyed by its reference (see {@link ValueCodec}): {@code value_hash}; {@code keyframe_hash}, the
 * first value of its chain (its own reference for a keyframe); {@code position} in the chain (0
 * for the keyframe); {@code base_hash}, the value a delta is made from (the one before it in the
 * chain; null for a keyframe); {@code value_length} (bytes of the value) and {@code value_bytes}.
 * References are the 32 bytes of a SHA-256 ({@code encode(value_hash, 'hex')} on PostgreSQL,
 * {@code hex()} on MariaDB, {@code rawtohex()} on H2 show them as text). Its SQL, built once per
 * session factory, and the batch read of values by reference: one statement for any number of
 * references (up to 512), which returns the rows of each chain involved from its keyframe up to
 * the last position asked for.
 */
public final class ValueTable {

    /** The columns, in table order. */
    public static final List<String> COLUMNS = List.of("value_hash", "keyframe_hash", "position", "base_hash",
            "value_length", "value_bytes");
    /** The columns of the index by which a chain is read. */
    public static final List<String> CHAIN_INDEX = List.of("keyframe_hash");
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
        String columns = " (" + String.join(", ", COLUMNS) + ") values (?, ?, ?, ?, ?, ?)";
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

    /** Inserts one row: the columns of {@link #COLUMNS} in order. */
    public String insertSql() {
        return insertSql;
    }

    /**
     * For {@code count} references: each stored one's reference, keyframe reference and position, the
     * last position of its chain, the stored bytes of its chain from the keyframe up to it, and the
     * stored bytes of its keyframe. What a writer needs to choose between a delta after it and a new
     * keyframe.
     */
    public String lookupSql(int count) {
        return "select v.value_hash, v.keyframe_hash, v.position, (select max(c.position) from " + name
                + " c where c.keyframe_hash = v.keyframe_hash), (select sum(octet_length(c.value_bytes)) from " + name
                + " c where c.keyframe_hash = v.keyframe_hash and c.position <= v.position), (select "
                + "octet_length(k.value_bytes) from " + name + " k where k.value_hash = v.keyframe_hash) from " + name
                + " v where v.value_hash in (" + marks(count) + ")";
    }

    /**
     * For {@code count} references: the rows ({@link #COLUMNS}) of each of their chains from the
     * keyframe up to the last position asked for, in one statement.
     */
    public String readSql(int count) {
        return "select c." + String.join(", c.", COLUMNS) + " from " + name + " c join (select keyframe_hash, "
                + "max(position) as last_position from " + name + " where value_hash in (" + marks(count) + ") group by "
                + "keyframe_hash) t on t.keyframe_hash = c.keyframe_hash where c.position <= t.last_position";
    }

    /**
     * Deletes the rows no compact column of {@code columns} ({@code table.column}, rendered) refers
     * to and that come after every referenced row of their chain (a row before one is the base of
     * its delta, directly or through the rows between).
     */
    public String collectSql(List<String[]> columns) {
        StringJoiner referenced = new StringJoiner(" or ");
        for (String[] column : columns) {
            referenced.add("exists (select 1 from " + column[0] + " r where r." + column[1] + " = k.value_hash)");
        }
        // the derived table, grouped, is materialized: MySQL and MariaDB refuse a delete that reads its own table otherwise
        return "delete from " + name + " where not exists (select 1 from (select k.keyframe_hash, max(k.position) "
                + "as last_position from " + name + " k where " + referenced + " group by k.keyframe_hash) l where "
                + "l.keyframe_hash = " + name + ".keyframe_hash and l.last_position >= " + name + ".position)";
    }

    /**
     * The contents of {@code references} (hexadecimal), read on the session's connection (through
     * its statement inspector) in one statement per 512 references.
     *
     * @throws ContinuumException when a reference, or a value its delta is made from, has no row
     *         (removed by SQL outside the library)
     */
    public Map<String, byte[]> read(Collection<String> references, SharedSessionContractImplementor session) {
        if (references.isEmpty()) {
            return Map.of();
        }
        ValueChains chains = new ValueChains(name);
        List<String> all = new ArrayList<>(references);
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            int size = bucket(chunk.size());
            String sql = inspect(readSql(size), session);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < size; i++) {
                    statement.setBytes(i + 1, HexFormat.of().parseHex(chunk.get(Math.min(i, chunk.size() - 1))));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        chains.add(rs, 1);
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
        try {
            return chains.decode(references);
        } catch (IllegalStateException e) {
            throw new ContinuumException(e.getMessage(), e);
        }
    }

    /** The number of parameters a statement for {@code count} references binds: the next power of two, so few statements are prepared. */
    public static int bucket(int count) {
        int size = Integer.highestOneBit(count);
        return size < count ? size << 1 : size;
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
}
