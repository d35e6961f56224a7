package dev.continuum.clusters.standby;

import dev.continuum.ContinuumException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.clusters.testing.Units;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Revert, undo and redo write (the live entity, its new version, the undo position), so they
 * need the primary: on a standby they say so before they change anything.
 */
class StandbyWriteAttemptTest {

    private static StandbyHistory history;

    @BeforeAll
    static void history() {
        history = new StandbyHistory();
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void undoOnTheStandbySaysItNeedsThePrimary() {
        Throwable thrown = catchThrowable(() -> Units.run(history.standby,
                em -> VersionHistory.of(em).undo(Article.class, 1L)));

        assertThat(thrown).isInstanceOf(ContinuumException.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining("primary");
        assertThat(currentTitleOnThePrimary()).isEqualTo("Better title");
    }

    @Test
    void redoOnTheStandbyIsRefusedBeforeItReadsAnything() {
        Throwable thrown = catchThrowable(() -> Units.readOnly(history.standby,
                em -> VersionHistory.of(em).redo(Article.class, 1L).map(Version::transactionId)));

        assertThat(thrown).isInstanceOf(ContinuumException.class).hasMessageContaining("read-only");
    }

    @Test
    void revertOnTheStandbySaysItNeedsAReadWriteTransactionOnThePrimary() {
        Throwable inReadWriteTransaction = catchThrowable(() -> Units.run(history.standby,
                em -> VersionHistory.of(em).versions(Article.class, 1L).get(0).revert()));
        Throwable inReadOnlySession = catchThrowable(() -> Units.readOnly(history.standby,
                em -> VersionHistory.of(em).versions(Article.class, 1L).get(0).revert()));

        for (Throwable thrown : List.of(inReadWriteTransaction, inReadOnlySession)) {
            assertThat(thrown).isInstanceOf(ContinuumException.class)
                    .hasMessageContaining("Article")
                    .hasMessageContaining("read-only")
                    .hasMessageContaining("primary");
        }
    }

    private static String currentTitleOnThePrimary() {
        return Units.call(history.primary, em -> em.find(Article.class, 1L).getTitle());
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
