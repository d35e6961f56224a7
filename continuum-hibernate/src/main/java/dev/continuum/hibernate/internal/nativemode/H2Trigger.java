package dev.continuum.hibernate.internal.nativemode;

import org.h2.api.Trigger;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The trigger of a natively versioned table on H2 ({@code AFTER INSERT, UPDATE, DELETE ... FOR
 * EACH ROW}), created by H2 inside the database, which must find this class on its class path
 * (an embedded database has the application's). It works as MariaDB's SQL triggers do (see
 * {@link MariaDbTriggers}): it writes the version of the row as each change leaves it, the first
 * of them that has something to record in a transaction allocates the transaction row, later
 * changes of the row in the same transaction merge into its version, and a change that would
 * close a version whose transaction id is larger than this transaction's fails with SQL state
 * {@value MariaDbTriggers#RETRY_STATE}.
 *
 * <p>A transaction is recognised by H2's {@code transaction_id()}, which every transaction that
 * wrote has, distinct from the connection's earlier ones; the id of its transaction row is kept
 * beside it in the session variables {@value H2Triggers#TRANSACTION_ID} and {@value H2Triggers#TRX}.
 * What the trigger writes to is read from the trigger's comment (see {@link H2Triggers#comment}),
 * at its first change: the class holds no reference to a persistence unit. Its name is part of
 * the database's schema: renaming it breaks the triggers of existing databases.
 */
public final class H2Trigger implements Trigger {

    private String schema;
    private String name;
    private String table;
    private volatile Plan plan;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
            int type) {
        this.schema = schemaName;
        this.name = triggerName;
        this.table = tableName;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        Plan current = plan;
        if (current == null) {
            synchronized (this) {
                current = plan;
                if (current == null) {
                    current = Plan.read(connection, schema, name, table);
                    plan = current;
                }
            }
        }
        new Change(current, connection).fire(oldRow, newRow);
    }

    /** What the trigger of one table writes, read from its comment and the live table's columns. */
    private record Plan(String entity, String live, String version, List<String> keys, List<String> data,
            int[] keyAt, int[] dataAt, String tx, String end, String op, String transactions, String txId,
            String issuedAt, String userId, String remoteAddr, String next, int userLength, int addrLength,
            List<String> versions) {

        static Plan read(Connection connection, String schema, String name, String table) throws SQLException {
            String comment;
            try (PreparedStatement statement = connection.prepareStatement("select remarks from "
                    + "information_schema.triggers where trigger_schema = ? and trigger_name = ?")) {
                statement.setString(1, schema);
                statement.setString(2, name);
                try (ResultSet rs = statement.executeQuery()) {
                    comment = rs.next() ? rs.getString(1) : null;
                }
            }
            if (comment == null || !comment.startsWith(H2Triggers.HEADER)) {
                throw new SQLException("Continuum's native versioning trigger " + schema + "." + name + " on table "
                        + table + " has no comment saying what it versions; create it again with the statements of "
                        + "ContinuumSchema.migrationStatements", "55000");
            }
            Map<String, List<String>> lines = new HashMap<>();
            for (String line : comment.split("\n")) {
                List<String> parts = Arrays.asList(line.split("\t", -1));
                lines.put(parts.get(0), parts.subList(1, parts.size()).stream().filter(s -> !s.isEmpty()).toList());
            }
            List<String> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("select column_name from "
                    + "information_schema.columns where table_schema = ? and table_name = ? "
                    + "order by ordinal_position")) {
                statement.setString(1, schema);
                statement.setString(2, table);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            List<String> keys = lines.get("keys");
            List<String> data = lines.get("data");
            List<String> bookkeeping = lines.get("bookkeeping");
            List<String> transactions = lines.get("transactions");
            List<String> lengths = lines.get("lengths");
            return new Plan(lines.get("entity").get(0), lines.get("live").get(0), lines.get("version").get(0), keys,
                    data, positions(keys, columns, table), positions(data, columns, table), bookkeeping.get(0),
                    bookkeeping.get(1), bookkeeping.get(2), transactions.get(0), transactions.get(1),
                    transactions.get(2), transactions.get(3), transactions.get(4), lines.get("next").get(0),
                    Integer.parseInt(lengths.get(0)), Integer.parseInt(lengths.get(1)), lines.get("versions"));
        }

        private static int[] positions(List<String> rendered, List<String> columns, String table) throws SQLException {
            int[] at = new int[rendered.size()];
            for (int i = 0; i < at.length; i++) {
                String column = rendered.get(i);
                boolean quoted = column.startsWith("\"");
                String plain = quoted ? column.substring(1, column.length() - 1).replace("\"\"", "\"") : column;
                int found = quoted ? columns.indexOf(plain) : -1;
                for (int c = 0; found < 0 && c < columns.size(); c++) {
                    if (columns.get(c).toLowerCase(Locale.ROOT).equals(plain.toLowerCase(Locale.ROOT))) {
                        found = c;
                    }
                }
                if (found < 0) {
                    throw new SQLException("Continuum's native versioning trigger on table " + table + " copies the "
                            + "column " + column + ", which the table does not have; create the trigger again with "
                            + "the statements of ContinuumSchema.migrationStatements", "55000");
                }
                at[i] = found;
            }
            return at;
        }

        String byKey(String alias) {
            return String.join(" and ", keys.stream().map(c -> alias + c + " = ?").toList());
        }
    }

    /** One row change, on the connection of the statement that made it. */
    private static final class Change {

        private final Plan plan;
        private final Connection connection;
        /** The id of this transaction's transaction row, or null while it has none. */
        private Long tx;
        /** Whether the open version {@link #open} read last is a deletion. */
        private boolean openDeleted;

        Change(Plan plan, Connection connection) {
            this.plan = plan;
            this.connection = connection;
        }

        void fire(Object[] oldRow, Object[] newRow) throws SQLException {
            tx = current();
            if (oldRow == null) {
                present(newRow, true);
            } else if (newRow == null) {
                gone(oldRow);
            } else if (!same(oldRow, newRow, plan.keyAt) || !same(oldRow, newRow, plan.dataAt)) {
                if (!same(oldRow, newRow, plan.keyAt)) {
                    gone(oldRow);
                }
                present(newRow, false);
            }
        }

        private static boolean same(Object[] left, Object[] right, int[] at) throws SQLException {
            for (int i : at) {
                if (!equal(left[i], right[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether two values of a column are the same. H2 hands large objects to a trigger as
         * {@link Clob} and {@link Blob} objects, a new one for each row, which are compared by
         * their content: by identity, every update that rewrites such a column (Hibernate rewrites
         * every column) would record a version, even one that changed only an excluded property.
         */
        private static boolean equal(Object left, Object right) throws SQLException {
            if (left instanceof Clob one && right instanceof Clob other) {
                return one.length() == other.length()
                        && (one.length() == 0 || one.getSubString(1, (int) one.length())
                                .equals(other.getSubString(1, (int) other.length())));
            }
            if (left instanceof Blob one && right instanceof Blob other) {
                return one.length() == other.length()
                        && (one.length() == 0 || Arrays.equals(one.getBytes(1, (int) one.length()),
                                other.getBytes(1, (int) other.length())));
            }
            return Objects.deepEquals(left, right);
        }

        /** The transaction row a trigger allocated in this transaction, when it still exists. */
        private Long current() throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("select t." + plan.txId + " from "
                    + plan.transactions + " t where t." + plan.txId + " = " + H2Triggers.TRANSACTION_ID + " and "
                    + H2Triggers.TRX + " = transaction_id()");
                    ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }

        /** The row {@code row} exists after the change: its version of this transaction holds it. */
        private void present(Object[] row, boolean insert) throws SQLException {
            Long open = open(row);
            if (mine(open)) {
                StringBuilder sql = new StringBuilder("update " + plan.version + " set ");
                for (String column : plan.data) {
                    sql.append(column).append(" = ?, ");
                }
                sql.append(plan.op).append(" = case when ").append(plan.op).append(" = 2 then 1 else ").append(plan.op)
                        .append(" end where ").append(plan.byKey("")).append(" and ").append(plan.tx).append(" = ?");
                update(sql.toString(), values(row, plan.dataAt), values(row, plan.keyAt), List.of(tx));
                StringBuilder undone = new StringBuilder("select 1 from " + plan.version + " p where "
                        + plan.byKey("p.") + " and p." + plan.end + " = ? and p." + plan.tx + " <> ?");
                for (String column : plan.data) {
                    undone.append(" and p.").append(column).append(" is not distinct from ?");
                }
                if (exists(undone.toString(), values(row, plan.keyAt), List.of(tx, tx), values(row, plan.dataAt))) {
                    update("delete from " + plan.version + " where " + plan.byKey("") + " and " + plan.tx + " = ?",
                            values(row, plan.keyAt), List.of(tx));
                    update("update " + plan.version + " set " + plan.end + " = null where " + plan.byKey("") + " and "
                            + plan.end + " = ?", values(row, plan.keyAt), List.of(tx));
                    forget();
                }
                return;
            }
            allocate();
            close(row, open);
            // an insert after a deletion that another transaction recorded is an insert, as the listeners record it
            insert(row, insert && (open == null || openDeleted) ? 0 : 1);
        }

        /** The row {@code row} is gone after the change: a deletion keeping it as the deletion found it. */
        private void gone(Object[] row) throws SQLException {
            Long open = open(row);
            if (mine(open)) {
                // the transaction's version is the row's first (inserted, or its key changed to this one): no trace
                update("delete from " + plan.version + " where " + plan.byKey("") + " and " + plan.tx + " = ? and "
                        + "not exists (select 1 from " + plan.version + " p where " + plan.byKey("p.") + " and p."
                        + plan.end + " = ?)", values(row, plan.keyAt), List.of(tx), values(row, plan.keyAt), List.of(tx));
                StringBuilder sql = new StringBuilder("update " + plan.version + " set ");
                for (String column : plan.data) {
                    sql.append(column).append(" = ?, ");
                }
                sql.append(plan.op).append(" = 2 where ").append(plan.byKey("")).append(" and ").append(plan.tx)
                        .append(" = ?");
                update(sql.toString(), values(row, plan.dataAt), values(row, plan.keyAt), List.of(tx));
                forget();
                return;
            }
            if (open != null) {
                allocate();
                close(row, open);
                insert(row, 2);
            }
        }

        /**
         * Whether the open version (see {@link #open}) is this transaction's: a version the
         * transaction wrote stays the row's open one (a deletion too), since no other transaction
         * writes the row before this one ends.
         */
        private boolean mine(Long open) {
            return tx != null && tx.equals(open);
        }

        /** The transaction id of the open version of {@code row}, read with a locking read; null when there is none. */
        private Long open(Object[] row) throws SQLException {
            try (PreparedStatement statement = prepare("select " + plan.tx + ", " + plan.op + " from " + plan.version
                    + " where " + plan.byKey("") + " and " + plan.end + " is null for update", values(row, plan.keyAt));
                    ResultSet rs = statement.executeQuery()) {
                boolean found = rs.next();
                openDeleted = found && rs.getInt(2) == 2;
                return found ? rs.getLong(1) : null;
            }
        }

        /** Refuses to close a version of a transaction with a larger id than this one; closes it otherwise. */
        private void close(Object[] row, Long open) throws SQLException {
            if (open == null) {
                return;
            }
            if (open > tx) {
                throw new SQLException("Continuum: a transaction that began writing later has versioned this "
                        + plan.entity + " row (table " + plan.live + ") and committed first; roll back and retry "
                        + "the transaction", MariaDbTriggers.RETRY_STATE);
            }
            update("update " + plan.version + " set " + plan.end + " = ? where " + plan.byKey("") + " and " + plan.tx
                    + " = ?", List.of(tx), values(row, plan.keyAt), List.of(open));
        }

        private void insert(Object[] row, int operation) throws SQLException {
            List<String> all = new ArrayList<>(plan.keys);
            all.addAll(plan.data);
            update("insert into " + plan.version + " (" + String.join(", ", all) + ", " + plan.tx + ", " + plan.end
                    + ", " + plan.op + ") values (" + "?, ".repeat(all.size()) + "?, null, ?)",
                    values(row, plan.keyAt), values(row, plan.dataAt), List.of(tx, operation));
        }

        /** Allocates the transaction row when this transaction has none yet, attributed as Continuum said. */
        private void allocate() throws SQLException {
            if (tx != null) {
                return;
            }
            boolean attributed;
            try (PreparedStatement statement = connection.prepareStatement("select " + plan.next + ", "
                    + "coalesce(" + H2Triggers.ORIGIN + " = current_timestamp(9) or " + H2Triggers.ORIGIN_TRX
                    + " = transaction_id(), false), " + H2Triggers.USER + ", "
                    + H2Triggers.REMOTE_ADDR + ", current_user");
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                tx = rs.getLong(1);
                attributed = rs.getBoolean(2);
                String user = attributed ? emptyToNull(rs.getString(3)) : rs.getString(5);
                String address = attributed ? emptyToNull(rs.getString(4)) : null;
                update("insert into " + plan.transactions + " (" + plan.txId + ", " + plan.issuedAt + ", "
                        + plan.userId + ", " + plan.remoteAddr + ") values (?, localtimestamp(6), ?, ?)",
                        List.of(tx), Arrays.asList(left(user, plan.userLength), left(address, plan.addrLength)));
            }
            update("select set(" + H2Triggers.TRANSACTION_ID + ", ?), set(" + H2Triggers.TRX + ", transaction_id())"
                    + (attributed ? ", set(" + H2Triggers.ORIGIN_TRX + ", transaction_id())" : ""), List.of(tx));
        }

        /**
         * After a change undid the transaction's only version: the transaction row goes too, so
         * that a transaction whose changes cancel out records nothing. The session variables keep
         * naming it: {@link #current} finds it again when a rollback to a savepoint brings it back
         * (with the versions that name it), and finds none otherwise.
         */
        private void forget() throws SQLException {
            String sql = String.join(" union all ", plan.versions.stream()
                    .map(version -> "select 1 from " + version + " where " + plan.tx + " = ?").toList());
            List<Object> ids = new ArrayList<>();
            plan.versions.forEach(version -> ids.add(tx));
            if (!exists(sql, ids)) {
                update("delete from " + plan.transactions + " where " + plan.txId + " = ?", List.of(tx));
                tx = null;
            }
        }

        private static String emptyToNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }

        private static String left(String value, int length) {
            return value == null || value.length() <= length ? value : value.substring(0, length);
        }

        private static List<Object> values(Object[] row, int[] at) {
            List<Object> values = new ArrayList<>(at.length);
            for (int i : at) {
                values.add(row[i]);
            }
            return values;
        }

        private PreparedStatement prepare(String sql, List<?>... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            int index = 1;
            for (List<?> list : parameters) {
                for (Object value : list) {
                    statement.setObject(index++, value);
                }
            }
            return statement;
        }

        private boolean exists(String sql, List<?>... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }

        private void update(String sql, List<?>... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters)) {
                statement.execute();
            }
        }
    }
}
