package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.Operation;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.hibernate.type.BasicType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write path of one session factory: the writer of each versioned entity type and collection,
 * the SQL of the transaction row, and the open units of work by session.
 */
public final class VersioningRuntime implements ContinuumService.WritePath {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");
    private static final int BATCH_LIMIT = 500;
    /** The most keys one set-based closing update lists (a power of two). */
    private static final int CLOSE_CHUNK_LIMIT = 512;
    /** The most rows of one table whose inserts go into the combined statement. */
    private static final int COMBINED_INSERT_LIMIT = 8;
    /** The most parameters of the combined statement (PostgreSQL accepts 65,535). */
    private static final int COMBINED_PARAMETER_LIMIT = 16_384;
    /** The transaction id in the clauses of the combined statement. */
    private static final String TRANSACTION_ID = "(select id from continuum_tx)";

    private final Map<String, EntityWriter> writers;
    private final Map<String, CollectionVersionWriter> collectionWriters;
    private final Map<String, JoinColumnWriter> joinColumnWriters;
    private final VersionModel model;
    private final Map<SharedSessionContractImplementor, UnitOfWork> units = new ConcurrentHashMap<>();
    private final TransactionContextProvider contextProvider;
    private final String nextIdSql;
    private final String insertTransactionSql;
    private final TransactionIdStyle idStyle;
    private final boolean bulkEvaluatesSubqueriesOnce;
    /** Whether the history of a transaction is sent as one data-modifying statement (see {@link Combined}). */
    private final boolean combineWrites;
    private final BasicType<Instant> instantType;
    private final BasicType<String> stringType;

    /** How the id of a new transaction row is obtained. */
    private enum TransactionIdStyle {
        /** {@code insert ... returning id}: one round trip. */
        RETURNING,
        /** {@code select id from final table (insert ...)}: one round trip (H2). */
        FINAL_TABLE,
        /** {@code select nextval}, then the insert: two round trips. */
        SELECT_THEN_INSERT
    }

    /**
     * The write path of a session factory, over its version model.
     *
     * @param contextProvider who made a change when {@link ChangeContext} does not say, or null
     */
    public VersioningRuntime(SessionFactoryImplementor factory, VersionModel model,
            TransactionContextProvider contextProvider) {
        this.model = model;
        this.contextProvider = contextProvider;
        Dialect dialect = factory.getJdbcServices().getDialect();
        Map<String, EntityWriter> entityWriters = new LinkedHashMap<>();
        model.entities().forEach(entity -> entityWriters.put(entity.entityName(), new EntityWriter(entity, model.names())));
        this.writers = Map.copyOf(entityWriters);
        Map<String, CollectionVersionWriter> collections = new LinkedHashMap<>();
        model.collections().forEach(table -> collections.put(table.role(),
                new CollectionVersionWriter(table, model.names(), dialect)));
        this.collectionWriters = Map.copyOf(collections);
        Map<String, JoinColumnWriter> joinColumns = new LinkedHashMap<>();
        factory.getMappingMetamodel().forEachCollectionDescriptor(persister -> {
            if (model.isVersionedJoinColumn(persister.getRole())) {
                joinColumns.put(persister.getRole(), new JoinColumnWriter(persister));
            }
        });
        this.joinColumnWriters = Map.copyOf(joinColumns);
        this.bulkEvaluatesSubqueriesOnce = dialect instanceof MariaDBDialect;
        this.combineWrites = dialect instanceof PostgreSQLDialect;
        String transactionTable = model.names().transactionTable();
        String sequence = model.names().transactionSequence();
        String nextValue = dialect.getSequenceSupport().getSelectSequenceNextValString(sequence);
        String columns = " (id, issued_at, user_id, remote_addr) values (";
        if (dialect instanceof PostgreSQLDialect
                || dialect instanceof MariaDBDialect && dialect.getVersion().isSameOrAfter(10, 5)) {
            idStyle = TransactionIdStyle.RETURNING;
            insertTransactionSql = "insert into " + transactionTable + columns + nextValue + ", ?, ?, ?) returning id";
        } else if (dialect instanceof H2Dialect) {
            idStyle = TransactionIdStyle.FINAL_TABLE;
            insertTransactionSql = "select id from final table (insert into " + transactionTable + columns
                    + nextValue + ", ?, ?, ?))";
        } else {
            idStyle = TransactionIdStyle.SELECT_THEN_INSERT;
            insertTransactionSql = "insert into " + transactionTable + columns + "?, ?, ?, ?)";
        }
        this.nextIdSql = dialect.getSequenceSupport().getSequenceNextValString(sequence);
        this.instantType = factory.getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        this.stringType = factory.getTypeConfiguration().getBasicTypeForJavaType(String.class);
    }

