package dev.continuum.hibernate.internal.integrity;

import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.NullSafeEquality;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.VersionModel;

import dev.continuum.ContinuumException;
import dev.continuum.IntegrityReport;

import org.hibernate.StatelessSession;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;

/**
 * Tamper evidence of one session factory, when it is on: the version tables it hashes, and the
 * hashing of a transaction's rows that the write path calls once per transaction, after its
 * version rows are written. Each transaction hashes only its own rows and the rows they close
 * (which it has locked already), so writers of different entities never wait for each other.
 */
public final class Integrity {

    private final VersionModel model;
    private final IntegrityNames names;
    private final Map<String, HashedTable> tables;
    private final TransactionRows transactionRows;
    private final String insertHashSql;

    private Integrity(VersionModel model, IntegrityNames names, Map<String, HashedTable> tables) {
        this.model = model;
        this.names = names;
        this.tables = tables;
        this.transactionRows = new TransactionRows(model.names());
        this.insertHashSql = "insert into " + names.hashTable()
                + " (transaction_id, version_digest, " + names.rowHash() + ") values (?, ?, ?)";
    }

    /** Tamper evidence of {@code factory}, or empty when it is off. */
    public static Optional<Integrity> of(SessionFactoryImplementor factory, VersionModel model) {
        if (!model.settings().hashChain()) {
            return Optional.empty();
        }
        Dialect dialect = factory.getJdbcServices().getDialect();
        IntegrityNames names = IntegrityNames.of(model.settings(),
                factory.getJdbcServices().getJdbcEnvironment().getIdentifierHelper(), dialect);
        NullSafeEquality nullSafe = NullSafeEquality.of(dialect);
        Map<String, HashedTable> tables = new LinkedHashMap<>();
        List<EntityModel> entities = new ArrayList<>(model.entities());
        entities.sort((a, b) -> a.persister().getEntityName().compareTo(b.persister().getEntityName()));
        for (EntityModel entity : entities) {
            for (EntityTable level : entity.levels()) {
                tables.putIfAbsent(level.name(), HashedTable.of(level, model.names(), names.rowHash()));
            }
        }
        List<CollectionTable> collections = new ArrayList<>(model.collections());
        collections.sort((a, b) -> a.role().compareTo(b.role()));
        for (CollectionTable collection : collections) {
            tables.putIfAbsent(collection.name(), HashedTable.of(collection, model.names(), names.rowHash(), nullSafe));
        }
        return Optional.of(new Integrity(model, names, Map.copyOf(tables)));
    }

    VersionModel model() {
        return model;
    }

    /** The table of transaction hashes, as written in SQL. */
    public String hashTable() {
        return names.hashTable();
    }

    IntegrityNames names() {
        return names;
    }

    TransactionRows transactionRows() {
        return transactionRows;
    }

    /** The hashed table named {@code name} (as rendered in SQL), or null. */
    HashedTable table(String name) {
        return tables.get(name);
    }

