package dev.continuum.hibernate.internal.model;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The rendered (qualified, quoted where needed) names of Continuum's own tables, sequence and
 * bookkeeping columns, as they appear in SQL.
 *
 * @param transactionTable the transaction table
 * @param transactionSequence the sequence transaction ids come from
 * @param undoTable the table of undo/redo positions
 * @param transactionId the version tables' transaction column
 * @param endTransactionId the version tables' superseding-transaction column
 * @param operationType the version tables' operation column
 * @param transactionColumns the columns of the transaction table
 * @param undoColumns the columns of the undo table, which the table of undo scopes shares
 * @param undoScopeTable the table of undo/redo positions of scopes of several entities
 * @param undoScopeRelations the column of the table of undo scopes that names the scope's relations
 * @param valueTable the value table of compact properties ({@code <transaction>_value})
 * @param validity how reads know a version's end, and whether writes keep it (the end column
 *        above is used only when they do)
 */
public record TableNames(String transactionTable, String transactionSequence, String undoTable,
        String transactionId, String endTransactionId, String operationType,
        TransactionColumns transactionColumns, UndoColumns undoColumns, String undoScopeTable,
        String undoScopeRelations, String valueTable, ValidityStrategy validity) {

    /** The name of the column of the table of undo scopes that names the scope's relations, before quoting. */
    public static final String UNDO_SCOPE_RELATIONS = "relations";

    /**
     * The columns of the transaction table, rendered as Hibernate renders them (quoted under
     * {@code hibernate.globally_quoted_identifiers}, for example).
     *
     * @param id the transaction id, the primary key
     * @param issuedAt when the transaction recorded its versions
     * @param userId who made the change
     * @param remoteAddr from where
     * @param tenantId the tenant the transaction belongs to, or null when the table has no such
     *        column (the persistence unit has no {@code @TenantId} entity)
     */
    public record TransactionColumns(String id, String issuedAt, String userId, String remoteAddr,
            String tenantId) {

        /** The names as written in the mapping, before quoting. */
        public static final TransactionColumns NAMES = new TransactionColumns("id", "issued_at", "user_id",
                "remote_addr", "tenant_id");

        /** These names, each rendered by {@code render} (a null name, a column the table lacks, stays null). */
        public TransactionColumns map(UnaryOperator<String> render) {
            return new TransactionColumns(render.apply(id), render.apply(issuedAt), render.apply(userId),
                    render.apply(remoteAddr), tenantId == null ? null : render.apply(tenantId));
        }

        /** Whether transactions belong to tenants: the table has a tenant column. */
        public boolean tenants() {
            return tenantId != null;
        }

        /** The names of the columns every transaction table has, in table order (not the tenant column). */
        public List<String> all() {
            return List.of(id, issuedAt, userId, remoteAddr);
        }
    }

    /**
     * The columns of the undo table, rendered as Hibernate renders them.
     *
     * @param entityName the entity's name, first column of the primary key
     * @param entityId the entity's identifier as text, second column of the primary key
     * @param originTransactionId where the entity's undo/redo timeline ends
     * @param positionTransactionId the version the entity shows
     * @param baseTransactionId the version the entity had when the position was written
     */
    public record UndoColumns(String entityName, String entityId, String originTransactionId,
            String positionTransactionId, String baseTransactionId) {

        /** The names as contributed to the mapping, before quoting. */
        public static final UndoColumns NAMES = new UndoColumns("entity_name", "entity_id", "origin_transaction_id",
                "position_transaction_id", "base_transaction_id");

        /** These names, each rendered by {@code render}. */
        public UndoColumns map(UnaryOperator<String> render) {
            return new UndoColumns(render.apply(entityName), render.apply(entityId), render.apply(originTransactionId),
                    render.apply(positionTransactionId), render.apply(baseTransactionId));
        }

        /** The names in table order. */
        public List<String> all() {
            return List.of(entityName, entityId, originTransactionId, positionTransactionId, baseTransactionId);
        }
    }
}
