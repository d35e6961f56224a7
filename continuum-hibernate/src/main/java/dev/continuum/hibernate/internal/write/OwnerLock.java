package dev.continuum.hibernate.internal.write;

import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityTable;

import org.hibernate.LockMode;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Locks the live rows of entities of one type that get a version although no event of their own
 * wrote their row in this transaction (only their collections changed, see {@link OwnerVersion}),
 * with Hibernate's pessimistic write lock ({@code select ... for update}, or {@code for no key
 * update} where the dialect says so). An update of the entity holds that lock anyway; without it,
 * two transactions that change the collections of one entity could both take a transaction id
 * and both close "the open version", leaving two open. Taken before the transaction id, the lock
 * makes a later writer of the entity wait for the earlier one's commit, so that its id is larger
 * and its closing sees the earlier one's version. Rows are locked in the order of their identifier,
 * so that two transactions that lock the same rows cannot deadlock on them.
 */
final class OwnerLock {

    private final List<DataColumn> keys;
    /** The lock of rows listed by a single-column key, up to its key list; null for a composite key. */
    private final String setBasedPrefix;
    private final String setBasedSuffix;
    /** The lock of one row by its whole key. */
    private final String singleSql;

    /** The lock of the live rows of {@code root}, the first (root) level of an entity. */
    OwnerLock(EntityTable root, Dialect dialect) {
        this.keys = root.columns().subList(0, root.idColumnCount());
        String forUpdate = dialect.getForUpdateString(LockMode.PESSIMISTIC_WRITE);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (DataColumn key : keys) {
            names.add(key.name());
            where.add(key.name() + " = " + key.writeExpression());
        }
        String select = "select " + names + " from " + root.liveTable();
        this.singleSql = select + where + forUpdate;
        boolean setBased = keys.size() == 1 && "?".equals(keys.get(0).writeExpression());
        this.setBasedPrefix = setBased ? select + " where " + keys.get(0).name() + " in (" : null;
        this.setBasedSuffix = ") order by " + keys.get(0).name() + forUpdate;
    }

    /** Locks the live rows of {@code owners}, captured rows of the entity (identifier first). */
    void lock(HistoryStatements statements, List<Object[]> owners) throws SQLException {
        SharedSessionContractImplementor session = statements.session();
        if (setBasedPrefix == null) {
            for (Object[] owner : owners) {
                try (PreparedStatement statement = statements.prepare(singleSql)) {
                    int parameter = 1;
                    for (int i = 0; i < keys.size(); i++) {
                        if (keys.get(i).parameterized()) {
                            bind(statement, parameter++, i, owner[i], session);
                        }
                    }
                    drain(statement);
                }
            }
            return;
        }
        for (List<Object[]> chunk : TableRows.chunks(owners)) {
            StringJoiner sql = new StringJoiner(", ", setBasedPrefix, setBasedSuffix);
            chunk.forEach(owner -> sql.add("?"));
            try (PreparedStatement statement = statements.prepare(sql.toString())) {
                for (int i = 0; i < chunk.size(); i++) {
                    bind(statement, i + 1, 0, chunk.get(i)[0], session);
                }
                drain(statement);
            }
        }
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                // the rows are locked as they are read
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int key, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        keys.get(key).mapping().getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