    /** Every hashed version table, by name. */
    List<HashedTable> tables() {
        List<HashedTable> all = new ArrayList<>(tables.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    /**
     * Hashes what transaction {@code transactionId} wrote, in its own database transaction: each of
     * its version rows in {@code tableNames}, chained to the row it closed, then its transaction
     * row with the digest of those hashes.
     */
    public void hashTransaction(Statements statements, SharedSessionContractImplementor session, long transactionId,
            Collection<String> tableNames) throws SQLException {
        List<byte[]> hashes = new ArrayList<>();
        for (String name : tableNames) {
            HashedTable table = tables.get(name);
            if (table != null) {
                table.hashRows(statements, session, transactionId, hashes);
            }
        }
        byte[] versions = Hashes.versions(hashes);
        TransactionRows.Row row;
        try (PreparedStatement select = statements.prepare(transactionRows.byIdSql())) {
            select.setLong(1, transactionId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The transaction row " + transactionId + " just written was not found");
                }
                row = transactionRows.read(rs);
            }
        }
        try (PreparedStatement insert = statements.prepare(insertHashSql)) {
            insert.setLong(1, transactionId);
            insert.setString(2, Hashes.hex(versions));
            insert.setString(3, Hashes.hex(Hashes.transaction(row.content(), row.identity(), versions)));
            insert.executeUpdate();
        }
    }

    /**
     * Records the hashes of version rows that retention is about to remove, so that the digests
     * of their transactions and the chains of the versions that stay remain checkable.
     *
     * @param rows the key values of each row, then its transaction id
     */
    public void removing(Connection connection, SharedSessionContractImplementor session, String table,
            List<Object[]> rows) throws SQLException {
        HashedTable hashed = tables.get(table);
        if (hashed != null && !rows.isEmpty()) {
            // MariaDB's bulk execution of a batch (which its driver uses) refuses an insert ... select
            hashed.recordRemoved(connection, session, names.removedTable(), rows,
                    session.getJdbcServices().getDialect() instanceof MariaDBDialect);
        }
    }

    /**
     * Records the hashes of the rows of {@code source} (a partition of version table {@code table},
     * aliased {@code v} in {@code condition}) that meet {@code condition}, before retention drops
     * them with the partition: set-based where the key's types allow.
     */
    public void removingWhere(Connection connection, SharedSessionContractImplementor session, String table,
            String source, String condition) throws SQLException {
        HashedTable hashed = tables.get(table);
        if (hashed != null) {
            hashed.recordRemovedWhere(connection, session, names.removedTable(), source, condition);
        }
    }

    /**
     * Marks the hash rows of the transactions from {@code from} (inclusive) to {@code to}
     * (exclusive) whose transaction rows maintenance removed.
     */
    public void removedTransactions(Connection connection, long from, long to) throws SQLException {
        TableNames tableNames = model.names();
        try (PreparedStatement update = connection.prepareStatement("update " + names.hashTable()
                + " set removed_at = current_timestamp where transaction_id >= ? and transaction_id < ? and removed_at "
                + "is null and not exists (select 1 from " + tableNames.transactionTable() + " t where t."
                + tableNames.transactionColumns().id() + " = transaction_id)")) {
            update.setLong(1, from);
            update.setLong(2, to);
            update.executeUpdate();
        }
    }

    /** Records the hashes of every version row of one owner that erasure is about to remove, without the key. */
    public void erasing(Connection connection, SharedSessionContractImplementor session, String table, Object[] owner)
            throws SQLException {
        HashedTable hashed = tables.get(table);
        if (hashed != null) {
            hashed.recordErased(connection, session, names.removedTable(), owner);
        }
    }

    /** Marks the hash rows of the transactions among {@code ids} whose rows maintenance removed. */
    public void removedTransactions(Connection connection, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        TableNames tableNames = model.names();
        try (PreparedStatement update = connection.prepareStatement("update " + names.hashTable()
                + " set removed_at = current_timestamp where transaction_id = ? and removed_at is null and not exists"
                + " (select 1 from " + tableNames.transactionTable() + " t where t."
                + tableNames.transactionColumns().id() + " = ?)")) {
            for (long id : ids) {
                update.setLong(1, id);
                update.setLong(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Keeps, before the user and address of {@code userId}'s transactions are cleared, the hash of
     * what they held, so that the rows stay checkable.
     */
    public void erasingUser(Connection connection, String userId) throws SQLException {
        TableNames tableNames = model.names();
        List<long[]> ids = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select * from " + tableNames.transactionTable()
                + " where " + tableNames.transactionColumns().userId() + " = ?")) {
            select.setString(1, userId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    TransactionRows.Row row = transactionRows.read(rs);
                    ids.add(new long[] {row.id()});
                    identities.add(Hashes.hex(row.identity()));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update " + names.hashTable()
                + " set identity_hash = ? where transaction_id = ? and identity_hash is null")) {
            for (int i = 0; i < ids.size(); i++) {
                update.setString(1, identities.get(i));
                update.setLong(2, ids.get(i)[0]);
                update.addBatch();
            }
            if (!ids.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    /** Checks the whole history; see {@link dev.continuum.HistoryAdmin#verify()}. */
    public IntegrityReport verify(SessionFactoryImplementor factory) {
        return check(factory, (verifier, session, connection) -> verifier.all());
    }

    /**
     * Checks the rows of one entity in the version tables named {@code tableNames} (its hierarchy's
     * levels and collections) and the transactions that wrote them.
     *
     * @param key the entity's identifier as the JDBC values of its key columns
     */
    public IntegrityReport verify(SessionFactoryImplementor factory, List<String> tableNames, Object[] key) {
        List<HashedTable> owned = tableNames.stream().distinct().map(tables::get).filter(Objects::nonNull).toList();
        return check(factory, (verifier, session, connection) -> verifier.owner(owned, key));
    }

    /** Checks the whole history and, when intact, seals it; see {@link dev.continuum.HistoryAdmin#seal(Duration)}. */
    public IntegrityReport seal(SessionFactoryImplementor factory, Duration settle) {
        return check(factory, (verifier, session, connection) -> {
            IntegrityReport report = verifier.all();
            if (!report.intact()) {
                return report;
            }
            return new Sealer(this, session, connection).seal(report, verifier.lastChecked(), settle);
        });
    }

    @FunctionalInterface
    private interface Check {
        IntegrityReport run(Verifier verifier, SharedSessionContractImplementor session, Connection connection)
                throws SQLException;
    }

    /**
     * Runs a check in a transaction that sees one snapshot of the history (repeatable read), with a
     * second session for look-ups while a table streams.
     */
    private IntegrityReport check(SessionFactoryImplementor factory, Check check) {
        try (StatelessSession main = factory.openStatelessSession();
                StatelessSession second = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) main;
            SharedSessionContractImplementor lookups = (SharedSessionContractImplementor) second;
            int[] isolation = new int[1];
            session.doWork(connection -> {
                isolation[0] = connection.getTransactionIsolation();
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            });
            List<IntegrityReport> result = new ArrayList<>(1);
            try {
                session.getTransaction().begin();
                lookups.getTransaction().begin();
                try {
                    session.doWork(connection -> lookups.doWork(lookup -> result.add(
                            check.run(new Verifier(this, session, connection, lookup), session, connection))));
                    session.getTransaction().commit();
                } finally {
                    if (session.getTransaction().isActive()) {
                        session.getTransaction().rollback();
                    }
                    lookups.getTransaction().rollback();
                }
            } catch (RuntimeException e) {
                throw new ContinuumException("The check of the history against its hashes failed: " + e.getMessage(), e);
            } finally {
                session.doWork(connection -> connection.setTransactionIsolation(isolation[0]));
            }
            return result.get(0);
        }
    }

    /** Prepares a statement on the connection of the transaction being hashed. */
    @FunctionalInterface
    public interface Statements {
        PreparedStatement prepare(String sql) throws SQLException;
    }
}
