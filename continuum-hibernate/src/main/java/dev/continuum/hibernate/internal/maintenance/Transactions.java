package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.engine.spi.SessionFactoryImplementor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Transaction rows left without any version after maintenance removed versions. */
final class Transactions {

    private Transactions() {
    }

    /**
     * Removes the transaction rows among {@code ids} that no version table refers to any more and
     * that recorded no activity, with their rows in the tables beside the transaction table
     * (metadata, changes) first.
     */
    static long deleteUnreferenced(Connection connection, SessionFactoryImplementor factory, VersionModel model,
            Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> tables = new ArrayList<>();
        model.entities().forEach(entity -> entity.levels().forEach(level -> {
            if (!tables.contains(level.name())) {
                tables.add(level.name());
            }
        }));
        model.collections().forEach(collection -> tables.add(collection.name()));
        StringBuilder unreferenced = new StringBuilder();
        for (String table : tables) {
            unreferenced.append(" and not exists (select 1 from ").append(table).append(" x where x.")
                    .append(model.names().transactionId()).append(" = ?)");
        }
        int references = tables.size();
        if (model.settings().activities()) {
            // a transaction keeps its row while it has activities, which keep pointing at what it recorded
            unreferenced.append(" and not exists (select 1 from ").append(TransactionExtraTables.rendered(factory,
                    model.settings(), TransactionExtraTables.ACTIVITY_SUFFIX)).append(" x where x.")
                    .append(TransactionExtraTables.TRANSACTION_ID).append(" = ?)");
            references++;
        }
        List<String> companions = new ArrayList<>(List.of(TransactionExtraTables.META_SUFFIX));
        if (model.settings().transactionChanges()) {
            companions.add(TransactionExtraTables.CHANGES_SUFFIX);
        }
        for (String suffix : companions) {
            delete(connection, "delete from " + TransactionExtraTables.rendered(factory, model.settings(), suffix)
                    + " where " + TransactionExtraTables.TRANSACTION_ID + " = ?" + unreferenced, references, ids);
        }
        return delete(connection, "delete from " + model.names().transactionTable() + " where "
                + model.names().transactionColumns().id() + " = ?" + unreferenced, references, ids);
    }

    /** Runs {@code sql}, whose parameters are all the id, for every id; returns the rows deleted. */
    private static long delete(Connection connection, String sql, int tables, Set<Long> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (long id : ids) {
                for (int i = 1; i <= tables + 1; i++) {
                    statement.setLong(i, id);
                }
                statement.addBatch();
            }
            return Arrays.stream(statement.executeBatch()).filter(n -> n > 0).sum();
        }
    }

    /**
     * Removes the undo/redo positions of scopes ({@code UndoScope}) that name one of the
     * transactions {@code ids}, whose versions maintenance removed: such a scope starts a new
     * undo/redo series, as an entity whose undo position was reset does.
     */
    static long resetScopes(Connection connection, VersionModel model, Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        TableNames.UndoColumns u = model.names().undoColumns();
        try (PreparedStatement statement = connection.prepareStatement("delete from " + model.names().undoScopeTable()
                + " where " + u.originTransactionId() + " = ? or " + u.positionTransactionId() + " = ? or "
                + u.baseTransactionId() + " = ?")) {
            for (long id : ids) {
                for (int i = 1; i <= 3; i++) {
                    statement.setLong(i, id);
                }
                statement.addBatch();
            }
            return Arrays.stream(statement.executeBatch()).filter(n -> n > 0).sum();
        }
    }
}
