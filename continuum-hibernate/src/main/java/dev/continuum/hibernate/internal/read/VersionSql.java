package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.hibernate.internal.model.TableNames;

import java.util.List;
import java.util.StringJoiner;

/**
 * The statements that read the versions of one {@link TableLayout}, built once; those with
 * arguments are put together per call. Every statement that returns versions joins the
 * transaction table, so a version always comes with its transaction in the same statement. Every
 * WHERE clause opens with the {@link TenantFilter} of the rows (empty without multi-tenancy), so the
 * tenant's parameter comes first, after those of the select list; then those of the identifier.
 */
final class VersionSql {

    /** All versions of an identifier, oldest first. */
    final String versions;
    /** The number of versions of an identifier. */
    final String count;
    /**
     * The version(s) of an identifier recorded last before a transaction: the identifier twice,
     * then the transaction. By transaction ids rather than the validity columns, so that it steps
     * over a gap pruning left (whose first version keeps an end that no remaining version starts).
     */
    final String previous;
    /** The version(s) of an identifier recorded first after a transaction, with the parameters of {@link #previous}. */
    final String next;
    /** The version(s) of an identifier that a transaction recorded. */
    final String recordedIn;
    /** The number of versions of an identifier recorded before a transaction: a version's index. */
    final String index;
    /** The versions a transaction recorded, by identifier. */
    final String changedIn;

    private final TableLayout layout;
    private final TableNames names;
    private final TenantFilter tenant;
    /** The select list of every statement returning versions. */
    private final String selectList;
    /** Its FROM clause: the layout's, joined with the transaction table. */
    private final String fromClause;
    /** The FROM clause of a page of versions: {@link #fromClause}, the version table read first. */
    private final String pageFromClause;
    private final String idWhere;
    private final String orderById;

