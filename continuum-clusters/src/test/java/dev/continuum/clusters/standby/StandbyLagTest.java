package dev.continuum.clusters.standby;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.clusters.testing.ClusterMode;
import dev.continuum.clusters.testing.HotStandby;
import dev.continuum.clusters.testing.Jdbc;
import dev.continuum.clusters.testing.Units;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read on the standby right after a commit on the primary: what it sees while the standby has
 * not replayed the commit yet, and two ways to read one's own writes there: wait until the
 * standby has replayed the commit's WAL position, or commit with
 * {@code synchronous_commit = remote_apply} to a synchronous standby.
 */
class StandbyLagTest {

    private static StandbyHistory history;

    @BeforeAll
    static void history() {
        history = new StandbyHistory();
    }

    @AfterAll
    static void close() {
        history.close();
    }

    /** The versions of article 1 on the standby: transaction id and end. */
    private static List<String> versionsOnTheStandby() {
        return Units.readOnly(history.standby, em -> VersionHistory.of(em).versions(Article.class, 1L).stream()
                .map(v -> v.transactionId() + "-" + v.endTransactionId()).toList());
    }

    private static String rename(String title) {
        Units.run(history.primary, em -> em.find(Article.class, 1L).setTitle(title));
        return HotStandby.currentLsn();
    }

    @Test
    void beforeReplayTheStandbyShowsTheHistoryAsItWasBeforeTheCommit() {
        List<String> before = versionsOnTheStandby();
        Jdbc.with(HotStandby.standby(), c -> {
            Jdbc.execute(c, "select pg_wal_replay_pause()");
            return null;
        });
        try {
            String lsn = rename("Not replayed yet");

            List<String> lagging = versionsOnTheStandby();
            Optional<String> titleNow = Units.readOnly(history.standby, em -> VersionHistory.of(em)
                    .asOf(Article.class, 1L, Instant.now()).map(v -> v.entity().getTitle()));
            String liveTitle = Units.readOnly(history.standby, em -> em.find(Article.class, 1L).getTitle());
            boolean replayed = Jdbc.with(HotStandby.standby(), c -> HotStandby.replayed(c, lsn));

            assertThat(replayed).isFalse();
            assertThat(lagging).as("versions read before replay").isEqualTo(before);
            assertThat(lagging.get(lagging.size() - 1)).as("the last version, still open").endsWith("-OptionalLong.empty");
            assertThat(titleNow).as("asOf(now) on the standby").isNotEqualTo(Optional.of("Not replayed yet"));
            assertThat(liveTitle).isNotEqualTo("Not replayed yet");
        } finally {
            Jdbc.with(HotStandby.standby(), c -> {
                Jdbc.execute(c, "select pg_wal_replay_resume()");
                return null;
            });
        }
        HotStandby.catchUp();
        assertThat(versionsOnTheStandby()).hasSize(before.size() + 1);
    }

    @Test
    void aReadRightAfterTheCommitSeesEitherTheWholeTransactionOrNoneOfIt() {
        int commits = ClusterMode.pick(50, 10);
        int stale = 0;
        for (int i = 0; i < commits; i++) {
            HotStandby.catchUp();
            List<String> before = versionsOnTheStandby();
            rename("Immediate " + i);

            List<String> immediate = versionsOnTheStandby();

            if (immediate.equals(before)) {
                stale++;
            } else {
                assertThat(immediate).as("a read that saw the commit").hasSize(before.size() + 1)
                        .startsWith(before.subList(0, before.size() - 1).toArray(String[]::new));
            }
        }
        System.out.printf("[clusters] standby: %d of %d reads right after the commit missed it%n", stale, commits);
    }

    @Test
    void waitingUntilTheStandbyReplayedTheCommitLsnReadsOnesOwnWrite() throws SQLException {
        int commits = ClusterMode.pick(50, 10);
        List<Duration> lags = new ArrayList<>();
        try (Connection standby = HotStandby.standby().connect()) {
            for (int i = 0; i < commits; i++) {
                String title = "Own write " + i;
                String lsn = rename(title);
                lags.add(HotStandby.awaitReplay(standby, lsn, Duration.ofSeconds(30)));

                Optional<String> read = Units.readOnly(history.standby, em -> VersionHistory.of(em)
                        .versions(Article.class, 1L).stream().reduce((a, b) -> b).map(v -> v.entity().getTitle()));

                assertThat(read).as("the latest version after waiting for %s", lsn).contains(title);
            }
        }
        lags.sort(null);
        System.out.printf("[clusters] standby: replayed the commit LSN %.2f ms (median) and at most %.2f ms after the "
                + "commit returned%n", lags.get(lags.size() / 2).toNanos() / 1e6, lags.get(lags.size() - 1).toNanos() / 1e6);
    }

    @Test
    void withRemoteApplyAReadRightAfterTheCommitSeesIt() {
        Jdbc.with(HotStandby.primary(), c -> {
            Jdbc.execute(c, "alter system set synchronous_standby_names = 'standby'", "select pg_reload_conf()");
            return null;
        });
        try {
            awaitSynchronousStandby();
            int commits = ClusterMode.pick(50, 10);
            for (int i = 0; i < commits; i++) {
                String title = "Applied " + i;
                Units.run(history.primary, em -> {
                    em.unwrap(Session.class).doWork(connection -> {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("set local synchronous_commit = remote_apply");
                        }
                    });
                    em.find(Article.class, 1L).setTitle(title);
                });

                Optional<Version<Article>> latest = Units.readOnly(history.standby, em -> VersionHistory.of(em)
                        .versions(Article.class, 1L).stream().reduce((a, b) -> b));

                assertThat(latest.map(v -> v.entity().getTitle())).as("read right after commit %d", i).contains(title);
                assertThat(latest.map(Version::endTransactionId)).contains(OptionalLong.empty());
            }
        } finally {
            Jdbc.with(HotStandby.primary(), c -> {
                Jdbc.execute(c, "alter system reset synchronous_standby_names", "select pg_reload_conf()");
                return null;
            });
        }
    }

    private static void awaitSynchronousStandby() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Jdbc.with(HotStandby.primary(), c -> Jdbc.number(c,
                "select count(*) from pg_stat_replication where application_name = 'standby' and sync_state = 'sync'"))
                == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not become synchronous within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
