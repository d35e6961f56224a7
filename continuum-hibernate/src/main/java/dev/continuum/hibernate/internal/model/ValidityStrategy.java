package dev.continuum.hibernate.internal.model;

import java.util.List;
import java.util.StringJoiner;

/**
 * How a version's validity is known, chosen once at boot ({@code continuum.strategy}): the one
 * place that renders the SQL of "the end of a version", "the version valid at a transaction" and
 * "the open version", so that every read shares its statements between the two strategies.
 * <ul>
 * <li><b>validity</b> (the default): a version table keeps each version's end in its end column,
 * which the write of the superseding version sets; reads compare with it.</li>
 * <li><b>subquery</b>: version tables have no end column and writes only insert; a version's end
 * is the transaction of the next version of its row (the smallest transaction id above its own,
 * for the same key), which reads derive with a correlated subquery on the table's (key,
 * transaction) index.</li>
 * </ul>
 * A row of a version table is aliased by the caller; its key is matched with {@link #sameKey}, a
 * correlation between the caller's alias and {@link #NEXT}, the alias of the subqueries.
 */
public final class ValidityStrategy {

    /** The alias of the version table in the subqueries of the subquery strategy. */
    public static final String NEXT = "nv";

    private final boolean derived;
    private final String transactionId;
    private final String endTransactionId;
    private final NullSafeEquality nullSafe;

    /**
     * @param derived whether ends are derived (the subquery strategy)
     * @param transactionId the rendered transaction column of version tables
     * @param endTransactionId the rendered end column (unused when derived)
     * @param nullSafe how the database matches a nullable key column
     */
    public ValidityStrategy(boolean derived, String transactionId, String endTransactionId,
            NullSafeEquality nullSafe) {
        this.derived = derived;
        this.transactionId = transactionId;
        this.endTransactionId = endTransactionId;
        this.nullSafe = nullSafe;
    }

    /** Whether version tables have an end column that writes maintain (the validity strategy). */
    public boolean maintainsEnd() {
        return !derived;
    }

    /** The name of the strategy, as {@code continuum.strategy} spells it. */
    public String name() {
        return derived ? "subquery" : "validity";
    }

    /**
     * The correlation of {@link #NEXT}'s key columns with those of {@code alias}: plain equality,
     * the columns never null (an entity's identifier).
     */
    public static String sameKey(String alias, List<String> keyColumns) {
        StringJoiner same = new StringJoiner(" and ");
        keyColumns.forEach(column -> same.add(NEXT + "." + column + " = " + alias + "." + column));
        return same.toString();
    }

    /**
     * The correlation of {@link #NEXT}'s key columns with those of {@code alias}, nullable ones (a
     * collection row's element or index parts) matched null-safely.
     */
    public String sameKeyOf(String alias, List<DataColumn> keyColumns) {
        StringJoiner same = new StringJoiner(" and ");
        for (DataColumn column : keyColumns) {
            String mine = NEXT + "." + column.name();
            String theirs = alias + "." + column.name();
            same.add(column.nullable() ? nullSafe.match(mine, theirs) : mine + " = " + theirs);
        }
        return same.toString();
    }

    /**
     * A select expression of the end of the version {@code alias} of {@code table}: the
     * transaction that superseded it, null while it is the open version of its key.
     */
    public String end(String alias, String table, String sameKey) {
        if (!derived) {
            return alias + "." + endTransactionId;
        }
        return "(select min(" + NEXT + "." + transactionId + ") from " + table + " " + NEXT + " where " + sameKey
                + " and " + NEXT + "." + transactionId + " > " + alias + "." + transactionId + ")";
    }

    /**
     * The condition that the version {@code alias} of {@code table} was valid at some transaction
     * between {@code lower} and {@code upper} (SQL expressions, each rendered once: {@code upper}
     * first): recorded by {@code upper} or before, not superseded by {@code lower} or before.
     * With both the same transaction, the version valid at it.
     */
    public String validWithin(String alias, String table, String sameKey, String upper, String lower) {
        String start = alias + "." + transactionId;
        if (!derived) {
            return start + " <= " + upper + " and " + notEndedBy(alias + "." + endTransactionId, lower);
        }
        return start + " <= " + upper + " and not exists (select 1 from " + table + " " + NEXT + " where " + sameKey
                + " and " + NEXT + "." + transactionId + " > " + start + " and " + NEXT + "." + transactionId + " <= "
                + lower + ")";
    }

    /**
     * {@link #validWithin} over rows that carry their end as the expression {@code end} (the
     * union of several version tables, whose branches select {@link #end}).
     */
    public String validWithinByEnd(String alias, String end, String upper, String lower) {
        return alias + "." + transactionId + " <= " + upper + " and " + notEndedBy(end, lower);
    }

    /** The condition that the version {@code alias} of {@code table} is the open (latest) version of its key. */
    public String open(String alias, String table, String sameKey) {
        if (!derived) {
            return alias + "." + endTransactionId + " is null";
        }
        return "not exists (select 1 from " + table + " " + NEXT + " where " + sameKey + " and " + NEXT + "."
                + transactionId + " > " + alias + "." + transactionId + ")";
    }

    private static String notEndedBy(String end, String transaction) {
        return "(" + end + " is null or " + end + " > " + transaction + ")";
    }
}