    @Override
    public void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        unitOfWork(session).recreated(session.generateEntityKey(id, persister));
    }

    EntityWriter writer(EntityPersister persister) {
        return writers.get(persister.getEntityName());
    }

    /** The writer of a versioned collection role, or null. */
    CollectionVersionWriter collectionWriter(String role) {
        return role == null ? null : collectionWriters.get(role);
    }

    /** The join-column one-to-many of a role whose foreign key is versioned in the child's rows, or null. */
    JoinColumnWriter joinColumnWriter(String role) {
        return role == null ? null : joinColumnWriters.get(role);
    }

    /** Whether an owner of this entity type gets a version when only its collections change. */
    boolean versionsOwnerOnCollectionChange(String entityName) {
        return model.entity(entityName).map(EntityModel::versionedOnCollectionChange).orElse(false);
    }

    UnitOfWork unitOfWork(SharedSessionContractImplementor session) {
        UnitOfWork unit = units.get(session);
        if (unit == null) {
            if (!session.isTransactionInProgress()) {
                throw new VersioningException("A versioned entity was written outside a transaction, so its version "
                        + "cannot be recorded atomically with it; write versioned entities inside a transaction", null);
            }
            unit = new UnitOfWork(this);
            units.put(session, unit);
            session.getTransactionCompletionCallbacks().registerCallback((org.hibernate.engine.spi
                    .TransactionCompletionCallbacks.BeforeCompletionCallback) unit);
            session.getTransactionCompletionCallbacks().registerCallback((org.hibernate.engine.spi
                    .TransactionCompletionCallbacks.AfterCompletionCallback) unit);
        }
        return unit;
    }

    void release(SharedSessionContractImplementor session) {
        units.remove(session);
    }

    /** Writes the transaction row and the version rows of a completing transaction. */
    void write(UnitOfWork unit, SharedSessionContractImplementor session) {
        Map<VersionWriter, List<Row>> byTable = new LinkedHashMap<>();
        int count = 0;
        for (UnitOfWork.Change change : unit.changes().values()) {
            if (!unit.isNoOp(change)) {
                count++;
                addRows(change, byTable);
            }
        }
        units.remove(session);
        if (byTable.isEmpty()) {
            return;
        }
        List<VersionWriter> order = new ArrayList<>(byTable.keySet());
        order.sort(Comparator.comparing(VersionWriter::tableName).thenComparing(VersionWriter::sortKey));
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        StatementInspector inspector = session.getJdbcSessionContext().getStatementInspector();
        String sql = insertTransactionSql;
        try {
            long transactionId;
            Combined combined = combineWrites ? combine(order, byTable) : null;
            if (combined != null) {
                sql = combined.sql();
                transactionId = writeCombined(connection, inspector, combined, byTable, session);
            } else {
                transactionId = insertTransaction(connection, inspector, session);
            }
            for (VersionWriter writer : order) {
                if (combined == null || !combined.closed().contains(writer)) {
                    sql = writer.closeSql();
                    closeOpenVersions(connection, inspector, writer, byTable.get(writer), transactionId, session);
                }
            }
            for (VersionWriter writer : order) {
                if (combined == null || !combined.inserted().contains(writer)) {
                    sql = writer.insertSql();
                    insertVersions(connection, inspector, writer, byTable.get(writer), transactionId, session);
                }
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("Transaction {}: recorded {} versions", transactionId, count);
            }
        } catch (SQLException e) {
            SqlExceptionHelper helper = session.getJdbcServices().getSqlExceptionHelper();
            throw new VersioningException("Could not record the versions of this transaction ("
                    + e.getMessage() + "); the transaction is rolled back",
                    helper.convert(e, "Continuum could not write version rows", sql));
        }
    }

    /** One row to write into a version table, and whether the open version of its key is closed first. */
    private record Row(Object[] values, Operation operation, boolean close) {
    }

    /**
     * The rows a change writes, per version table: one per table of its writer, with the change's
     * operation. When the change replaced an entity of another subclass (see
     * {@link UnitOfWork.Change#replaced}), the tables both classes share get the change's row, the
     * tables of the old class only a delete row with its last state, those of the new class only
     * an insert row.
     */
    private static void addRows(UnitOfWork.Change change, Map<VersionWriter, List<Row>> byTable) {
        if (change.copiesBefore >= 0) {
            addCopies(change, byTable.computeIfAbsent(change.writer.tables().get(0), w -> new ArrayList<>()));
            return;
        }
        UnitOfWork.Change replaced = change.replaced;
        if (replaced == null) {
            for (VersionWriter table : change.writer.tables()) {
                boolean close = change.operation != Operation.INSERT
                        || !change.freshOwner && (table.idsCanBeReused() || change.recreated);
                byTable.computeIfAbsent(table, w -> new ArrayList<>())
                        .add(new Row(change.values, change.operation, close));
            }
            return;
        }
        Set<String> before = new HashSet<>();
        replaced.writer.tables().forEach(table -> before.add(table.tableName()));
        Set<String> after = new HashSet<>();
        change.writer.tables().forEach(table -> after.add(table.tableName()));
        for (VersionWriter table : replaced.writer.tables()) {
            if (!after.contains(table.tableName())) {
                byTable.computeIfAbsent(table, w -> new ArrayList<>())
                        .add(new Row(replaced.values, Operation.DELETE, true));
            }
        }
        for (VersionWriter table : change.writer.tables()) {
            Operation operation = before.contains(table.tableName()) ? change.operation : Operation.INSERT;
            // the identifier was in use before, so even a new class's own table may hold an old version of it
            byTable.computeIfAbsent(table, w -> new ArrayList<>()).add(new Row(change.values, operation, true));
        }
    }

    /**
     * The rows of a bag element whose number of copies changed (see
     * {@link UnitOfWork#copiesChanged}): one insert per added copy, leaving the open copies open;
     * or, when copies were removed, the closing of every open copy, then one update per remaining
     * copy and one delete per removed copy.
     */
    private static void addCopies(UnitOfWork.Change change, List<Row> rows) {
        int before = change.copiesBefore;
        int after = change.copies;
        if (after > before) {
            // the element's open rows are closed only when it had no copy (they are removals then)
            boolean close = before == 0 && !change.freshOwner;
            for (int i = before; i < after; i++) {
                rows.add(new Row(change.values, Operation.INSERT, close && i == before));
            }
            return;
        }
        for (int i = 0; i < before; i++) {
            rows.add(new Row(change.values, i < after ? Operation.UPDATE : Operation.DELETE, i == 0));
        }
    }

    /**
     * The history of a transaction as one data-modifying statement (PostgreSQL): the transaction
     * row, the set-based closings and the inserts of small tables, each a {@code with} clause of
     * {@code with continuum_tx as (insert into transaction ... returning id), continuum_1 as
     * (update ...), continuum_2 as (insert ...) select id from continuum_tx}, the transaction id
     * taken from {@code continuum_tx}. All clauses see the
     * table as it was before the statement, so a clause's inserted rows are never closed by
     * another. What is left out (closings one row at a time, larger inserts, and inserts into a
     * table that such a closing still has to touch) is written after it, as before.
     *
     * @param sql the statement
     * @param closed the writers whose closings it holds
     * @param inserted the writers whose inserts it holds
     */
    private record Combined(String sql, List<VersionWriter> closed, List<VersionWriter> inserted) {
    }

    /** The combined statement for these writes, or null when it would hold no more than the transaction row. */
    private Combined combine(List<VersionWriter> order, Map<VersionWriter, List<Row>> byTable) {
        StringBuilder sql = new StringBuilder("with continuum_tx as (").append(insertTransactionSql).append(')');
        int parameters = 3;
        int clause = 0;
        List<VersionWriter> closed = new ArrayList<>();
        Set<String> closedLater = new HashSet<>();
        for (VersionWriter writer : order) {
            List<Object[]> rows = closingRows(byTable.get(writer));
            if (rows.isEmpty()) {
                continue;
            }
            List<List<Object[]>> chunks = writer.closeManySql(1, TRANSACTION_ID) == null ? null : chunks(rows);
            int keys = chunks == null ? 0 : chunks.stream().mapToInt(List::size).sum();
            if (chunks == null || parameters + keys > COMBINED_PARAMETER_LIMIT) {
                closedLater.add(writer.tableName());
                continue;
            }
            for (List<Object[]> chunk : chunks) {
                sql.append(", continuum_").append(++clause).append(" as (")
                        .append(writer.closeManySql(chunk.size(), TRANSACTION_ID)).append(')');
            }
            parameters += keys;
            closed.add(writer);
        }
        List<VersionWriter> inserted = new ArrayList<>();
        for (VersionWriter writer : order) {
            List<Row> rows = byTable.get(writer);
            String insert = rows.size() > COMBINED_INSERT_LIMIT || closedLater.contains(writer.tableName()) ? null
                    : writer.insertSql(rows.size(), TRANSACTION_ID);
            int needed = insert == null ? 0 : placeholders(insert);
            if (insert != null && parameters + needed <= COMBINED_PARAMETER_LIMIT) {
                sql.append(", continuum_").append(++clause).append(" as (").append(insert).append(')');
                parameters += needed;
                inserted.add(writer);
            }
        }
        if (clause == 0) {
            return null;
        }
        sql.append(" select id from continuum_tx");
        return new Combined(sql.toString(), closed, inserted);
    }

    private long writeCombined(Connection connection, StatementInspector inspector, Combined combined,
            Map<VersionWriter, List<Row>> byTable, SharedSessionContractImplementor session) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(inspect(inspector, combined.sql()))) {
            int parameter = bindTransaction(statement, 1, session);
            for (VersionWriter writer : combined.closed()) {
                for (List<Object[]> chunk : chunks(closingRows(byTable.get(writer)))) {
                    parameter = writer.bindCloseMany(statement, parameter, chunk, session);
                }
            }
            for (VersionWriter writer : combined.inserted()) {
                for (Row row : byTable.get(writer)) {
                    parameter = writer.bindInsert(statement, parameter, row.values(), row.operation(), session);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The number of JDBC parameters of a statement. */
    private static int placeholders(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                count++;
            }
        }
        return count;
    }

    private long insertTransaction(Connection connection, StatementInspector inspector,
            SharedSessionContractImplementor session) throws SQLException {
        if (idStyle == TransactionIdStyle.SELECT_THEN_INSERT) {
            long id;
            try (PreparedStatement select = connection.prepareStatement(inspect(inspector, nextIdSql));
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement(inspect(inspector, insertTransactionSql))) {
                insert.setLong(1, id);
                bindTransaction(insert, 2, session);
                insert.executeUpdate();
            }
            return id;
        }
        try (PreparedStatement insert = connection.prepareStatement(inspect(inspector, insertTransactionSql))) {
            bindTransaction(insert, 1, session);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Binds {@code issued_at} (now), {@code user_id} and {@code remote_addr}; returns the next parameter index. */
    private int bindTransaction(PreparedStatement statement, int first, SharedSessionContractImplementor session)
            throws SQLException {
        String userId = ChangeContext.userId()
                .or(() -> contextProvider == null ? java.util.Optional.empty() : contextProvider.userId())
                .orElse(null);
        String remoteAddress = ChangeContext.remoteAddress()
                .or(() -> contextProvider == null ? java.util.Optional.empty() : contextProvider.remoteAddress())
                .orElse(null);
        instantType.getJdbcValueBinder().bind(statement, Instant.now(), first, session);
        stringType.getJdbcValueBinder().bind(statement, userId, first + 1, session);
        stringType.getJdbcValueBinder().bind(statement, remoteAddress, first + 2, session);
        return first + 3;
    }

    private static void closeOpenVersions(Connection connection, StatementInspector inspector,
            VersionWriter writer, List<Row> written, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        List<Object[]> rows = closingRows(written);
        if (rows.isEmpty()) {
            return;
        }
        if (writer.closeManySql(1) != null) {
            closeSetBased(connection, inspector, writer, rows, transactionId, session);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(inspect(inspector, writer.closeSql()))) {
            int pending = 0;
            for (Object[] values : rows) {
                writer.addClose(statement, values, transactionId, session);
                if (++pending == BATCH_LIMIT) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /**
     * Closes the open versions of many rows with one {@code update ... where key in (...)} per 512
     * rows instead of one execution per row. The key list is padded (with the last key again) to a
     * power of two, so that few distinct statements exist and each is prepared once per connection.
     */
    private static void closeSetBased(Connection connection, StatementInspector inspector, VersionWriter writer,
            List<Object[]> rows, long transactionId, SharedSessionContractImplementor session) throws SQLException {
        for (List<Object[]> chunk : chunks(rows)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    inspect(inspector, writer.closeManySql(chunk.size())))) {
                writer.bindCloseMany(statement, chunk, transactionId, session);
                statement.executeUpdate();
            }
        }
    }

    /** The values of the rows whose open version is closed before they are written. */
    private static List<Object[]> closingRows(List<Row> written) {
        List<Object[]> rows = new ArrayList<>(written.size());
        for (Row row : written) {
            if (row.close()) {
                rows.add(row.values());
            }
        }
        return rows;
    }

    /**
     * The keys of a set-based closing in chunks of at most 512, each padded (with its last key
     * again) to a power of two.
     */
    private static List<List<Object[]>> chunks(List<Object[]> rows) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += CLOSE_CHUNK_LIMIT) {
            List<Object[]> chunk = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + CLOSE_CHUNK_LIMIT)));
            int size = Integer.highestOneBit(chunk.size());
            if (size < chunk.size()) {
                size <<= 1;
            }
            Object[] last = chunk.get(chunk.size() - 1);
            while (chunk.size() < size) {
                chunk.add(last);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private void insertVersions(Connection connection, StatementInspector inspector,
            VersionWriter writer, List<Row> rows, long transactionId,
            SharedSessionContractImplementor session) throws SQLException {
        // MariaDB's bulk execution evaluates a subquery once for the whole batch, so inserts that
        // read the live row go out one by one there.
        int limit = writer.readsLiveRow() && bulkEvaluatesSubqueriesOnce ? 1 : BATCH_LIMIT;
        try (PreparedStatement statement = connection.prepareStatement(inspect(inspector, writer.insertSql()))) {
            int pending = 0;
            for (Row row : rows) {
                writer.addInsert(statement, row.values(), transactionId, row.operation(), session);
                if (++pending == limit) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    private static String inspect(StatementInspector inspector, String sql) {
        if (inspector == null) {
            return sql;
        }
        String inspected = inspector.inspect(sql);
        return inspected == null ? sql : inspected;
    }
}
