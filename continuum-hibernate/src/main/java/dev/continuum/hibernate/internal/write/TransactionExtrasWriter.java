package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the rows beside a transaction row (see {@link TransactionExtraTables}): its key/value
 * metadata, from the {@link TransactionContextProvider} and {@link ChangeContext} (whose pairs win
 * for the same key), and, when {@code continuum.transaction_changes} is on, the names of the entity
 * types it changed (a collection's change counts for its owner's type). Each is one batch, and
 * only when there is something to write.
 */
final class TransactionExtrasWriter {

    private final String metaInsert;
    private final String changesInsert;
    private final String metaDelete;
    private final String changesDelete;
    private final TransactionContextProvider contextProvider;
    private final MappingMetamodel metamodel;

    TransactionExtrasWriter(SessionFactoryImplementor factory, Settings settings,
            TransactionContextProvider contextProvider) {
        this.metaInsert = "insert into " + TransactionExtraTables.rendered(factory, settings,
                TransactionExtraTables.META_SUFFIX) + " (" + TransactionExtraTables.TRANSACTION_ID + ", "
                + TransactionExtraTables.KEY + ", " + TransactionExtraTables.VALUE + ") values (?, ?, ?)";
        this.changesInsert = !settings.transactionChanges() ? null : "insert into " + TransactionExtraTables.rendered(
                factory, settings, TransactionExtraTables.CHANGES_SUFFIX) + " (" + TransactionExtraTables.TRANSACTION_ID
                + ", " + TransactionExtraTables.ENTITY_NAME + ") values (?, ?)";
        this.metaDelete = "delete from " + TransactionExtraTables.rendered(factory, settings,
                TransactionExtraTables.META_SUFFIX) + " where " + TransactionExtraTables.TRANSACTION_ID + " = ?";
        this.changesDelete = !settings.transactionChanges() ? null : "delete from " + TransactionExtraTables.rendered(
                factory, settings, TransactionExtraTables.CHANGES_SUFFIX) + " where "
                + TransactionExtraTables.TRANSACTION_ID + " = ? and " + TransactionExtraTables.ENTITY_NAME + " = ?";
        this.contextProvider = contextProvider;
        this.metamodel = factory.getMappingMetamodel();
    }

    /** Writes the metadata and the changed entity types of transaction {@code transactionId}. */
    void write(HistoryStatements statements, long transactionId, List<VersionTableWriter> tables)
            throws SQLException {
        write(statements, transactionId, tables, true, null);
    }

    /**
     * Writes the metadata of transaction {@code transactionId} when {@code metadata}, and the
     * entity types of {@code tables} not in {@code recorded} (null: none recorded yet), which then
     * holds them: a transaction written at each flush records each type once.
     */
    void write(HistoryStatements statements, long transactionId, List<VersionTableWriter> tables,
            boolean withMetadata, Set<String> recorded) throws SQLException {
        if (withMetadata) {
            writeMetadata(statements, transactionId);
        }
        if (changesInsert != null && !tables.isEmpty()) {
            Set<String> entities = new TreeSet<>();
            tables.forEach(table -> entities.add(entityName(table.sortKey())));
            if (recorded != null) {
                entities.removeAll(recorded);
                recorded.addAll(entities);
            }
            if (!entities.isEmpty()) {
                executeForTypes(statements, changesInsert, transactionId, entities);
            }
        }
    }

    /**
     * Removes what transaction {@code transactionId} recorded beside its row for the tables it
     * {@code wrote} that no longer hold a version of it: their entity types, when no table of
     * {@code remaining} belongs to the same type; with {@code everything}, also its metadata and
     * every type (the transaction keeps no version and its row goes).
     */
    void forget(HistoryStatements statements, long transactionId, Set<VersionTableWriter> wrote,
            Set<VersionTableWriter> remaining, boolean everything) throws SQLException {
        if (changesDelete != null) {
            Set<String> gone = new TreeSet<>();
            wrote.forEach(table -> gone.add(entityName(table.sortKey())));
            if (!everything) {
                remaining.forEach(table -> gone.remove(entityName(table.sortKey())));
            }
            if (!gone.isEmpty()) {
                executeForTypes(statements, changesDelete, transactionId, gone);
            }
        }
        if (everything) {
            try (PreparedStatement statement = statements.prepare(metaDelete)) {
                statement.setLong(1, transactionId);
                statement.executeUpdate();
            }
        }
    }

    /** Runs {@code sql} (its parameters: the transaction id, an entity name) once per entity, as one batch. */
    private static void executeForTypes(HistoryStatements statements, String sql, long transactionId,
            Set<String> entities) throws SQLException {
        statements.executeBatches(sql, new ArrayList<>(entities), Integer.MAX_VALUE, (statement, entity) -> {
            statement.setLong(1, transactionId);
            statement.setString(2, entity);
            statement.addBatch();
        });
    }

    private void writeMetadata(HistoryStatements statements, long transactionId) throws SQLException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (contextProvider != null) {
            metadata.putAll(contextProvider.metadata());
        }
        metadata.putAll(ChangeContext.metadata());
        if (!metadata.isEmpty()) {
            statements.executeBatches(metaInsert, new ArrayList<>(metadata.entrySet()), Integer.MAX_VALUE,
                    (statement, entry) -> {
                        statement.setLong(1, transactionId);
                        statement.setString(2, entry.getKey());
                        statement.setString(3, entry.getValue());
                        statement.addBatch();
                    });
        }
    }

    /** The entity a writer's rows belong to: its own entity, or the owner of its collection. */
    private String entityName(String entityOrRole) {
        EntityPersister entity = metamodel.findEntityDescriptor(entityOrRole);
        if (entity != null) {
            return entity.getEntityName();
        }
        CollectionPersister collection = metamodel.findCollectionDescriptor(entityOrRole);
        return collection == null ? entityOrRole : collection.getOwnerEntityPersister().getEntityName();
    }
}
