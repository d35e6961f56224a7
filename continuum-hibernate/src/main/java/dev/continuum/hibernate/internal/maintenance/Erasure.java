package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.ErasureResult;
import dev.continuum.HistoryLookupException;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.UndoKeys;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Erasure of one subject from the history (see {@link dev.continuum.HistoryAdmin#erase} and
 * {@link dev.continuum.HistoryAdmin#eraseUser}), each in one database transaction.
 */
final class Erasure {

    private final SessionFactoryImplementor factory;
    private final VersionModel model;
    private final TableNames names;
    /** Tamper evidence, or null when it is off. */
    private final Integrity integrity;

    Erasure(SessionFactoryImplementor factory, VersionModel model) {
        this.factory = factory;
        this.model = model;
        this.names = model.names();
        this.integrity = Integrity.of(factory, model).orElse(null);
    }

    /** Removes every version of the entity {@code id} of {@code hierarchy}, with what refers only to them. */
    ErasureResult entity(Hierarchy hierarchy, EntityPersister persister, Object id) {
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            Object[] key = key(session, hierarchy, persister, id, "erase");
            return Batches.inTransaction(session, "Erasing " + persister.getEntityName() + " " + id, connection -> {
                Set<Long> transactions = new LinkedHashSet<>();
                long versions = 0;
                for (EntityTable table : hierarchy.entityTables()) {
                    List<String> keyColumns = new ArrayList<>();
                    for (int i = 0; i < key.length; i++) {
                        keyColumns.add(table.columns().get(i).name());
                    }
                    long removed = delete(connection, session, table.name(), keyColumns, hierarchy, key, transactions);
                    if (table == hierarchy.root) {
                        versions = removed;
                    }
                }
                long rows = 0;
                for (CollectionTable collection : hierarchy.collections) {
                    rows += delete(connection, session, collection.name(), Hierarchy.ownerKey(collection), hierarchy,
                            key, transactions);
                }
                for (String undo : List.of(names.undoTable(), names.undoScopeTable())) {
                    deleteUndoPositions(connection, undo, persister.getRootEntityName(), UndoKeys.entityId(key));
                }
                if (model.settings().activities()) {
                    Activities.eraseEntity(connection, factory, model, persister, id);
                }
                Transactions.resetScopes(connection, model, transactions);
                return new ErasureResult(versions, rows, deleteUnreferenced(connection, transactions));
            }, () -> { });
        }
    }

    /** Removes the undo/redo positions that the table {@code undo} keeps for one entity. */
    private void deleteUndoPositions(Connection connection, String undo, String entityName, String entityId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("delete from " + undo + " where "
                + names.undoColumns().entityName() + " = ? and " + names.undoColumns().entityId() + " = ?")) {
            statement.setString(1, entityName);
            statement.setString(2, entityId);
            statement.executeUpdate();
        }
    }

    /**
     * The JDBC values of the key columns of {@code id}, an identifier of {@code persister}.
     *
     * @throws HistoryLookupException when {@code id} has the wrong type for {@code operation}
     */
    static Object[] key(SharedSessionContractImplementor session, Hierarchy hierarchy, EntityPersister persister,
            Object id, String operation) {
        Object[] key = new Object[hierarchy.root.idColumnCount()];
        try {
            persister.getIdentifierMapping().breakDownJdbcValues(id, 0, key, null,
                    (index, target, unused, value, selectable) -> target[index] = value, session);
        } catch (ClassCastException e) {
            throw new HistoryLookupException(persister.getEntityName() + " has identifiers of type "
                    + persister.getIdentifierMapping().getJavaType().getTypeName() + ", but " + operation + " was given "
                    + id.getClass().getName() + " " + id);
        }
        return key;
    }

    /** Clears the user and address of every transaction row recorded for {@code userId}. */
    ErasureResult user(String userId) {
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            long anonymised = Batches.inTransaction(session, "Erasing user " + userId, connection -> {
                if (integrity != null) {
                    integrity.erasingUser(connection, userId);
                }
                if (model.settings().activities()) {
                    Activities.eraseActor(connection, factory, model, userId);
                }
                TableNames.TransactionColumns c = names.transactionColumns();
                try (PreparedStatement statement = connection.prepareStatement("update " + names.transactionTable()
                        + " set " + c.userId() + " = null, " + c.remoteAddr() + " = null where " + c.userId() + " = ?")) {
                    statement.setString(1, userId);
                    return (long) statement.executeUpdate();
                }
            }, () -> { });
            return new ErasureResult(0, 0, anonymised);
        }
    }

    /** Deletes the rows of {@code table} whose key columns hold {@code key}, noting their transaction ids. */
    private long delete(Connection connection, SharedSessionContractImplementor session, String table,
            List<String> keyColumns, Hierarchy hierarchy, Object[] key, Set<Long> transactions) throws SQLException {
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        keyColumns.forEach(column -> where.add(column + " = ?"));
        try (PreparedStatement select = connection.prepareStatement("select " + names.transactionId() + " from "
                + table + where)) {
            bindKey(select, session, hierarchy, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    transactions.add(rs.getLong(1));
                }
            }
        }
        if (integrity != null) {
            integrity.erasing(connection, session, table, key);
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + where)) {
            bindKey(delete, session, hierarchy, key);
            return delete.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement statement, SharedSessionContractImplementor session,
            Hierarchy hierarchy, Object[] key) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            Batches.bind(statement, i + 1, hierarchy.root.jdbcMapping(i), key[i], session);
        }
    }

    private long deleteUnreferenced(Connection connection, Set<Long> ids) throws SQLException {
        long removed = Transactions.deleteUnreferenced(connection, factory, model, ids);
        if (integrity != null) {
            integrity.removedTransactions(connection, ids);
        }
        return removed;
    }
}
