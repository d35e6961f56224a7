package dev.continuum.bench.harness;

import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Variant F, the floor: plain Hibernate, and the history Continuum writes for each workload written
 * by hand with JDBC in the same transaction, just before it completes (after Hibernate's last
 * flush, where Continuum writes too), in the fewest round trips the database allows without
 * connection properties.
 *
 * <p>It writes exactly Continuum's rows into a schema made by Continuum itself (see
 * {@link #createSchema}): one transaction row, the closing of every superseded version and one
 * version row per change, with the same operation types. What it does not do is any of Continuum's
 * work in Java: the workload says what changed (no events, no bookkeeping of changes), and the
 * version rows are copied inside the database from the rows just written (inserts and updates:
 * {@code insert ... select} from the live table, by key) or from the versions just closed
 * (deletes), so no value but the keys travels from Java. Per workload and database:
 *
 * <ul>
 *   <li>PostgreSQL: one statement, a data-modifying {@code with} query (transaction row, closings,
 *       inserts), the keys bound as arrays ({@code = any(?)}), so its text never changes;</li>
 *   <li>MariaDB ({@code insert ... returning}) and H2 ({@code final table}): the transaction row,
 *       then per version table at most one closing {@code update ... where id in (...)} and one
 *       {@code insert ... select}.</li>
 * </ul>
 */
public final class Floor {

    /** The operation types of a version row, as Continuum writes them. */
    private static final int INSERT = 0;
    private static final int UPDATE = 1;
    private static final int DELETE = 2;

    private static final String TX = "transaction_id";
    private static final String END = "end_transaction_id";
    private static final String OP = "operation_type";

    private final Database database;
    private final StatementCounter statements;
    private final String prefix;
    /** Per live table (article, comment, tag, article_tag): its columns, copied into its version table. */
    private final Map<String, List<String>> columns;

    private Floor(Database database, StatementCounter statements, String prefix, Map<String, List<String>> columns) {
        this.database = database;
        this.statements = statements;
        this.prefix = prefix;
        this.columns = columns;
    }

    /** The floor of the unit's variant, reading the version tables' columns from the database. */
    static Floor open(Database database, StatementCounter statements, String prefix, Connection connection)
            throws SQLException {
        Map<String, List<String>> columns = new java.util.HashMap<>();
        for (String table : List.of("article", "comment", "tag", "article_tag")) {
            columns.put(table, liveColumns(connection, database, prefix + table + "_version"));
        }
        return new Floor(database, statements, prefix, columns);
    }

    private static List<String> liveColumns(Connection connection, Database database, String versionTable)
            throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // MariaDB would search every database of the server without its catalog.
        String catalog = database == Database.MARIADB ? connection.getCatalog() : null;
        List<String> found = new ArrayList<>();
        for (String name : List.of(versionTable, versionTable.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = metaData.getColumns(catalog, null, name, null)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    if (!List.of(TX, END, OP).contains(column) && !found.contains(column)) {
                        found.add(column);
                    }
                }
            }
            if (!found.isEmpty()) {
                break;
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("No version table " + versionTable + " for the floor variant");
        }
        return found;
    }

    /**
     * The version tables and the transaction table of the floor, with the names Continuum gives
     * them under this prefix: the settings with which a Continuum unit creates exactly variant C's
     * schema under another prefix.
     */
    static Map<String, Object> schemaSettings(String prefix) {
        return Map.of(
                "continuum.enabled", "true",
                "continuum.transaction_sequence", prefix + "transaction_id_seq",
                "continuum.undo_table", prefix + "continuum_undo",
                "hibernate.hbm2ddl.auto", "create");
    }

    /** Empties the version tables and the transaction table (the live tables are Hibernate's). */
    void truncate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("article_tag", "comment", "article", "tag")) {
                statement.executeUpdate("delete from " + prefix + table + "_version");
            }
            statement.executeUpdate("delete from " + prefix + "transaction");
        }
    }

    /** W1 and seeding: the articles, their comments and their tag links were inserted. */
    public void inserted(EntityManager em, List<Long> articles, List<Long> comments) {
        atCompletion(em, (connection, tx) -> {
            if (tx.sql != null) {
                cte(connection, tx, List.of(
                        copy("article", "id", INSERT, 0),
                        copy("comment", "id", INSERT, 1),
                        copy("article_tag", "article_id", INSERT, 2)), articles, comments, articles);
            } else {
                long id = transaction(connection);
                copy(connection, "article", "id", articles, id, INSERT);
                copy(connection, "comment", "id", comments, id, INSERT);
                copy(connection, "article_tag", "article_id", articles, id, INSERT);
            }
        });
    }

    /** Seeding: tags were inserted. */
    public void insertedTags(EntityManager em, List<Long> tags) {
        atCompletion(em, (connection, tx) -> {
            if (tx.sql != null) {
                cte(connection, tx, List.of(copy("tag", "id", INSERT, 0)), tags);
            } else {
                copy(connection, "tag", "id", tags, transaction(connection), INSERT);
            }
        });
    }

    /** W2 and W3: the articles were updated. */
    public void updated(EntityManager em, List<Long> articles) {
        atCompletion(em, (connection, tx) -> {
            if (tx.sql != null) {
                cte(connection, tx, List.of(close("article", "id", 0, false), copy("article", "id", UPDATE, 0)),
                        articles);
            } else {
                long id = transaction(connection);
                close(connection, "article", "id", articles, id);
                copy(connection, "article", "id", articles, id, UPDATE);
            }
        });
    }

    /** W4: the articles, their comments and their tag links were deleted. */
    public void deleted(EntityManager em, List<Long> articles, List<Long> comments) {
        atCompletion(em, (connection, tx) -> {
            if (tx.sql != null) {
                cte(connection, tx, List.of(
                        close("article", "id", 0, true), reopen("article", DELETE),
                        close("comment", "id", 1, true), reopen("comment", DELETE),
                        close("article_tag", "article_id", 2, true), reopen("article_tag", DELETE)),
                        articles, comments, articles);
            } else {
                long id = transaction(connection);
                for (String[] table : new String[][] {{"article", "id"}, {"comment", "id"}, {"article_tag", "article_id"}}) {
                    List<Long> keys = table[0].equals("comment") ? comments : articles;
                    if (keys.isEmpty()) {
                        continue;
                    }
                    close(connection, table[0], table[1], keys, id);
                    try (PreparedStatement insert = prepare(connection, "insert into " + version(table[0]) + " ("
                            + list(table[0]) + ", " + TX + ", " + END + ", " + OP + ") select " + list(table[0])
                            + ", ?, null, " + DELETE + " from " + version(table[0]) + " where " + END + " = ? and "
                            + table[1] + " in (" + marks(keys.size()) + ")")) {
                        insert.setLong(1, id);
                        insert.setLong(2, id);
                        bind(insert, 3, keys);
                        insert.executeUpdate();
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- one round trip (PostgreSQL)

    /** The PostgreSQL statement's first clause: the transaction row; null on the other databases. */
    private record Tx(String sql) {
    }

    /** One clause of the data-modifying {@code with} query; {@code array} is the index of its key array. */
    private record Clause(String name, String sql) {
    }

    private Clause copy(String table, String key, int operation, int array) {
        return new Clause(table + "_copy", "insert into " + version(table) + " (" + list(table) + ", " + TX + ", "
                + END + ", " + OP + ") select " + qualified("x", table) + ", t.id, null, " + operation + " from "
                + prefix + table + " x, t where x." + key + " = any(?" + (array + 1) + ")");
    }

    /** The closing of the open versions; {@code returning} hands the closed rows to {@link #reopen}. */
    private Clause close(String table, String key, int array, boolean returning) {
        return new Clause(table + "_closed", "update " + version(table) + " v set " + END + " = t.id from t where v."
                + END + " is null and v." + key + " = any(?" + (array + 1) + ")"
                + (returning ? " returning " + qualified("v", table) + ", t.id as tx" : ""));
    }

    /** A version of every row just closed, with its values: the delete versions. */
    private Clause reopen(String table, int operation) {
        return new Clause(table + "_reopened", "insert into " + version(table) + " (" + list(table) + ", " + TX
                + ", " + END + ", " + OP + ") select " + list(table) + ", tx, null, " + operation + " from "
                + table + "_closed");
    }

    private void cte(Connection connection, Tx tx, List<Clause> clauses, List<?>... arrays) throws SQLException {
        StringBuilder sql = new StringBuilder("with t as (").append(tx.sql).append(")");
        for (int i = 0; i < clauses.size() - 1; i++) {
            sql.append(", ").append(clauses.get(i).name()).append(" as (").append(clauses.get(i).sql()).append(")");
        }
        // The ?N placeholders name an array; JDBC numbers parameters by position, so expand them in order.
        String text = sql.append(' ').append(clauses.get(clauses.size() - 1).sql()).toString();
        List<Integer> order = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                order.add(text.charAt(i + 1) - '1');
                i++;
            }
            plain.append(c);
        }
        try (PreparedStatement statement = prepare(connection, plain.toString())) {
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            for (int i = 0; i < order.size(); i++) {
                Array array = connection.createArrayOf("bigint", arrays[order.get(i)].toArray());
                statement.setArray(i + 2, array);
            }
            statement.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- statement by statement (MariaDB, H2)

    private long transaction(Connection connection) throws SQLException {
        String insert = "insert into " + prefix + "transaction (id, issued_at, user_id, remote_addr) values ("
                + (database == Database.H2 ? "next value for " + prefix + "transaction_id_seq"
                        : "nextval(" + prefix + "transaction_id_seq)") + ", ?, null, null)";
        String sql = database == Database.H2 ? "select id from final table (" + insert + ")" : insert + " returning id";
        try (PreparedStatement statement = prepare(connection, sql)) {
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void close(Connection connection, String table, String key, List<Long> keys, long tx) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement update = prepare(connection, "update " + version(table) + " set " + END + " = ? where "
                + END + " is null and " + key + " in (" + marks(keys.size()) + ")")) {
            update.setLong(1, tx);
            bind(update, 2, keys);
            update.executeUpdate();
        }
    }

    private void copy(Connection connection, String table, String key, List<Long> keys, long tx, int operation)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = prepare(connection, "insert into " + version(table) + " (" + list(table) + ", "
                + TX + ", " + END + ", " + OP + ") select " + list(table) + ", ?, null, " + operation + " from "
                + prefix + table + " where " + key + " in (" + marks(keys.size()) + ")")) {
            insert.setLong(1, tx);
            bind(insert, 2, keys);
            insert.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- shared

    /** What runs at completion: {@code tx} carries PostgreSQL's transaction clause, or no SQL elsewhere. */
    private interface Work {
        void write(Connection connection, Tx tx) throws SQLException;
    }

    private void atCompletion(EntityManager em, Work work) {
        Tx tx = new Tx(database == Database.POSTGRESQL
                ? "insert into " + prefix + "transaction (id, issued_at, user_id, remote_addr) values (nextval('"
                        + prefix + "transaction_id_seq'), ?, null, null) returning id"
                : null);
        em.unwrap(SessionImplementor.class).getTransactionCompletionCallbacks().registerCallback(
                (BeforeCompletionCallback) (SharedSessionContractImplementor session) -> {
                    try {
                        work.write(session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(), tx);
                    } catch (SQLException e) {
                        throw new IllegalStateException("The floor's history could not be written", e);
                    }
                });
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        // Counted like every statement Hibernate and Continuum prepare.
        return connection.prepareStatement(statements.inspect(sql));
    }

    private static void bind(PreparedStatement statement, int first, List<Long> keys) throws SQLException {
        for (int i = 0; i < keys.size(); i++) {
            statement.setLong(first + i, keys.get(i));
        }
    }

    private String version(String table) {
        return prefix + table + "_version";
    }

    private String list(String table) {
        return String.join(", ", columns.get(table));
    }

    private String qualified(String alias, String table) {
        return columns.get(table).stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
