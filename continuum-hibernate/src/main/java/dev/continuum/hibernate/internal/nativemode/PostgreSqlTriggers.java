package dev.continuum.hibernate.internal.nativemode;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The triggers of native versioning on PostgreSQL: per versioned table, a constraint trigger
 * {@code DEFERRABLE INITIALLY DEFERRED}, so that it runs at commit, after the transaction's last
 * write and while it still holds the row locks of everything it changed; and one function shared
 * by all of them that allocates the transaction row when the first of them runs (or takes the one
 * Continuum's event listeners wrote for the same transaction), and keeps its id in the
 * transaction-local setting {@value #TRANSACTION_ID}.
 *
 * <p>Each trigger writes the version of one row from the row as it is at commit: inserted or
 * updated when the live row exists (nothing when it equals the open version: a no-op update); when
 * it does not, a deletion keeping the row as its deletion found it (the {@code OLD} row of the
 * transaction's last delete of it), or nothing when there is no open version either (inserted and
 * deleted in the transaction). It closes the open version it supersedes. A row with a version of
 * this transaction already is skipped, so that several changes of one row in one transaction make
 * one version; the first change of the row decides between insert and update.
 */
public final class PostgreSqlTriggers {

    /** The transaction-local setting that holds the id of the transaction row of the transaction. */
    public static final String TRANSACTION_ID = "continuum.transaction_id";
    /** The transaction-local setting that says Continuum attributed the transaction (any non-empty value). */
    public static final String ORIGIN = "continuum.origin";
    /** The transaction-local setting of the user the application gave, empty for none. */
    public static final String USER = "continuum.user";
    /** The transaction-local setting of the address the application gave, empty for none. */
    public static final String REMOTE_ADDR = "continuum.remote_addr";

    /** What delimits function bodies, which cannot occur inside them. */
    private static final String QUOTE = "$continuum$";

    private PostgreSqlTriggers() {
    }

    /** The statement that attributes the current transaction, with the user and the address as its two parameters. */
    public static String attributionSql() {
        return "select set_config('" + ORIGIN + "', 'application', true), set_config('" + USER + "', ?, true), "
                + "set_config('" + REMOTE_ADDR + "', ?, true)";
    }

    /** The statement that hands the id of a transaction row written by the listeners to the triggers (one parameter). */
    public static String publishSql() {
        return "select set_config('" + TRANSACTION_ID + "', ?, true)";
    }

    /** The qualified name of the allocating function. */
    public static String allocatorName(Bookkeeping names, SqlStringGenerationContext context) {
        return function(names.transactionTable().get(), names.allocator(), context);
    }

    /** The qualified name of the trigger function of {@code table}. */
    public static String functionName(NativeTable table, SqlStringGenerationContext context) {
        return function(table.version(), table.triggerName(), context);
    }

    /** The rendered trigger name of {@code table}. */
    public static String triggerName(NativeTable table, SqlStringGenerationContext context) {
        return new Identifier(table.triggerName(), table.version().isQuoted()).render(context.getDialect());
    }

    private static String function(Table beside, String name, SqlStringGenerationContext context) {
        return context.format(new QualifiedTableName(beside.getCatalogIdentifier(), beside.getSchemaIdentifier(),
                new Identifier(name, beside.isQuoted())));
    }

    /** The statements that create (or replace) the allocating function. */
    public static List<String> createAllocator(Bookkeeping names, SqlStringGenerationContext context) {
        return List.of("create or replace function " + allocatorName(names, context)
                + "() returns bigint language plpgsql as " + QUOTE + allocatorBody(names, context) + QUOTE);
    }

    /** The body of the allocating function, as the database keeps it. */
    public static String allocatorBody(Bookkeeping names, SqlStringGenerationContext context) {
        String table = context.format(names.transactionTable().get().getQualifiedTableName());
        TableNames.TransactionColumns logical = TableNames.TransactionColumns.NAMES;
        String id = names.column(logical.id(), context.getDialect());
        String next = context.getDialect().getSequenceSupport().getSelectSequenceNextValString(context.format(names.sequence()));
        String now = "clock_timestamp()";
        String columns = " (" + id + ", " + names.column(logical.issuedAt(), context.getDialect()) + ", "
                + names.column(logical.userId(), context.getDialect()) + ", "
                + names.column(logical.remoteAddr(), context.getDialect()) + ")";
        return "\ndeclare\n"
                + "  cv_tx bigint := nullif(current_setting('" + TRANSACTION_ID + "', true), '')::bigint;\n"
                + "begin\n"
                + "  if cv_tx is null then\n"
                + "    if coalesce(current_setting('" + ORIGIN + "', true), '') = '' then\n"
                + "      -- written by another program: what the database knows of it\n"
                + "      insert into " + table + columns + " values (" + next + ", " + now
                + ", left(session_user::text, " + names.userIdLength() + "), left(host(inet_client_addr()), "
                + names.remoteAddrLength() + ")) returning " + id + " into cv_tx;\n"
                + "    else\n"
                + "      insert into " + table + columns + " values (" + next + ", " + now
                + ", nullif(current_setting('" + USER + "', true), ''), nullif(current_setting('" + REMOTE_ADDR
                + "', true), '')) returning " + id + " into cv_tx;\n"
                + "    end if;\n"
                + "    perform set_config('" + TRANSACTION_ID + "', cv_tx::text, true);\n"
                + "  end if;\n"
                + "  return cv_tx;\n"
                + "end\n";
    }

    /** The statements that drop the allocating function (and so, with it, nothing else). */
    public static List<String> dropAllocator(Bookkeeping names, SqlStringGenerationContext context) {
        return List.of("drop function if exists " + allocatorName(names, context) + "()");
    }

    /** The statements that create (or replace) the trigger of {@code table} and its function. */
    public static List<String> create(NativeTable table, Bookkeeping names, SqlStringGenerationContext context) {
        String function = functionName(table, context);
        String trigger = triggerName(table, context);
        String live = context.format(table.live().getQualifiedTableName());
        return List.of(
                "create or replace function " + function + "() returns trigger language plpgsql as " + QUOTE
                        + body(table, names, context) + QUOTE,
                "drop trigger if exists " + trigger + " on " + live,
                "create constraint trigger " + trigger + " after insert or update or delete on " + live
                        + " deferrable initially deferred for each row execute function " + function + "()");
    }

    /** The statements that drop the trigger of {@code table}, with its function. */
    public static List<String> drop(NativeTable table, SqlStringGenerationContext context) {
        return List.of("drop function if exists " + functionName(table, context) + "() cascade");
    }

    /** The body of the trigger function of {@code table}, as the database keeps it. */
    public static String body(NativeTable table, Bookkeeping names, SqlStringGenerationContext context) {
        String version = context.format(table.version().getQualifiedTableName());
        String live = context.format(table.live().getQualifiedTableName());
        String tx = names.transactionId();
        String end = names.endTransactionId();
        List<String> all = new ArrayList<>(table.keyColumns());
        all.addAll(table.dataColumns());
        String byKeyV = match("v", "cv_r", table.keyColumns());
        String columns = String.join(", ", all) + ", " + tx + ", " + end + ", " + names.operationType();
        String exists = "cv_tx is not null and exists (select 1 from " + version + " v where " + byKeyV + " and v."
                + tx + " = cv_tx)";
        String allocate = "      if cv_tx is null then\n        cv_tx := " + allocatorName(names, context) + "();\n"
                + "      end if;\n";
        String close = "        update " + version + " v set " + end + " = cv_tx where " + byKeyV + " and v." + tx
                + " = cv_prev." + tx + ";\n";
        String selectPrev = "    select " + prefixed("v", all) + ", v." + tx + ", v." + names.operationType()
                + " into cv_prev from " + version
                + " v where " + byKeyV + " and v." + end + " is null order by v." + tx + " desc limit 1;\n"
                + "    cv_prev_found := found;\n";
        StringBuilder sql = new StringBuilder();
        sql.append("\ndeclare\n")
                .append("  cv_r record;\n  cv_live record;\n  cv_prev record;\n  cv_prev_found boolean;\n")
                .append("  cv_tx bigint := nullif(current_setting('" + TRANSACTION_ID + "', true), '')::bigint;\n")
                .append("begin\n")
                .append("  for cv_pass in 1..2 loop\n")
                .append("    if cv_pass = 1 then\n")
                .append("      if TG_OP = 'DELETE' then cv_r := OLD; else cv_r := NEW; end if;\n")
                .append("    else\n")
                .append("      -- an update that changed the key: the old key is gone\n")
                .append("      exit when TG_OP <> 'UPDATE';\n")
                .append("      exit when ").append(same("OLD", "NEW", table.keyColumns())).append(";\n")
                .append("      cv_r := OLD;\n")
                .append("    end if;\n")
                .append("    select ").append(prefixed("t", all)).append(" into cv_live from ").append(live)
                .append(" t where ").append(match("t", "cv_r", table.keyColumns())).append(";\n")
                .append("    if not found then\n")
                .append("      -- gone at commit: the deletion's version keeps the row as the last deletion found it\n")
                .append("      continue when TG_OP <> 'DELETE' and cv_pass = 1;\n")
                .append("      if ").append(exists).append(" then\n");
        if (!table.dataColumns().isEmpty()) {
            sql.append("        update ").append(version).append(" v set ").append(String.join(", ",
                    table.dataColumns().stream().map(c -> c + " = cv_r." + c).toList())).append(" where ")
                    .append(byKeyV).append(" and v.").append(tx).append(" = cv_tx;\n");
        }
        sql.append("        continue;\n")
                .append("      end if;\n")
                .append(selectPrev.replace("\n    ", "\n      ").replaceFirst("^    ", "      "))
                .append("      -- inserted and deleted in this transaction: nothing to record\n")
                .append("      continue when not cv_prev_found;\n")
                .append(allocate)
                .append(close.replaceFirst("^        ", "      "))
                .append("      insert into ").append(version).append(" (").append(columns).append(") values (")
                .append(prefixed("cv_r", all)).append(", cv_tx, null, 2);\n")
                .append("      continue;\n")
                .append("    end if;\n")
                .append("    -- present at commit: one version per row and transaction, from its state at commit\n")
                .append("    continue when ").append(exists).append(";\n")
                .append(selectPrev)
                .append("    continue when cv_prev_found")
                .append(table.dataColumns().isEmpty() ? "" : " and " + same("cv_live", "cv_prev", table.dataColumns()))
                .append(";\n")
                .append(allocate.replace("\n      ", "\n    ").replaceFirst("^      ", "    "))
                .append("    if cv_prev_found then\n")
                .append(close.replaceFirst("^        ", "      "))
                .append("    end if;\n")
                .append("    insert into ").append(version).append(" (").append(columns).append(") values (")
                .append(prefixed("cv_live", all)).append(", cv_tx, null, case when (cv_prev_found and cv_prev."
                        + names.operationType() + " <> 2) or cv_pass = 2 or TG_OP <> 'INSERT' then 1 else 0 end);\n")
                .append("  end loop;\n")
                .append("  return null;\n")
                .append("end\n");
        return sql.toString();
    }

    private static String prefixed(String alias, List<String> columns) {
        return String.join(", ", columns.stream().map(column -> alias + "." + column).toList());
    }

    private static String match(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream().map(c -> left + "." + c + " = " + right + "." + c).toList());
    }

    private static String same(String left, String right, List<String> columns) {
        return String.join(" and ",
                columns.stream().map(c -> left + "." + c + " is not distinct from " + right + "." + c).toList());
    }
}
