package dev.continuum.hibernate.internal.read;

import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryOptionsAdapter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read of a page of the activity table: the activities of an actor, with a verb, about an
 * object, or any combination, joined to their transaction rows (restricted to the session's
 * tenant like every read of transactions), newest first by transaction and position, in one
 * statement in the dialect's paging syntax. Each filter is served by an index of the table that
 * ends with the transaction, so the newest come first from it.
 */
final class ActivityQuery {

    /** Where an activity points: root entity name, identifier as text, the version's transaction. */
    record Pointer(String entityName, String idText, long transactionId) {
    }

    /** One activity as read, before its versions are. */
    record Row(Transaction transaction, int index, String verb, String actor, Pointer object, Pointer target,
            String data) {
    }

    private final String select;
    private final String transactionColumn;
    private final TransactionReader transactions;

    ActivityQuery(SessionFactoryImplementor factory, VersionModel model, TransactionReader transactions) {
        this.transactions = transactions;
        TableNames.TransactionColumns c = model.names().transactionColumns();
        String table = TransactionExtraTables.rendered(factory, model.settings(), TransactionExtraTables.ACTIVITY_SUFFIX);
        this.transactionColumn = "a." + TransactionExtraTables.TRANSACTION_ID;
        this.select = "select " + transactionColumn + ", a." + TransactionExtraTables.ACTIVITY_INDEX + ", a."
                + TransactionExtraTables.VERB + ", a." + TransactionExtraTables.ACTOR + ", a."
                + TransactionExtraTables.OBJECT_ENTITY + ", a." + TransactionExtraTables.OBJECT_ID + ", a."
                + TransactionExtraTables.OBJECT_TRANSACTION_ID + ", a." + TransactionExtraTables.TARGET_ENTITY
                + ", a." + TransactionExtraTables.TARGET_ID + ", a." + TransactionExtraTables.TARGET_TRANSACTION_ID
                + ", a." + TransactionExtraTables.DATA + ", t." + c.issuedAt() + ", t." + c.userId() + ", t."
                + c.remoteAddr() + (c.tenants() ? ", t." + c.tenantId() : "") + " from " + table + " a join "
                + model.names().transactionTable() + " t on t." + c.id() + " = " + transactionColumn;
    }

    /**
     * A page of the activities that match the non-null arguments, newest first.
     *
     * @param objectEntity the object's root entity name, with {@code objectId}; null for any object
     */
    List<Row> page(ReadSession reads, String actor, String verb, String objectEntity, String objectId,
            int firstResult, int maxResults) {
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        condition(conditions, values, TransactionExtraTables.ACTOR, actor);
        condition(conditions, values, TransactionExtraTables.VERB, verb);
        condition(conditions, values, TransactionExtraTables.OBJECT_ENTITY, objectEntity);
        condition(conditions, values, TransactionExtraTables.OBJECT_ID, objectId);
        String tenant = transactions.tenant().where();
        String where = tenant + String.join(" and ", conditions);
        if (conditions.isEmpty() && !tenant.isEmpty()) {
            where = tenant.substring(0, tenant.length() - " and ".length());
        }
        String sql = select + (where.isEmpty() ? "" : " where " + where) + " order by " + transactionColumn
                + " desc, a." + TransactionExtraTables.ACTIVITY_INDEX + " desc";
        int parameters = (tenant.isEmpty() ? 0 : 1) + values.size();
        LimitHandler limits = reads.session.getJdbcServices().getDialect().getLimitHandler();
        Limit limit = new Limit(firstResult, maxResults);
        QueryOptions options = new QueryOptionsAdapter() {
            @Override
            public Limit getLimit() {
                return limit;
            }
        };
        TransactionMetadata.Batch batch = transactions.metadataBatch(reads.session);
        return reads.jdbc.query(limits.processSql(sql, parameters, null, options), ps -> {
            int next = 1 + limits.bindLimitParametersAtStartOfQuery(limit, ps, 1);
            next = transactions.tenant().bind(ps, next, reads.session);
            for (String value : values) {
                ps.setString(next++, value);
            }
            limits.bindLimitParametersAtEndOfQuery(limit, ps, next);
            limits.setMaxRows(limit, ps);
        }, rs -> {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs, reads, batch));
            }
            return rows;
        });
    }

    private Row row(ResultSet rs, ReadSession reads, TransactionMetadata.Batch batch) throws SQLException {
        long transactionId = rs.getLong(1);
        Pointer object = new Pointer(rs.getString(5), rs.getString(6), rs.getLong(7));
        String targetEntity = rs.getString(8);
        Pointer target = targetEntity == null ? null : new Pointer(targetEntity, rs.getString(9), rs.getLong(10));
        return new Row(transactions.read(rs, 12, transactionId, reads.session, batch), rs.getInt(2), rs.getString(3),
                rs.getString(4), object, target, rs.getString(11));
    }

    private static void condition(List<String> conditions, List<String> values, String column, String value) {
        if (value != null) {
            conditions.add("a." + column + " = ?");
            values.add(value);
        }
    }
}
