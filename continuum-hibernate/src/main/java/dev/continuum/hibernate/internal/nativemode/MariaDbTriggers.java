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
 * DELETE}) that write the version of the row as each change leaves it, and one procedure shared by
 * all of them that allocates the transaction row at the first change of a transaction.
 *
 * <p>A transaction is recognised by the connection's counters of transactions
 * ({@code Com_begin}, {@code Com_commit}, {@code Com_rollback}; {@code Questions} in autocommit): the procedure keeps the id of the transaction row in the user variable
 * {@value #TRANSACTION_ID} beside the counters in {@value #TRX}, and a trigger of a later
 * transaction on the same connection sees other counters.
 * The first change of a row in a transaction closes its open version and inserts the new one;
 * later changes of the row in the same transaction update that version (insert then update stays
 * an insert, insert then delete removes it, update then delete becomes a deletion, delete then
 * insert an update); a change that returns the row to its previous version removes the version
 * again and reopens the previous one. An update that changes no versioned column writes nothing.
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

    /**
     * What tells the connection's current transaction from its earlier ones: the number of
     * transactions it began or ended ({@code Com_begin + Com_commit + Com_rollback}) and, for a
     * statement in autocommit mode, which is a transaction of its own, the number of statements
     * the client sent ({@code Questions}). (The InnoDB transaction id of
     * {@code information_schema.innodb_trx} cannot serve: that table is a cache refreshed at
     * most every 0.1 s, so two quick transactions of one connection read the same id.)
     */
    private static final String CURRENT_TRX = "concat((select sum(variable_value) from information_schema.session_status "
            + "where variable_name in ('COM_BEGIN', 'COM_COMMIT', 'COM_ROLLBACK')), ':', if(@@autocommit = 1 and "
            + "@@in_transaction = 0, (select variable_value from information_schema.session_status where variable_name "
            + "= 'QUESTIONS'), ''))";

    private static final String[] EVENTS = {"insert", "update", "delete"};

    private MariaDbTriggers() {
    }

    /** The statement that attributes the current transaction, with the user and the address as its two parameters. */
    public static String attributionSql() {
        return "set " + USER + " = ?, " + REMOTE_ADDR + " = ?, " + ORIGIN + " = " + CURRENT_TRX;
    }

    /** The statement that hands the id of a transaction row written by the listeners to the triggers (one parameter). */
    public static String publishSql() {
        return "set " + TRANSACTION_ID + " = ?, " + TRX + " = " + CURRENT_TRX;
    }

    /** The statement that reads the id of the transaction row the triggers allocated for the current transaction, if any. */
    public static String currentSql() {
        return "select case when " + TRX + " = " + CURRENT_TRX + " then " + TRANSACTION_ID + " end";
    }

    /** The qualified name of the allocating procedure. */
    public static String allocatorName(Bookkeeping names, SqlStringGenerationContext context) {
        Table beside = names.transactionTable().get();
        return context.format(new QualifiedTableName(beside.getCatalogIdentifier(), beside.getSchemaIdentifier(),
                new Identifier(names.allocator(), beside.isQuoted())));
    }

    /** The rendered name of the trigger of {@code table} for {@code event} (insert, update or delete). */
    public static String triggerName(NativeTable table, String event, SqlStringGenerationContext context) {
        Table beside = table.version();
        return context.format(new QualifiedTableName(beside.getCatalogIdentifier(), beside.getSchemaIdentifier(),
                new Identifier(table.triggerName() + "_" + event.charAt(0), beside.isQuoted())));
    }

    /** The unqualified, unquoted name of the trigger of {@code table} for {@code event}. */
    public static String plainTriggerName(NativeTable table, String event) {
        return table.triggerName() + "_" + event.charAt(0);
    }

    /** The events of the three triggers of each table. */
    public static List<String> events() {
        return List.of(EVENTS);
    }

    /** The statements that create (or replace) the allocating procedure. */
    public static List<String> createAllocator(Bookkeeping names, SqlStringGenerationContext context) {
        String name = allocatorName(names, context);
        return List.of("drop procedure if exists " + name,
                "create procedure " + name + "(in cv_create boolean, out cv_tx bigint)\n" + allocatorBody(names, context));
    }

    /** The body of the allocating procedure, as the database keeps it. */
    public static String allocatorBody(Bookkeeping names, SqlStringGenerationContext context) {
        String table = context.format(names.transactionTable().get().getQualifiedTableName());
        TableNames.TransactionColumns logical = TableNames.TransactionColumns.NAMES;
        String id = names.column(logical.id(), context.getDialect());
        String next = context.getDialect().getSequenceSupport()
                .getSelectSequenceNextValString(context.format(names.sequence()));
        String columns = " (" + id + ", " + names.column(logical.issuedAt(), context.getDialect()) + ", "
                + names.column(logical.userId(), context.getDialect()) + ", "
                + names.column(logical.remoteAddr(), context.getDialect()) + ")";
        return "begin\n"
                + "  declare cv_trx varchar(64);\n"
                + "  set cv_trx = " + CURRENT_TRX + ";\n"
                + "  if " + TRX + " is not null and " + TRX + " = cv_trx then\n"
                + "    set cv_tx = " + TRANSACTION_ID + ";\n"
                + "  elseif cv_create then\n"
                + "    set cv_tx = " + next + ";\n"
                + "    if " + ORIGIN + " is not null and " + ORIGIN + " = " + CURRENT_TRX + " then\n"
                + "      insert into " + table + columns + " values (cv_tx, current_timestamp(6), nullif(" + USER
                + ", ''), nullif(" + REMOTE_ADDR + ", ''));\n"
                + "    else\n"
                + "      -- written by another program: what the database knows of it\n"
                + "      insert into " + table + columns + " values (cv_tx, current_timestamp(6), left(current_user(), "
                + names.userIdLength() + "), left(substring_index((select host from information_schema.processlist "
                + "where id = connection_id()), ':', 1), " + names.remoteAddrLength() + "));\n"
                + "    end if;\n"
                + "    set " + TRANSACTION_ID + " = cv_tx, " + TRX + " = cv_trx, " + ORIGIN + " = null;\n"
                + "  else\n"
                + "    set cv_tx = null;\n"
                + "  end if;\n"
                + "end";
    }

    /** The statements that drop the allocating procedure. */
    public static List<String> dropAllocator(Bookkeeping names, SqlStringGenerationContext context) {
        return List.of("drop procedure if exists " + allocatorName(names, context));
    }

    /** The statements that create (or replace) the three triggers of {@code table}. */
    public static List<String> create(NativeTable table, Bookkeeping names, SqlStringGenerationContext context) {
        String live = context.format(table.live().getQualifiedTableName());
        List<String> statements = new ArrayList<>();
        for (String event : EVENTS) {
            String trigger = triggerName(table, event, context);
            statements.add("drop trigger if exists " + trigger);
            statements.add("create trigger " + trigger + " after " + event + " on " + live + " for each row\n"
                    + body(table, event, names, context));
        }
        return statements;
    }

    /** The statements that drop the triggers of {@code table}. */
    public static List<String> drop(NativeTable table, SqlStringGenerationContext context) {
        return events().stream().map(event -> "drop trigger if exists " + triggerName(table, event, context)).toList();
    }

    /** The body of the trigger of {@code table} for {@code event}, as the database keeps it. */
    public static String body(NativeTable table, String event, Bookkeeping names, SqlStringGenerationContext context) {
        Sql sql = new Sql(table, names, context);
        StringBuilder body = new StringBuilder("begin\n  declare cv_tx bigint;\n  declare cv_n int;\n");
        body.append("  call ").append(allocatorName(names, context)).append("(false, cv_tx);\n");
        switch (event) {
            case "insert" -> body.append(sql.present("NEW", true));
            case "delete" -> body.append(sql.gone("OLD"));
            default -> {
                List<String> all = new ArrayList<>(table.keyColumns());
                all.addAll(table.dataColumns());
                body.append("  if not (").append(same("OLD", "NEW", all)).append(") then\n")
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
    private record Sql(NativeTable table, Bookkeeping names, SqlStringGenerationContext context) {

        String version() {
            return context.format(table.version().getQualifiedTableName());
        }

        String allocate() {
            return "    if cv_tx is null then\n      call " + allocatorName(names, context) + "(true, cv_tx);\n"
                    + "    end if;\n";
        }

        String mine(String row) {
            return "cv_tx is not null and exists (select 1 from " + version() + " v where "
                    + match("v", row, table.keyColumns()) + " and v." + names.transactionId() + " = cv_tx)";
        }

        /** The row {@code row} exists after the change: its version of this transaction holds it. */
        String present(String row, boolean insert) {
            String v = version();
            String tx = names.transactionId();
            String end = names.endTransactionId();
            String op = names.operationType();
            String key = match("v", row, table.keyColumns());
            List<String> all = new ArrayList<>(table.keyColumns());
            all.addAll(table.dataColumns());
            StringBuilder sql = new StringBuilder();
            sql.append("  if ").append(mine(row)).append(" then\n")
                    .append("    update ").append(v).append(" v set ");
            for (String column : table.dataColumns()) {
                sql.append("v.").append(column).append(" = ").append(row).append('.').append(column).append(", ");
            }
            sql.append("v.").append(op).append(" = case when v.").append(op).append(" = 2 then 1 else v.").append(op)
                    .append(" end where ").append(key).append(" and v.").append(tx).append(" = cv_tx;\n")
                    .append("    -- back to the version before this transaction: nothing to record\n")
                    .append("    if exists (select 1 from ").append(v).append(" p where ")
                    .append(match("p", row, table.keyColumns())).append(" and p.").append(end).append(" = cv_tx and p.")
                    .append(tx).append(" <> cv_tx");
            if (!table.dataColumns().isEmpty()) {
                sql.append(" and ").append(same("p", row, table.dataColumns()));
            }
            sql.append(") then\n")
                    .append("      delete from ").append(v).append(" where ").append(match(v, row, table.keyColumns()))
                    .append(" and ").append(tx).append(" = cv_tx;\n")
                    .append("      update ").append(v).append(" v set v.").append(end).append(" = null where ")
                    .append(key).append(" and v.").append(end).append(" = cv_tx;\n")
                    .append("    end if;\n")
                    .append("  else\n")
                    .append(allocate())
                    .append("    update ").append(v).append(" v set v.").append(end).append(" = cv_tx where ")
                    .append(key).append(" and v.").append(end).append(" is null;\n")
                    .append("    set cv_n = row_count();\n")
                    .append("    insert into ").append(v).append(" (").append(String.join(", ", all)).append(", ")
                    .append(tx).append(", ").append(end).append(", ").append(op).append(") values (")
                    .append(prefixed(row, all)).append(", cv_tx, null, ")
                    .append(insert ? "case when cv_n > 0 then 1 else 0 end" : "1").append(");\n")
                    .append("  end if;\n");
            return sql.toString();
        }

        /** The row {@code row} is gone after the change: a deletion keeping it as the deletion found it. */
        String gone(String row) {
            String v = version();
            String tx = names.transactionId();
            String end = names.endTransactionId();
            String op = names.operationType();
            String key = match("v", row, table.keyColumns());
            List<String> all = new ArrayList<>(table.keyColumns());
            all.addAll(table.dataColumns());
            StringBuilder sql = new StringBuilder();
            sql.append("  if ").append(mine(row)).append(" then\n")
                    .append("    -- inserted in this transaction: nothing to record\n")
                    .append("    delete from ").append(v).append(" where ").append(match(v, row, table.keyColumns()))
                    .append(" and ").append(tx).append(" = cv_tx and ").append(op).append(" = 0;\n")
                    .append("    update ").append(v).append(" v set ");
            for (String column : table.dataColumns()) {
                sql.append("v.").append(column).append(" = ").append(row).append('.').append(column).append(", ");
            }
            sql.append("v.").append(op).append(" = 2 where ").append(key).append(" and v.").append(tx)
                    .append(" = cv_tx;\n")
                    .append("  elseif exists (select 1 from ").append(v).append(" v where ").append(key)
                    .append(" and v.").append(end).append(" is null) then\n")
                    .append(allocate())
                    .append("    update ").append(v).append(" v set v.").append(end).append(" = cv_tx where ")
                    .append(key).append(" and v.").append(end).append(" is null;\n")
                    .append("    insert into ").append(v).append(" (").append(String.join(", ", all)).append(", ")
                    .append(tx).append(", ").append(end).append(", ").append(op).append(") values (")
                    .append(prefixed(row, all)).append(", cv_tx, null, 2);\n")
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
}
