package dev.continuum.clusters.testing;

import java.sql.Connection;
import java.time.Duration;

/**
 * The PostgreSQL primary and streaming hot standby that {@code clusters/pg-standby.sh start} runs,
 * found through {@code CONTINUUM_STANDBY_PRIMARY_URL} (default port 25432, database
 * {@code continuum}), {@code CONTINUUM_STANDBY_URL} (port 25433), {@code CONTINUUM_STANDBY_USER}
 * (postgres) and {@code CONTINUUM_STANDBY_PASSWORD} (empty).
 */
public final class HotStandby {

    private HotStandby() {
    }

    public static Jdbc.Endpoint primary() {
        return new Jdbc.Endpoint("pg-primary",
                Env.get("CONTINUUM_STANDBY_PRIMARY_URL", "jdbc:postgresql://127.0.0.1:25432/continuum"),
                Env.get("CONTINUUM_STANDBY_USER", "postgres"), Env.get("CONTINUUM_STANDBY_PASSWORD", ""));
    }

    public static Jdbc.Endpoint standby() {
        return new Jdbc.Endpoint("pg-standby",
                Env.get("CONTINUUM_STANDBY_URL", "jdbc:postgresql://127.0.0.1:25433/continuum"),
                Env.get("CONTINUUM_STANDBY_USER", "postgres"), Env.get("CONTINUUM_STANDBY_PASSWORD", ""));
    }

    /** Fails, saying how to start them, unless the primary answers and the standby streams from it. */
    public static void requireStreaming() {
        for (Jdbc.Endpoint server : new Jdbc.Endpoint[] {primary(), standby()}) {
            if (!server.reachable()) {
                throw new IllegalStateException(server + " at " + server.url() + " is not reachable: start the primary "
                        + "and its standby with clusters/pg-standby.sh start, or set CONTINUUM_STANDBY_PRIMARY_URL and "
                        + "CONTINUUM_STANDBY_URL (see docs/clusters.md)");
            }
        }
        boolean recovering = Jdbc.with(standby(), c -> (Boolean) Jdbc.value(c, "select pg_is_in_recovery()"));
        long streaming = Jdbc.with(primary(), c -> Jdbc.number(c,
                "select count(*) from pg_stat_replication where state = 'streaming'"));
        if (!recovering || streaming == 0) {
            throw new IllegalStateException("the standby at " + standby().url() + " is not a streaming hot standby of "
                    + primary().url() + " (in recovery: " + recovering + ", streaming replicas: " + streaming
                    + "): see clusters/pg-standby.sh status");
        }
    }

    /**
     * The primary's current WAL position ({@code pg_current_wal_lsn()}): taken after a commit
     * returned, it is at or past that commit's record.
     */
    public static String currentLsn() {
        return Jdbc.with(primary(), c -> (String) Jdbc.value(c, "select pg_current_wal_lsn()::text"));
    }

    /** Whether the standby has replayed the WAL up to {@code lsn}. */
    public static boolean replayed(Connection standby, String lsn) {
        return (Boolean) Jdbc.value(standby, "select pg_last_wal_replay_lsn() >= ?::pg_lsn", lsn);
    }

    /**
     * Waits until the standby has replayed the WAL up to {@code lsn}: how a reader sees its own
     * writes on a standby.
     *
     * @return how long it waited
     */
    public static Duration awaitReplay(String lsn, Duration timeout) {
        try (Connection standby = standby().connect()) {
            return awaitReplay(standby, lsn, timeout);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #awaitReplay(String, Duration)}, polling on an open connection to the standby. */
    public static Duration awaitReplay(Connection standby, String lsn, Duration timeout) {
        long start = System.nanoTime();
        while (!replayed(standby, lsn)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException("the standby did not replay " + lsn + " within " + timeout
                        + " (replayed up to " + Jdbc.value(standby, "select pg_last_wal_replay_lsn()::text") + ")");
            }
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    public static Duration catchUp() {
        return awaitReplay(currentLsn(), Duration.ofSeconds(60));
    }
}
