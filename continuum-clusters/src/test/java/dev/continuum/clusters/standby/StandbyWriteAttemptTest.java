package dev.continuum.clusters.standby;

import dev.continuum.ContinuumException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.clusters.testing.Units;
import jakarta.persistence.RollbackException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Revert, undo and redo write (the live entity, its new version, the undo position), so they
 * need the primary. What a standby answers today, and what it should answer.
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
    void revertOnTheStandbyFailsAtCommitWithTheDatabasesReadOnlyError() {
        Throwable thrown = catchThrowable(() -> Units.run(history.standby,
                em -> VersionHistory.of(em).versions(Article.class, 1L).get(0).revert()));

        assertThat(thrown).isInstanceOf(RollbackException.class)
                .hasMessageContaining("cannot execute UPDATE in a read-only transaction");
        assertThat(causes(thrown)).as("today the error is the database's, not Continuum's")
                .noneMatch(ContinuumException.class::isInstance);
        assertThat(currentTitleOnThePrimary()).isEqualTo("Better title");
    }

    @Test
    void undoOnTheStandbyFailsAtOnceWhenItWritesItsPosition() {
        Throwable thrown = catchThrowable(() -> Units.run(history.standby,
                em -> VersionHistory.of(em).undo(Article.class, 1L)));

        assertThat(thrown).isInstanceOf(ContinuumException.class)
                .hasMessage("Could not record the undo/redo position (ERROR: cannot execute INSERT in a read-only "
                        + "transaction)");
        assertThat(currentTitleOnThePrimary()).isEqualTo("Better title");
    }

    @Test
    void redoWithNothingToRedoOnlyReads() {
        Optional<Long> redone = Units.readOnly(history.standby,
                em -> VersionHistory.of(em).redo(Article.class, 1L).map(Version::transactionId));

        assertThat(redone).isEmpty();
    }

    @Test
    void revertInAReadOnlySessionIsDroppedWithoutAnError() {
        Optional<String> reverted = Units.readOnly(history.standby, em -> {
            Optional<Article> article = VersionHistory.of(em).versions(Article.class, 1L).get(0).revert();
            em.flush();
            return article.map(Article::getTitle);
        });

        assertThat(reverted).as("what revert returned").contains("First draft");
        assertThat(currentTitleOnThePrimary()).as("what was written").isEqualTo("Better title");
    }

    @Test
    @Disabled("Needs a library change: revert(), undo() and redo() should check that they can write before they "
            + "change anything (the session is not read-only, the database transaction is not: SHOW "
            + "transaction_read_only on PostgreSQL, @@transaction_read_only on MariaDB) and throw a ContinuumException "
            + "that names the entity and says to run it in a read-write transaction on the primary. See "
            + "docs/clusters.md, 'Reverting needs the primary'.")
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
