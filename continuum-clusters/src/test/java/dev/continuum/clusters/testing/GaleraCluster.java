package dev.continuum.clusters.testing;

import jakarta.persistence.EntityManagerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three-node MariaDB Galera cluster that {@code clusters/galera.sh start} runs: one
 * {@link Jdbc.Endpoint} per node, found through {@code CONTINUUM_GALERA_URLS} (comma-separated JDBC
 * URLs; default the script's ports 23306 to 23308, database {@code continuum}),
 * {@code CONTINUUM_GALERA_USER} (root) and {@code CONTINUUM_GALERA_PASSWORD} (empty). Every URL
 * gets {@link #DRIVER_OPTIONS}, the settings an application on Galera needs.
 */
public final class GaleraCluster {

    /** The DDL of the transaction id sequence that keeps ids unique and in commit order on Galera. */
    public static final String SEQUENCE = "create sequence transaction_id_seq start with 1 increment by 0 nocache";

    /**
     * MariaDB Connector/J options for Galera: its bulk inserts (on by default for batched inserts)
     * can report a transaction that lost a conflict as committed (see {@code GaleraBulkInsertTest}).
     */
    public static final String DRIVER_OPTIONS = "useBulkStmtsForInserts=false";

    private GaleraCluster() {
    }

    /** The nodes, first to last, with {@link #DRIVER_OPTIONS}. */
    public static List<Jdbc.Endpoint> nodes() {
        List<Jdbc.Endpoint> nodes = new ArrayList<>();
        for (Jdbc.Endpoint node : nodesAsConfigured()) {
            String url = node.url().contains(DRIVER_OPTIONS) ? node.url()
                    : node.url() + (node.url().contains("?") ? "&" : "?") + DRIVER_OPTIONS;
            nodes.add(new Jdbc.Endpoint(node.name(), url, node.user(), node.password()));
        }
        return nodes;
    }

    /** The nodes, first to last, with the URLs as configured: the driver's defaults. */
    public static List<Jdbc.Endpoint> nodesAsConfigured() {
        String urls = Env.get("CONTINUUM_GALERA_URLS", "jdbc:mariadb://127.0.0.1:23306/continuum,"
                + "jdbc:mariadb://127.0.0.1:23307/continuum,jdbc:mariadb://127.0.0.1:23308/continuum");
        List<Jdbc.Endpoint> nodes = new ArrayList<>();
        for (String url : urls.split(",")) {
            nodes.add(new Jdbc.Endpoint("galera-node" + (nodes.size() + 1), url.trim(),
                    Env.get("CONTINUUM_GALERA_USER", "root"), Env.get("CONTINUUM_GALERA_PASSWORD", "")));
        }
        return nodes;
    }

    /** Node {@code n}, counted from 1. */
    public static Jdbc.Endpoint node(int n) {
        return nodes().get(n - 1);
    }

    /**
     * Fails, saying how to start the cluster, unless every node answers, is Synced and sees a
     * cluster of all nodes.
     */
    public static void requireSynced() {
        List<Jdbc.Endpoint> nodes = nodes();
        for (Jdbc.Endpoint node : nodes) {
            if (!node.reachable()) {
                throw new IllegalStateException("Galera " + node + " at " + node.url() + " is not reachable: start the "
                        + "cluster with clusters/galera.sh start, or set CONTINUUM_GALERA_URLS (see docs/clusters.md)");
            }
            Jdbc.with(node, connection -> {
                String state = status(connection, "wsrep_local_state_comment");
                String size = status(connection, "wsrep_cluster_size");
                if (!"Synced".equals(state) || !String.valueOf(nodes.size()).equals(size)) {
                    throw new IllegalStateException("Galera " + node + " is " + state + " in a cluster of " + size
                            + " nodes, not Synced in one of " + nodes.size() + ": see clusters/galera.sh status");
                }
                return null;
            });
        }
    }

    /** A status variable of the node a connection is on. */
    public static String status(Connection connection, String variable) {
        var rows = Jdbc.rows(connection, "show global status like '" + variable + "'");
        return rows.isEmpty() ? null : String.valueOf(rows.get(0).get("value"));
    }

    /**
     * A connection whose reads wait until the node has applied everything the cluster committed
     * before them ({@code wsrep_sync_wait = 1}): the causal read to check results with.
     */
    public static Connection causal(int node) {
        Connection connection = node(node).connect();
        Jdbc.execute(connection, "set session wsrep_sync_wait = 1");
        return connection;
    }

    /**
     * Waits until every node has applied what the cluster committed so far: a causal read on
     * each. Without it, an instance on another node may not yet see a row that was just committed.
     */
    public static void awaitApplied() {
        for (int n = 1; n <= nodes().size(); n++) {
            try (Connection connection = causal(n)) {
                Jdbc.value(connection, "select 1");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Drops every table and sequence of the test database, through node 1 (DDL replicates to all). */
    public static void dropAll() {
        Jdbc.with(node(1), connection -> {
            Jdbc.execute(connection, "set session foreign_key_checks = 0");
            for (var row : Jdbc.rows(connection,
                    "select table_name as name from information_schema.tables where table_schema = database()")) {
                Jdbc.execute(connection, "drop table if exists `" + row.get("name") + "`");
            }
            return null;
        });
    }

    /**
     * Recreates the schema of {@code entities} on the cluster: drops everything, creates the
     * transaction id sequence with {@code sequenceDdl} (Galera refuses the one Hibernate would
     * create), then lets Hibernate create the rest through node 1 ({@code hbm2ddl.auto=update}).
     */
    public static void createSchema(List<Class<?>> entities, String sequenceDdl) {
        dropAll();
        Jdbc.with(node(1), connection -> {
            Jdbc.execute(connection, sequenceDdl);
            return null;
        });
        Units.build(node(1), "update", entities, Map.of()).close();
    }

    /** One application instance's persistence unit on node {@code n}; the caller closes it. */
    public static EntityManagerFactory open(int n, List<Class<?>> entities, Map<String, ?> extra) {
        return Units.build(node(n), "none", entities, extra);
    }
}
