package dev.continuum.hibernate.internal.nativemode;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The triggers of native versioning on MariaDB, which has no triggers deferred to commit: per
 * versioned table, three row triggers ({@code AFTER INSERT}, {@code AFTER UPDATE}, {@code AFTER
 * DELETE}) that write the version of the row as each change leaves it. The first of them that has
 * something to record in a transaction allocates its transaction row; there is no stored routine
 * (a trigger that calls a procedure holds a metadata lock on it until its transaction ends, which
 * stalls dropping or replacing it).
 *
 * <p>A transaction is recognised by the connection's counters of transactions ({@code Com_begin},
 * {@code Com_commit}, {@code Com_rollback}; with {@code Questions} and the statement's start time
 * in autocommit), read once per statement: a trigger keeps the id of the transaction row in the
 * user variable {@value #TRANSACTION_ID} beside the counters in {@value #TRX}, and a trigger of a
 * later transaction on the same connection sees other counters. The counters are read again only
 * when the statement's start time ({@code now(6)}, fixed for a statement and its triggers) changes,
 * because reading {@code information_schema.session_status} costs about 0.15 ms; a statement that
 * finds the transaction row gone (its statement failed, or a savepoint was rolled back) forgets it.
 *
 * <p>The first change of a row in a transaction closes its open version and inserts the new one;
 * later changes of the row in the same transaction update that version (insert then update stays
 * an insert, insert then delete removes it, update then delete becomes a deletion, delete then
 * insert an update); a change that returns the row to its previous version removes the version
 * again and reopens the previous one. An update that changes no versioned column writes nothing.
 * The open version is read with a locking read, so that a version committed since the
 * transaction's snapshot is seen; when its transaction id is larger than this transaction's (a
 * transaction that first wrote after this one and committed before it), the trigger signals
 * {@value #RETRY_STATE}, a serialization failure: the transaction must be retried, and no chain is
 * misordered.
 *
 * <p>The attribution Continuum gives is kept in user variables tagged with the transaction they
 * belong to in the same way, so that a later transaction on a pooled connection never takes it.
 */
public final class MariaDbTriggers {

    /** The user variable that holds the id of the transaction row of the connection's current transaction. */
    public static final String TRANSACTION_ID = "@continuum_tx_id";
    /** The user variable that holds which of the connection's transactions {@link #TRANSACTION_ID} belongs to. */
    public static final String TRX = "@continuum_trx";
    /** The user variable that holds which of the connection's transactions Continuum attributed. */
    public static final String ORIGIN = "@continuum_origin";
    /** The user variable of the user the application gave, empty for none. */
    public static final String USER = "@continuum_user";
    /** The user variable of the address the application gave, empty for none. */
    public static final String REMOTE_ADDR = "@continuum_remote_addr";
    /** The user variable that holds the start time of the statement whose transaction {@link #CURRENT} names. */
    public static final String STATEMENT = "@continuum_at";
    /** The user variable that holds which of the connection's transactions runs the statement {@link #STATEMENT}. */
    public static final String CURRENT = "@continuum_cur";
    /** The SQL state a trigger signals when the row's open version belongs to a transaction with a larger id. */
    public static final String RETRY_STATE = "40001";

    /**
     * What tells the connection's current transaction from its earlier ones: the number of
     * transactions it began or ended ({@code Com_begin + Com_commit + Com_rollback}) and, for a
     * statement in autocommit mode, which is a transaction of its own, the number of statements
     * the client sent ({@code Questions}) and the statement's start time (a statement of a stored
     * procedure is not a question of its own). (The InnoDB transaction id of
     * {@code information_schema.innodb_trx} cannot serve: that table is a cache refreshed at
     * most every 0.1 s, so two quick transactions of one connection read the same id.)
     */
    private static final String CURRENT_TRX = "concat((select sum(variable_value) from information_schema.session_status "
            + "where variable_name in ('COM_BEGIN', 'COM_COMMIT', 'COM_ROLLBACK')), ':', if(@@autocommit = 1 and "
            + "@@in_transaction = 0, concat((select variable_value from information_schema.session_status where "
            + "variable_name = 'QUESTIONS'), '/', now(6)), ''))";

    private static final String[] EVENTS = {"insert", "update", "delete"};

    private MariaDbTriggers() {
    }

    /** The statement that attributes the current transaction, with the user and the address as its two parameters. */
    public static String attributionSql() {
        return "set " + USER + " = ?, " + REMOTE_ADDR + " = ?, " + ORIGIN + " = " + CURRENT_TRX;
    }

    /** The rendered name of the trigger of {@code table} for {@code event} (insert, update or delete). */
    public static String triggerName(NativeTable table, String event, SqlStringGenerationContext context) {
        Table beside = table.version();
        return context.format(new QualifiedTableName(beside.getCatalogIdentifier(), beside.getSchemaIdentifier(),
                new Identifier(plainTriggerName(table, event), beside.isQuoted())));
    }

    /** The unqualified, unquoted name of the trigger of {@code table} for {@code event}. */
    public static String plainTriggerName(NativeTable table, String event) {
        return table.triggerName() + "_" + event.charAt(0);
    }

    /** The events of the three triggers of each table. */
    public static List<String> events() {
        return List.of(EVENTS);
    }

    /** The statements that create (or replace) the three triggers of {@code table}, one of {@code unit}'s. */
    public static List<String> create(NativeTable table, NativeTriggers unit, SqlStringGenerationContext context) {
        String live = context.format(table.live().getQualifiedTableName());
        List<String> statements = new ArrayList<>();
        for (String event : EVENTS) {
            String trigger = triggerName(table, event, context);
            statements.add("drop trigger if exists " + trigger);
            statements.add("create trigger " + trigger + " after " + event + " on " + live + " for each row\n"
                    + body(table, event, unit, context));
        }
        return statements;
    }

    /** The statements that drop the triggers of {@code table}. */
    public static List<String> drop(NativeTable table, SqlStringGenerationContext context) {
        return events().stream().map(event -> "drop trigger if exists " + triggerName(table, event, context)).toList();
    }

    /**
     * The body of the trigger of {@code table} (one of {@code unit}'s) for {@code event}, as the
     * database keeps it. It has no comments: the {@code mariadb} client strips them from what it
     * sends, so a script applied through it would leave triggers that differ from these.
     */
    public static String body(NativeTable table, String event, NativeTriggers unit,
            SqlStringGenerationContext context) {
        Sql sql = new Sql(table, unit.names(), unit.tables(), context);
        StringBuilder body = new StringBuilder("begin\n  declare cv_tx bigint;\n  declare cv_open bigint;\n  declare cv_open_op int;\n")
                .append(sql.transaction());
        switch (event) {
            case "insert" -> body.append(sql.present("NEW", true));
            case "delete" -> body.append(sql.gone("OLD"));
            default -> {
                String unchanged = same("OLD", "NEW", table.keyColumns()) + (table.dataColumns().isEmpty() ? ""
                        : " and " + identical("OLD", "NEW", table.dataColumns()));
                body.append("  if not (").append(unchanged).append(") then\n")
                        .append("    if not (").append(same("OLD", "NEW", table.keyColumns())).append(") then\n")
                        .append(indent(sql.gone("OLD"), "    "))
                        .append("    end if;\n")
                        .append(indent(sql.present("NEW", false), "  "))
                        .append("  end if;\n");
            }
        }
        return body.append("end").toString();
    }

    /** The statements of a trigger body, for one table. */
    private record Sql(NativeTable table, Bookkeeping names, List<NativeTable> unit,
            SqlStringGenerationContext context) {

        String version() {
            return context.format(table.version().getQualifiedTableName());
        }

        String transactionTable() {
            return context.format(names.transactionTable().get().getQualifiedTableName());
        }

        String transactionColumn(String logical) {
            return names.column(logical, context.getDialect());
        }

        /** Sets {@code cv_tx} to the transaction row of the current transaction, when a trigger allocated it. */
        String transaction() {
            String id = transactionColumn(TableNames.TransactionColumns.NAMES.id());
            return "  if not (" + STATEMENT + " <=> now(6)) then\n"
                    + "    set " + STATEMENT + " = now(6), " + CURRENT + " = " + CURRENT_TRX + ";\n"
                    + "    if " + TRX + " = " + CURRENT + " and not exists (select 1 from " + transactionTable()
                    + " t where t." + id + " = " + TRANSACTION_ID + ") then\n"
                    + "      set " + TRX + " = null;\n"
                    + "    end if;\n"
                    + "  end if;\n"
                    + "  if " + TRX + " = " + CURRENT + " then\n"
                    + "    set cv_tx = " + TRANSACTION_ID + ";\n"
                    + "  end if;\n";
        }

        /** Allocates the transaction row when this transaction has none yet. */
        String allocate() {
            TableNames.TransactionColumns logical = TableNames.TransactionColumns.NAMES;
            String next = context.getDialect().getSequenceSupport()
                    .getSelectSequenceNextValString(context.format(names.sequence()));
            String insert = "      insert into " + transactionTable() + " (" + transactionColumn(logical.id()) + ", "
                    + transactionColumn(logical.issuedAt()) + ", " + transactionColumn(logical.userId()) + ", "
                    + transactionColumn(logical.remoteAddr()) + ") values (cv_tx, current_timestamp(6), ";
            return "    if cv_tx is null then\n"
                    + "      set cv_tx = " + next + ";\n"
                    + "      if " + ORIGIN + " = " + CURRENT + " then\n"
                    + "  " + insert + "nullif(" + USER + ", ''), nullif(" + REMOTE_ADDR + ", ''));\n"
                    + "      else\n"
                    + "  " + insert + "left(substring_index(user(), '@', 1), " + names.userIdLength()
                    + "), left(substring_index(user(), '@', -1), " + names.remoteAddrLength() + "));\n"
                    + "      end if;\n"
                    + "      set " + TRANSACTION_ID + " = cv_tx, " + TRX + " = " + CURRENT + ";\n"
                    + "    end if;\n";
        }

        /**
         * After a change undid the transaction's only version: the transaction row goes too, so
         * that a transaction whose changes cancel out records nothing, as at commit on PostgreSQL.
         * The user variables keep naming it, and the next trigger checks again that it exists (see
         * {@link #transaction}): a rollback to a savepoint brings it back with the versions that
         * name it, and the transaction must go on using it.
         */
        String forget() {
            StringBuilder sql = new StringBuilder("    if ");
            String separator = "";
            for (NativeTable other : unit) {
                sql.append(separator).append("not exists (select 1 from ")
                        .append(context.format(other.version().getQualifiedTableName())).append(" o where o.")
                        .append(names.transactionId()).append(" = cv_tx)");
                separator = "\n        and ";
            }
            return sql.append(" then\n")
                    .append("      delete from ").append(transactionTable()).append(" where ")
                    .append(transactionColumn(TableNames.TransactionColumns.NAMES.id())).append(" = cv_tx;\n")
                    .append("      set ").append(STATEMENT).append(" = null;\n")
                    .append("    end if;\n").toString();
        }

        /**
         * Refuses to close the open version {@code cv_open} (see {@link #open}) when its
         * transaction has a larger id than this one, and closes it by its exact key, which locks
         * that version alone.
         */
        String close(String row) {
            String key = match("v", row, table.keyColumns());
            String tx = names.transactionId();
            String end = names.endTransactionId();
            return "    if cv_open > cv_tx then\n"
                    + "      signal sqlstate '" + RETRY_STATE + "' set message_text = 'Continuum: a transaction that "
                    + "began writing later has versioned this " + table.entity() + " row (table " + table.live()
                    .getName() + ") and committed first; roll back and retry the transaction';\n"
                    + "    end if;\n"
                    + "    update " + version() + " v set v." + end + " = cv_tx where " + key + " and v." + tx
                    + " = cv_open;\n";
        }

        /**
         * The index the locking read of the open version goes through: the primary key (key, then
         * transaction), searched by the row's key, which locks the row's versions and the gap after
         * them. Named, because with few rows the optimizer would rather scan, and lock, the table.
         */
        String byKey() {
            return table.version().getPrimaryKey() == null ? "" : " force index (primary)";
        }

        /**
         * Reads the transaction id of the open version of {@code row} into {@code cv_open} (null
         * when there is none), and its operation into {@code cv_open_op}, with a locking read, which sees a version committed after this
         * transaction's snapshot. The version itself, not {@code max()}: a maximum is read
         * backwards from the next key, which locks that key's first version as well.
         */
        String open(String row) {
            return "    set cv_open = null, cv_open_op = null;\n    select v." + names.transactionId() + ", v."
                    + names.operationType() + " into cv_open, cv_open_op from " + version()
                    + " v" + byKey() + " where " + match("v", row, table.keyColumns()) + " and v."
                    + names.endTransactionId() + " is null limit 1 for update;\n";
        }

        String mine(String row) {
            return "cv_tx is not null and exists (select 1 from " + version() + " v where "
                    + match("v", row, table.keyColumns()) + " and v." + names.transactionId() + " = cv_tx)";
        }

        String insert(String row, String operation) {
            List<String> all = new ArrayList<>(table.keyColumns());
            all.addAll(table.dataColumns());
            return "    insert into " + version() + " (" + String.join(", ", all) + ", " + names.transactionId() + ", "
                    + names.endTransactionId() + ", " + names.operationType() + ") values (" + prefixed(row, all)
                    + ", cv_tx, null, " + operation + ");\n";
        }

        /** The row {@code row} exists after the change: its version of this transaction holds it. */
        String present(String row, boolean insert) {
            String v = version();
            String tx = names.transactionId();
            String end = names.endTransactionId();
            String op = names.operationType();
            String key = match("v", row, table.keyColumns());
            StringBuilder sql = new StringBuilder();
            sql.append("  if ").append(mine(row)).append(" then\n")
                    .append("    update ").append(v).append(" v set ");
            for (String column : table.dataColumns()) {
                sql.append("v.").append(column).append(" = ").append(row).append('.').append(column).append(", ");
            }
            sql.append("v.").append(op).append(" = case when v.").append(op).append(" = 2 then 1 else v.").append(op)
                    .append(" end where ").append(key).append(" and v.").append(tx).append(" = cv_tx;\n")
                    .append("    if exists (select 1 from ").append(v).append(" p where ")
                    .append(match("p", row, table.keyColumns())).append(" and p.").append(end).append(" = cv_tx and p.")
                    .append(tx).append(" <> cv_tx");
            if (!table.dataColumns().isEmpty()) {
                sql.append(" and ").append(identical("p", row, table.dataColumns()));
            }
            sql.append(") then\n")
                    .append("      delete from ").append(v).append(" where ").append(match(v, row, table.keyColumns()))
                    .append(" and ").append(tx).append(" = cv_tx;\n")
                    .append("      update ").append(v).append(" v set v.").append(end).append(" = null where ")
                    .append(key).append(" and v.").append(end).append(" = cv_tx;\n")
                    .append(indent(forget(), "  "))
                    .append("    end if;\n")
                    .append("  else\n")
                    .append(allocate())
                    .append(open(row))
                    .append(close(row))
                    .append(insert(row, insert ? "case when cv_open is null or cv_open_op = 2 then 0 else 1 end" : "1"))
                    .append("  end if;\n");
            return sql.toString();
        }

        /** The row {@code row} is gone after the change: a deletion keeping it as the deletion found it. */
        String gone(String row) {
            String v = version();
            String tx = names.transactionId();
            String op = names.operationType();
            String key = match("v", row, table.keyColumns());
            StringBuilder sql = new StringBuilder();
            sql.append("  if ").append(mine(row)).append(" then\n")
                    .append("    if not exists (select 1 from ").append(v).append(" p where ")
                    .append(match("p", row, table.keyColumns())).append(" and p.").append(names.endTransactionId())
                    .append(" = cv_tx) then\n")
                    .append("      delete from ").append(v).append(" where ").append(match(v, row, table.keyColumns()))
                    .append(" and ").append(tx).append(" = cv_tx;\n")
                    .append("    end if;\n")
                    .append("    update ").append(v).append(" v set ");
            for (String column : table.dataColumns()) {
                sql.append("v.").append(column).append(" = ").append(row).append('.').append(column).append(", ");
            }
            sql.append("v.").append(op).append(" = 2 where ").append(key).append(" and v.").append(tx)
                    .append(" = cv_tx;\n")
                    .append(forget())
                    .append("  else\n")
                    .append(open(row))
                    .append("    if cv_open is not null then\n")
                    .append(indent(allocate() + close(row) + insert(row, "2"), "  "))
                    .append("    end if;\n")
                    .append("  end if;\n");
            return sql.toString();
        }
    }

    private static String indent(String lines, String by) {
        return lines.lines().map(line -> by + line + "\n").reduce("", String::concat);
    }

    private static String prefixed(String alias, List<String> columns) {
        return String.join(", ", columns.stream().map(column -> alias + "." + column).toList());
    }

    private static String match(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream().map(c -> left + "." + c + " = " + right + "." + c).toList());
    }

    private static String same(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream().map(c -> left + "." + c + " <=> " + right + "." + c).toList());
    }

    /**
     * Whether the values of {@code columns} are the same, byte for byte: a text column compared
     * with {@code <=>} follows its collation, under which {@code 'Hello'} equals {@code 'hello'},
     * {@code 'hello '} and {@code 'hellö'} in MariaDB's default ones, and such a change would
     * record nothing.
     */
    private static String identical(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream()
                .map(c -> "binary " + left + "." + c + " <=> binary " + right + "." + c).toList());
    }
}