    /**
     * @param tenant the restriction of every statement to the session's tenant
     * @param changedInTenant the restriction of {@link #changedIn}, which asks by transaction
     * @param straightJoin whether {@link #allAsOf} joins the transaction table with {@code straight_join}
     */
    VersionSql(TableLayout layout, TableNames names, TenantFilter tenant, TenantFilter changedInTenant,
            boolean straightJoin) {
        this.layout = layout;
        this.names = names;
        this.tenant = tenant;
        String transactionId = "v." + names.transactionId();
        String operation = "v." + names.operationType();
        StringJoiner list = new StringJoiner(", ", "select ", "");
        layout.columns().expressions().forEach(list::add);
        list.add(transactionId).add(layout.end(names)).add(operation)
                .add("t." + names.transactionColumns().issuedAt()).add("t." + names.transactionColumns().userId())
                .add("t." + names.transactionColumns().remoteAddr());
        if (names.transactionColumns().tenants()) {
            list.add("t." + names.transactionColumns().tenantId());
        }
        this.selectList = list.toString();
        String joinTransaction = names.transactionTable() + " t on t." + names.transactionColumns().id() + " = "
                + transactionId;
        this.fromClause = " from " + layout.from() + " join " + joinTransaction;
        this.pageFromClause = straightJoin ? " from " + layout.from() + " straight_join " + joinTransaction : fromClause;
        StringJoiner where = new StringJoiner(" and ");
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < layout.idColumnCount(); i++) {
            where.add("v." + layout.columns().names().get(i) + " = ?");
            order.add("v." + layout.columns().names().get(i));
        }
        this.idWhere = where.toString();
        this.orderById = order.toString();
        String deleteFirst = layout.twoVersionsPerTransaction() ? ", " + operation + " desc" : "";
        String ofId = selectList + fromClause + " where " + tenant.where() + idWhere;
        this.versions = ofId + " order by " + transactionId + deleteFirst;
        this.count = "select count(*) from " + layout.table() + " v where " + tenant.where() + idWhere;
        String inTransactionOrder = layout.twoVersionsPerTransaction() ? " order by " + operation + " desc" : "";
        this.previous = ofId + " and " + transactionId + " = " + neighbour("max", "<") + inTransactionOrder;
        this.next = ofId + " and " + transactionId + " = " + neighbour("min", ">") + inTransactionOrder;
        this.recordedIn = ofId + " and " + transactionId + " = ?" + inTransactionOrder;
        this.index = count + " and " + transactionId + " < ?";
        this.changedIn = selectList + fromClause + " where " + changedInTenant.where() + transactionId + " = ? order by " + orderById + deleteFirst;
    }

    /**
     * {@link #versions} with one more select expression after the usual columns (read as an extra
     * value by {@link TableReader#readAll(java.sql.ResultSet,
     * org.hibernate.engine.spi.SharedSessionContractImplementor, org.hibernate.metamodel.mapping.JdbcMapping[],
     * List)}), such as a modification flag.
     */
    String versionsWith(String expression) {
        String operation = "v." + names.operationType();
        return selectList + ", " + expression + fromClause + " where " + idWhere + " order by v."
                + names.transactionId() + (layout.twoVersionsPerTransaction() ? ", " + operation + " desc" : "");
    }

    /**
     * The transaction of the version of an identifier that is nearest to a transaction on one side
     * ({@code max} and {@code <} before it, {@code min} and {@code >} after it), as an indexed
     * subquery on the identifier's versions: the identifier's parameters, then the transaction.
     */
    private String neighbour(String aggregate, String comparison) {
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (int i = 0; i < layout.idColumnCount(); i++) {
            where.add("n." + layout.columns().names().get(i) + " = ?");
        }
        where.add("n." + names.transactionId() + " " + comparison + " ?");
        return "(select " + aggregate + "(n." + names.transactionId() + ") from " + layout.table() + " n" + where + ")";
    }

    /** The rows valid at a transaction: recorded by it or before, not superseded by it. */
    private String validAt(String transaction) {
        return layout.validWithin(names, transaction, transaction);
    }

    /**
     * The version of an identifier valid at a point in time, with the point's transaction id when
     * the point does not give it (see {@link PointInTime#selectedSql}): the point's selected
     * parameters, the tenant's, the identifier's, then two of the point.
     */
    String asOf(PointInTime point) {
        return selectList + point.selectedSql(names) + fromClause + " where " + tenant.where() + idWhere + " and "
                + validAt(point.transactionSql(names));
    }

    /**
     * The entities of {@code entityName} (and its subclasses) current at a point in time, ordered
     * by identifier, without paging, with the point's transaction id as {@link #asOf} selects it:
     * the point's selected parameters, the tenant's, two of the point, then {@code discriminatorValues} of the
     * entity (see {@link RowTypes#discriminatorFilter}).
     *
     * <p>On MySQL and MariaDB the transaction table is joined with {@code straight_join}: the
     * optimizer carries the validity bound {@code v.transaction_id <= ?} over to {@code t.id} through
     * the join, reads the transaction table first and sorts every version valid at the point (one
     * second per page at a million versions); read first, the version table is walked in key order
     * and the page stops after its last row.
     */
    String allAsOf(PointInTime point, String entityName, List<Object> discriminatorValues) {
        StringBuilder sql = new StringBuilder(selectList).append(point.selectedSql(names)).append(pageFromClause)
                .append(" where ").append(tenant.where()).append(validAt(point.transactionSql(names)))
                .append(" and v.").append(names.operationType()).append(" <> ").append(Operation.DELETE.code());
        if (!discriminatorValues.isEmpty()) {
            String column = layout.columns().names().get(layout.rowTypes().discriminatorPosition());
            StringJoiner in = new StringJoiner(", ", " and v." + column + " in (", ")");
            discriminatorValues.forEach(value -> in.add("?"));
            sql.append(in);
        }
        layout.rowTypes().ownLevelKey(entityName).ifPresent(key -> sql.append(" and ").append(key)
                .append(" is not null"));
        return sql.append(" order by ").append(orderById).toString();
    }

    /**
     * The versions whose {@code keyExpressions} hold one of {@code count} keys (bound in order, after the tenant) and
     * that were valid at some transaction between two bounds (bound after the keys: the upper,
     * then the lower), ordered by identifier and transaction. With {@code withKeys}, the key
     * expressions' values follow the usual columns of each row.
     */
    String window(List<String> keyExpressions, int count, boolean withKeys) {
        StringBuilder sql = new StringBuilder(selectList);
        if (withKeys) {
            keyExpressions.forEach(expression -> sql.append(", ").append(expression));
        }
        return sql.append(fromClause).append(" where ").append(tenant.where()).append(KeyBatches.predicate(keyExpressions, count)).append(" and ")
                .append(layout.validWithin(names, "?", "?")).append(" order by ").append(orderById).append(", v.").append(names.transactionId())
                .toString();
    }
}
