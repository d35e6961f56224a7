package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.Operation;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.NullSafeEquality;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TransactionIdSource;
import dev.continuum.hibernate.internal.model.ValidityStrategy;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.StatelessSession;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.TableDetails;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryOptionsAdapter;
import org.hibernate.type.BasicType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Records an INSERT version, in one transaction row, for every row of a versioned hierarchy that
 * has no open version (see {@link HistoryAdmin#baseline(Class)}). The rows are copied inside the
 * database ({@code insert ... select}), a batch of rows at a time in key order, each batch its own
 * transaction that first locks its live rows ({@code select ... for update}), so that a writer of
 * one of them either committed before (its version is open, the row is skipped) or waits and then
 * closes the baseline version like any other. Hierarchies with a composite key are done in one
 * batch.
 */
final class Baseline {

    private final SessionFactoryImplementor factory;
    private final VersionModel model;
    private final List<EntityModel> entities;
    private final int batchSize;
    private final Dialect dialect;
    private final TableNames names;
    /** Tamper evidence, or null when it is off. */
    private final Integrity integrity;

    private long transactionId;
    private boolean transactionRecorded;
    private long versions;
    private long collectionRows;
    private int batches;

    Baseline(SessionFactoryImplementor factory, VersionModel model, List<EntityModel> entities, int batchSize) {
        this.factory = factory;
        this.model = model;
        this.entities = entities;
        this.batchSize = batchSize;
        this.dialect = factory.getJdbcServices().getDialect();
        this.names = model.names();
        this.integrity = Integrity.of(factory, model).orElse(null);
    }

    BaselineResult run() {
        List<Statements> hierarchies = hierarchies();
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            Batches.atReadCommitted(session, () -> {
                findInterruptedRun(session, hierarchies);
                for (Statements hierarchy : hierarchies) {
                    run(session, hierarchy);
                }
                if (integrity != null && transactionRecorded) {
                    hash(session, hierarchies);
                }
            });
        }
        return new BaselineResult(versions > 0 ? transactionId : 0, versions, collectionRows, batches);
    }

    /** The statements of each hierarchy of the entities. */
    private List<Statements> hierarchies() {
        List<Statements> statements = new ArrayList<>();
        for (Hierarchy hierarchy : Hierarchy.of(model, entities)) {
            statements.add(new Statements(hierarchy));
        }
        return statements;
    }

    /** Reuses the transaction row of an earlier, interrupted baseline of these tables. */
    private void findInterruptedRun(SharedSessionContractImplementor session, List<Statements> hierarchies) {
        StringJoiner recorded = new StringJoiner(" or ");
        for (Statements hierarchy : hierarchies) {
            recorded.add("exists (select 1 from " + hierarchy.root.name() + " v where v." + names.transactionId()
                    + " = t." + names.transactionColumns().id() + ")");
        }
        // with tamper evidence, a transaction that was hashed is complete: a later run records its own
        String sql = "select max(t." + names.transactionColumns().id() + ") from " + names.transactionTable()
                + " t where t." + names.transactionColumns().userId() + " = ? and (" + recorded + ")"
                + (integrity == null ? "" : " and not exists (select 1 from " + integrity.hashTable()
                        + " h where h.transaction_id = t." + names.transactionColumns().id() + ")");
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, HistoryAdmin.BASELINE_USER);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        transactionId = rs.getLong(1);
                        transactionRecorded = true;
                    }
                }
            }
        });
    }

    /**
     * With tamper evidence on: hashes the versions of the baseline transaction and writes its hash
     * row, as the write path does for every transaction, once all its batches are in.
     */
    private void hash(SharedSessionContractImplementor session, List<Statements> hierarchies) {
        List<String> tables = new ArrayList<>();
        for (Statements hierarchy : hierarchies) {
            hierarchy.hierarchy.entityTables().forEach(table -> tables.add(table.name()));
            hierarchy.hierarchy.collections.forEach(collection -> tables.add(collection.name()));
        }
        Batches.inTransaction(session, "The baseline", connection -> {
            integrity.hashTransaction(connection::prepareStatement, session, transactionId, tables);
            return null;
        }, () -> { });
    }

    private void run(SharedSessionContractImplementor session, Statements hierarchy) {
        boolean ranged = hierarchy.hierarchy.ranged();
        JdbcMapping keyMapping = hierarchy.root.jdbcMapping(0);
        Object last = null;
        while (true) {
            Object after = last;
            boolean recordedBefore = transactionRecorded;
            long versionsBefore = versions;
            long rowsBefore = collectionRows;
            int batchesBefore = batches;
            List<Object> keys = Batches.inTransaction(session, "The baseline", connection -> {
                // only rows without an open version; the insert checks again, after the rows are locked
                List<Object> locked = Batches.nextKeys(connection, session, dialect, hierarchy.root.liveTable(),
                        hierarchy.hierarchy.key(0), keyMapping, after, ranged ? batchSize : Integer.MAX_VALUE, true,
                        hierarchy.unversioned);
                if (!locked.isEmpty()) {
                    record(connection, session, hierarchy, ranged ? locked.get(0) : null,
                            ranged ? locked.get(locked.size() - 1) : null);
                }
                return locked;
            }, () -> {
                transactionRecorded = recordedBefore;
                versions = versionsBefore;
                collectionRows = rowsBefore;
                batches = batchesBefore;
            });
            if (keys.isEmpty() || !ranged) {
                return;
            }
            last = keys.get(keys.size() - 1);
        }
    }

    /**
     * Records the versions of the locked batch from {@code first} to {@code last} (both null for a
     * composite key: every row); returns whether it recorded any.
     */
    private void record(Connection connection, SharedSessionContractImplementor session, Statements hierarchy,
            Object first, Object last) throws SQLException {
        boolean newTransaction = !transactionRecorded;
        if (newTransaction) {
            insertTransactionRow(connection, session);
        }
        int recorded = execute(connection, session, hierarchy, hierarchy.rootSql, first, last, false);
        if (recorded == 0) {
            if (newTransaction) {
                transactionRecorded = false;
                connection.rollback();
            }
            batches++;
            return;
        }
        for (String sql : hierarchy.levelSql) {
            execute(connection, session, hierarchy, sql, first, last, true);
        }
        long rows = 0;
        for (String sql : hierarchy.collectionSql) {
            rows += execute(connection, session, hierarchy, sql, first, last, true);
        }
        versions += recorded;
        collectionRows += rows;
        batches++;
    }

    private int execute(Connection connection, SharedSessionContractImplementor session, Statements hierarchy,
            String sql, Object first, Object last, boolean ofThisBaseline) throws SQLException {
        JdbcMapping key = hierarchy.root.jdbcMapping(0);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setLong(parameter++, transactionId);
            if (first != null) {
                Batches.bind(statement, parameter++, key, first, session);
                Batches.bind(statement, parameter++, key, last, session);
            }
            if (ofThisBaseline) {
                statement.setLong(parameter, transactionId);
            }
            return statement.executeUpdate();
        }
    }

    private void insertTransactionRow(Connection connection, SharedSessionContractImplementor session)
            throws SQLException {
        BasicType<Instant> instant = factory.getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        if (transactionId == 0 && TransactionIdSource.of(dialect) == TransactionIdSource.IDENTITY) {
            TableNames.TransactionColumns c = names.transactionColumns();
            try (PreparedStatement statement = connection.prepareStatement("insert into " + names.transactionTable()
                    + " (" + c.issuedAt() + ", " + c.userId() + ", " + c.remoteAddr() + ") values (?, ?, null)",
                    Statement.RETURN_GENERATED_KEYS)) {
                instant.getJdbcValueBinder().bind(statement, Instant.now(), 1, session);
                statement.setString(2, HistoryAdmin.BASELINE_USER);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    transactionId = keys.getLong(1);
                }
            }
            transactionRecorded = true;
            return;
        }
        if (transactionId == 0) {
            String next = dialect.getSequenceSupport().getSequenceNextValString(names.transactionSequence());
            try (PreparedStatement statement = connection.prepareStatement(next); ResultSet rs = statement.executeQuery()) {
                rs.next();
                transactionId = rs.getLong(1);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("insert into " + names.transactionTable()
                + " (" + String.join(", ", names.transactionColumns().all()) + ") values (?, ?, ?, null)")) {
            statement.setLong(1, transactionId);
            instant.getJdbcValueBinder().bind(statement, Instant.now(), 2, session);
            statement.setString(3, HistoryAdmin.BASELINE_USER);
            statement.executeUpdate();
        }
        transactionRecorded = true;
    }

    /** The baseline's statements over one {@link Hierarchy}. */
    private final class Statements {
        final Hierarchy hierarchy;
        final EntityTable root;
        final String rootSql;
        /** The condition on a live row {@code t0} that it has no open version. */
        final String unversioned;
        final List<String> levelSql = new ArrayList<>();
        final List<String> collectionSql = new ArrayList<>();

        Statements(Hierarchy hierarchy) {
            this.hierarchy = hierarchy;
            this.root = hierarchy.root;
            this.rootSql = prepare();
            this.unversioned = "not exists (select 1 from " + root.name() + " v where " + keyMatch("v", "t0", root, root)
                    + " and " + open("v", root) + ")";
        }

        /** Builds the level and collection statements and returns the root table's. */
        private String prepare() {
            String rootSql = insert(root.name(), hierarchy.rootColumns.values(), hierarchy.rootLiveColumns, root.liveTable(),
                    root.idColumnCount())
                    + " and not exists (select 1 from " + root.name() + " v where " + keyMatch("v", "t0", root, root)
                    + " and " + open("v", root) + ")";
            for (EntityTable level : hierarchy.levels.values()) {
                levelSql.add(insert(level.name(), level.columns(), level.liveColumns(), level.liveTable(),
                        level.idColumnCount())
                        + " and exists (select 1 from " + root.name() + " v where " + keyMatch("v", "t0", root, level)
                        + thisBaseline("v") + ") and not exists (select 1 from " + level.name() + " w where "
                        + keyMatch("w", "t0", level, level) + " and " + open("w", level) + ")");
            }
            for (CollectionTable collection : hierarchy.collections) {
                StringJoiner columns = new StringJoiner(", ");
                StringJoiner values = new StringJoiner(", ");
                collection.columns().forEach(column -> {
                    columns.add(column.name());
                    values.add("c." + column.name());
                });
                int[] ownerKey = collection.keyPositions();
                StringJoiner owner = new StringJoiner(" and ");
                for (int i = 0; i < ownerKey.length; i++) {
                    owner.add("v." + root.columns().get(i).name() + " = c." + collection.columns().get(ownerKey[i]).name());
                }
                StringJoiner same = new StringJoiner(" and ");
                for (int i = 0; i < collection.identityWidth(); i++) {
                    DataColumn column = collection.columns().get(i);
                    same.add(column.nullable() ? NullSafeEquality.of(dialect).match("w." + column.name(), "c." + column.name())
                            : "w." + column.name() + " = c." + column.name());
                }
                String range = hierarchy.ranged() ? "c." + collection.columns().get(ownerKey[0]).name() + " >= ? and c."
                        + collection.columns().get(ownerKey[0]).name() + " <= ?" : "1 = 1";
                collectionSql.add("insert into " + collection.name() + " (" + columns + ", " + names.transactionId()
                        + ", " + names.operationType() + ") select " + values + ", ?, " + Operation.INSERT.code()
                        + " from " + collection.persister().getTableName() + " c where " + range
                        + " and exists (select 1 from " + root.name() + " v where " + owner + thisBaseline("v")
                        + ") and not exists (select 1 from " + collection.name() + " w where " + same + " and "
                        + names.validity().open("w", collection.name(), names.validity().sameKeyOf("w",
                                collection.columns().subList(0, collection.identityWidth()))) + ")");
            }
            return rootSql;
        }

        /**
         * {@code insert into <version table> (...) select ... from <live table> t0 [left join <secondary table> ...]
         * where <key range>}: the data columns from the tables that hold them, the transaction id as
         * the first parameter, then the range's two.
         */
        private String insert(String table, java.util.Collection<DataColumn> data, List<String> live, String liveTable,
                int keyCount) {
            StringJoiner columns = new StringJoiner(", ");
            StringJoiner values = new StringJoiner(", ");
            Map<String, String> aliases = new LinkedHashMap<>();
            aliases.put(liveTable, "t0");
            StringBuilder joins = new StringBuilder();
            int i = 0;
            List<String> keyNames = new ArrayList<>();
            for (DataColumn column : data) {
                columns.add(column.name());
                if (i < keyCount) {
                    keyNames.add(column.name());
                    values.add("t0." + column.name());
                } else {
                    String alias = aliases.get(column.table());
                    if (alias == null) {
                        alias = "t" + aliases.size();
                        aliases.put(column.table(), alias);
                        joins.append(" left join ").append(column.table()).append(' ').append(alias).append(" on ")
                                .append(secondaryKeyMatch(column.table(), alias, keyNames));
                    }
                    values.add(alias + "." + column.name());
                }
                i++;
            }
            for (String column : live) {
                columns.add(column);
                values.add("t0." + column);
            }
            String range = hierarchy.ranged() ? "t0." + keyNames.get(0) + " >= ? and t0." + keyNames.get(0) + " <= ?" : "1 = 1";
            return "insert into " + table + " (" + columns + ", " + names.transactionId() + ", " + names.operationType()
                    + ") select " + values + ", ?, " + Operation.INSERT.code() + " from " + liveTable + " t0" + joins
                    + " where " + range;
        }

        /** The join of a secondary table on its key columns to the key of {@code t0}. */
        private String secondaryKeyMatch(String table, String alias, List<String> keyNames) {
            StringJoiner on = new StringJoiner(" and ");
            for (EntityModel entity : hierarchy.entities) {
                if (on.length() == 0 && entity.persister() instanceof AbstractEntityPersister persister) {
                    persister.forEachTableDetails(details -> {
                        if (on.length() == 0 && details.getTableName().equals(table)) {
                            List<? extends TableDetails.KeyColumn> keys = details.getKeyDetails().getKeyColumns();
                            for (int k = 0; k < keys.size(); k++) {
                                on.add(alias + "." + keys.get(k).getColumnName() + " = t0." + keyNames.get(k));
                            }
                        }
                    });
                }
            }
            if (on.length() == 0) {
                throw new IllegalStateException("Table " + table + " is not a table of "
                        + hierarchy.persister.getEntityName());
            }
            return on.toString();
        }

        /** The key columns of {@code left} equal to those of {@code right}, by position. */
        private String keyMatch(String left, String right, EntityTable leftTable, EntityTable rightTable) {
            StringJoiner match = new StringJoiner(" and ");
            for (int i = 0; i < leftTable.idColumnCount(); i++) {
                match.add(left + "." + leftTable.columns().get(i).name() + " = " + right + "."
                        + rightTable.columns().get(i).name());
            }
            return match.toString();
        }

        /** The condition that the version {@code alias} of {@code table} is the open one of its key. */
        private String open(String alias, EntityTable table) {
            List<String> key = table.columns().subList(0, table.idColumnCount()).stream().map(DataColumn::name).toList();
            return names.validity().open(alias, table.name(), ValidityStrategy.sameKey(alias, key));
        }

        private String thisBaseline(String alias) {
            return " and " + alias + "." + names.transactionId() + " = ? and " + alias + "." + names.operationType()
                    + " = " + Operation.INSERT.code();
        }
    }
}
