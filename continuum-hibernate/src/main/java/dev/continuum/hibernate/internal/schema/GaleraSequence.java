package dev.continuum.hibernate.internal.schema;

import dev.continuum.SchemaMismatchException;

import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction sequence on a MariaDB Galera cluster. Every node of a cluster hands out values
 * of a sequence on its own: with {@code increment by 1} two nodes give the same id to transactions
 * running at once (one of them then fails on the transaction table's key and must be retried), and
 * with a cache a block of ids reserved by a transaction that rolled back never reaches the other
 * nodes, so history order stops being commit order. {@code increment by 0 nocache} makes each node
 * count with its own offset (unique ids, in commit order per entity); on a server without Galera
 * it counts by one. Checked once at boot, only where {@code @@wsrep_on} says the server is a
 * Galera node.
 */
public final class GaleraSequence {

    private static final Logger LOG = LoggerFactory.getLogger("dev.continuum");

    private final SessionFactoryImplementor factory;
    private final String sequence;
    private final boolean managed;

    /**
     * @param sequence the rendered name of the transaction sequence
     * @param managed whether Hibernate's schema management creates or updates Continuum's objects,
     *        so that Continuum may alter its own sequence
     */
    public GaleraSequence(SessionFactoryImplementor factory, String sequence, boolean managed) {
        this.factory = factory;
        this.sequence = sequence;
        this.managed = managed;
    }

    /**
     * Makes the sequence count per node when Continuum manages it, and otherwise fails on a cached
     * sequence and warns on one that counts by one, with the statement that fixes it.
     *
     * @throws SchemaMismatchException on a Galera node whose transaction sequence has a cache
     */
    public void check() {
        if (!(factory.getJdbcServices().getDialect() instanceof MySQLDialect)) {
            return;
        }
        JdbcConnectionAccess access = factory.getJdbcServices().getBootstrapJdbcConnectionAccess();
        try {
            Connection connection = access.obtainConnection();
            try (Statement statement = connection.createStatement()) {
                if (!galera(statement)) {
                    return;
                }
                check(statement, connection.getMetaData().getURL());
            } finally {
                access.releaseConnection(connection);
            }
        } catch (SQLException e) {
            LOG.warn("Continuum could not check its transaction sequence on this Galera node: {}", e.getMessage());
        }
    }

    private static boolean galera(Statement statement) {
        try (ResultSet rs = statement.executeQuery("select @@global.wsrep_on")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            // a server without the wsrep variables is no Galera node
            return false;
        }
    }

    private void check(Statement statement, String url) throws SQLException {
        long increment;
        long cache;
        try (ResultSet rs = statement.executeQuery("select increment, cache_size from " + sequence)) {
            if (!rs.next()) {
                return;
            }
            increment = rs.getLong(1);
            cache = rs.getLong(2);
        }
        String fix = "alter sequence " + sequence + " increment by 0 nocache";
        if (increment != 0 || cache != 0) {
            if (managed) {
                statement.execute(fix);
                LOG.info("Continuum made its transaction sequence count per Galera node ({})", fix);
            } else if (cache != 0) {
                throw new SchemaMismatchException("This is a Galera cluster node and Continuum's transaction sequence "
                        + sequence + " has a cache of " + cache + ": ids reserved by a transaction that rolled back "
                        + "never reach the other nodes, so history would stop following commit order. Fix: " + fix);
            } else {
                LOG.warn("This is a Galera cluster node and Continuum's transaction sequence {} counts by {}: two nodes "
                        + "then give the same id to concurrent transactions and one of them must be retried. Fix: {}",
                        sequence, increment, fix);
            }
        }
        if (url != null && !url.contains("useBulkStmtsForInserts=false") && !url.contains("useBulkStmts=false")) {
            LOG.warn("This is a Galera cluster node reached through a JDBC URL without useBulkStmtsForInserts=false: "
                    + "with the MariaDB driver's bulk inserts, a transaction aborted by a certification conflict can be "
                    + "reported as committed when nothing of it was saved (see Continuum's docs on clusters); add "
                    + "useBulkStmtsForInserts=false to the URL");
        }
    }
}
