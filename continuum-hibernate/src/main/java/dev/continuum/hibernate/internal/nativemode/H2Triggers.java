package dev.continuum.hibernate.internal.nativemode;

import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The triggers of native versioning on H2, whose triggers are Java classes: per versioned table,
 * one row trigger {@code AFTER INSERT, UPDATE, DELETE} that calls {@link H2Trigger}, and a comment
 * on the trigger that holds what the trigger needs to know (the version table and its columns,
 * the transaction table, the sequence), which {@link H2Trigger} reads at its first change. The
 * comment is also what the schema check compares: it changes with the mapping.
 */
public final class H2Triggers {

    /** The class the triggers call; a string, so that naming it does not load H2's classes. */
    public static final String TRIGGER_CLASS = "dev.continuum.hibernate.internal.nativemode.H2Trigger";
    /** The session variable of the user the application gave, empty for none. */
    public static final String USER = "@continuum_user";
    /** The session variable of the address the application gave, empty for none. */
    public static final String REMOTE_ADDR = "@continuum_remote_addr";
    /**
     * The session variable that holds the start of the transaction Continuum attributed: H2's
     * {@code current_timestamp} is fixed for a transaction, and a later transaction of the
     * connection has another one, so that it never takes an earlier transaction's attribution.
     */
    public static final String ORIGIN = "@continuum_origin";
    /**
     * The session variable that holds H2's {@code transaction_id()} of the transaction Continuum
     * attributed, set by the trigger that allocates its first transaction row: H2 gives a
     * transaction a new {@code current_timestamp} when it rolls back to a savepoint, after which
     * {@link #ORIGIN} no longer names it, and a transaction row allocated then must still be
     * attributed.
     */
    public static final String ORIGIN_TRX = "@continuum_origin_trx";
    /** The session variable that holds the id of the transaction row of the connection's current transaction. */
    public static final String TRANSACTION_ID = "@continuum_tx_id";
    /**
     * The session variable that holds H2's {@code transaction_id()} of the transaction
     * {@link #TRANSACTION_ID} belongs to.
     */
    public static final String TRX = "@continuum_trx";
    /** What the comment of each trigger begins with. */
    static final String HEADER = "continuum native versioning 1";

    private H2Triggers() {
    }

    /** The statement that attributes the current transaction, with the user and the address as its two parameters. */
    public static String attributionSql() {
        return "select set(" + USER + ", ?), set(" + REMOTE_ADDR + ", ?), set(" + ORIGIN + ", current_timestamp(9)), set("
                + ORIGIN_TRX + ", null)";
    }

    /** The rendered name of the trigger of {@code table}, in the live table's schema. */
    public static String triggerName(NativeTable table, SqlStringGenerationContext context) {
        Table live = table.live();
        return context.format(new QualifiedTableName(live.getCatalogIdentifier(), live.getSchemaIdentifier(),
                new Identifier(table.triggerName(), table.version().isQuoted())));
    }

    /** The statements that create (or replace) the trigger of {@code table}, one of {@code unit}'s. */
    public static List<String> create(NativeTable table, NativeTriggers unit, SqlStringGenerationContext context) {
        String trigger = triggerName(table, context);
        List<String> statements = new ArrayList<>(drop(table, context));
        statements.add("create trigger " + trigger + " after insert, update, delete on "
                + context.format(table.live().getQualifiedTableName()) + " for each row call \"" + TRIGGER_CLASS
                + "\"");
        statements.add("comment on trigger " + trigger + " is '" + comment(table, unit, context).replace("'", "''")
                + "'");
        return statements;
    }

    /** The statements that drop the trigger of {@code table}. */
    public static List<String> drop(NativeTable table, SqlStringGenerationContext context) {
        return List.of("drop trigger if exists " + triggerName(table, context));
    }

    /**
     * The comment of the trigger of {@code table}: one line per setting, a tab between the name
     * and its values (rendered SQL names, as the trigger writes them into its statements).
     */
    public static String comment(NativeTable table, NativeTriggers unit, SqlStringGenerationContext context) {
        Bookkeeping names = unit.names();
        TableNames.TransactionColumns logical = TableNames.TransactionColumns.NAMES;
        List<String> versions = unit.tables().stream()
                .map(other -> context.format(other.version().getQualifiedTableName())).toList();
        List<String> lines = List.of(HEADER,
                line("entity", List.of(table.entity())),
                line("live", List.of(table.live().getName())),
                line("version", List.of(context.format(table.version().getQualifiedTableName()))),
                line("keys", table.keyColumns()),
                line("data", table.dataColumns()),
                line("bookkeeping", List.of(names.transactionId(), names.endTransactionId(), names.operationType())),
                line("transactions", List.of(context.format(names.transactionTable().get().getQualifiedTableName()),
                        names.column(logical.id(), context.getDialect()),
                        names.column(logical.issuedAt(), context.getDialect()),
                        names.column(logical.userId(), context.getDialect()),
                        names.column(logical.remoteAddr(), context.getDialect()))),
                line("next", List.of(context.getDialect().getSequenceSupport()
                        .getSelectSequenceNextValString(context.format(names.sequence())))),
                line("lengths", List.of(String.valueOf(names.userIdLength()), String.valueOf(names.remoteAddrLength()))),
                line("versions", versions));
        return String.join("\n", lines);
    }

    private static String line(String name, List<String> values) {
        return name + "\t" + String.join("\t", values);
    }
}
