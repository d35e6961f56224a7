package dev.continuum.hibernate.internal.write;

import dev.continuum.VersioningException;
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
 * Locks the live row of an entity that gets a version although no event of its own writes its row
 * in this transaction (only its collections changed, see {@link OwnerVersion}), with Hibernate's
 * pessimistic write lock ({@code select ... for update}, or what the dialect uses instead, such
 * as PostgreSQL's {@code for no key update}). An update of the entity holds that lock anyway;
 * without it, two transactions that change the collections of one entity could both take a
 * transaction id and both close "the open version", leaving two open. Held from the first change
 * of the entity's collections to the commit, the lock makes a later writer of the entity wait for
 * the earlier one's commit, so that its transaction id is larger and its closing sees the earlier
 * one's version. It is taken before the collection's own statements run, whose foreign key checks
 * take shared locks on the row (InnoDB): two transactions that both held those and then both asked
 * for the exclusive lock would deadlock.
 */
final class OwnerLock {

    private final List<DataColumn> keys;
    private final String sql;

    /** The lock of the live rows of {@code root}, the first (root) level of an entity. */
    OwnerLock(EntityTable root, Dialect dialect) {
        this.keys = root.columns().subList(0, root.idColumnCount());
        StringJoiner names = new StringJoiner(", ");
        StringJoiner where = new StringJoiner(" and ", " where ", "");
        for (DataColumn key : keys) {
            names.add(key.name());
            where.add(key.name() + " = " + key.writeExpression());
        }
        this.sql = "select " + names + " from " + root.liveTable() + where
                + dialect.getForUpdateString(LockMode.PESSIMISTIC_WRITE);
    }

    /** Locks the live row of {@code owner}, a captured row of the entity (identifier first). */
    void lock(SharedSessionContractImplementor session, Object[] owner) {
        HistoryStatements statements = new HistoryStatements(session);
        try (PreparedStatement statement = statements.prepare(sql)) {
            int parameter = 1;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).parameterized()) {
                    bind(statement, parameter++, i, owner[i], session);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // the row is locked as it is read
                }
            }
        } catch (SQLException e) {
            throw new VersioningException("Could not lock the row of an entity whose collections changed, which its "
                    + "version needs (" + e.getMessage() + "); the flush fails and the transaction must be rolled back",
                    session.getJdbcServices().getSqlExceptionHelper().convert(e,
                            "Continuum could not lock the owner of a changed collection", sql));
        }
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int key, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        keys.get(key).mapping().getJdbcValueBinder().bind(statement, value, parameter, session);
    }
}
