package dev.continuum.hibernate.history;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumException;
import dev.continuum.HistoryAdmin;
import dev.continuum.RetentionPolicy;
import dev.continuum.Version;
import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code continuum.strategy=subquery}: version tables without an end column, writes that only
 * insert, and reads that derive every version's end from the next version of its row.
 */
@Model(value = {Article.class, Author.class, Note.class},
        properties = {"continuum.strategy=subquery", StatementCounter.PROPERTY})
class SubqueryStrategyTest {

    private static <T extends ContinuumException> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " in the cause chain of " + thrown, thrown);
    }

    @DatabaseTest
    void versionTablesHaveNoEndColumnAndWritesOnlyInsert(Db db) {
        StatementCounter.reset();
        db.run(em -> em.persist(new Note(1L, "v0")));
        db.run(em -> em.find(Note.class, 1L).setText("v1"));
        db.run(em -> em.find(Note.class, 1L).setText("v2"));
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        List<String> statements = StatementCounter.statements().stream()
                .map(sql -> sql.toLowerCase(Locale.ROOT)).toList();

        assertThat(statements).filteredOn(sql -> sql.contains("insert into note_version")).hasSize(4);
        assertThat(statements).filteredOn(sql -> sql.startsWith("update") || sql.contains(" update "))
                .noneMatch(sql -> sql.contains("_version"));
        List<Map<String, Object>> rows = db.rows("select * from note_version");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).keySet()).map(name -> name.toLowerCase(Locale.ROOT))
                .contains("transaction_id", "operation_type").doesNotContain("end_transaction_id");
    }

    @DatabaseTest
    void eachVersionEndsWhereTheNextOneStarts(Db db) {
        db.run(em -> em.persist(new Note(1L, "v0")));
        db.run(em -> em.persist(new Note(2L, "other")));
        db.run(em -> em.find(Note.class, 1L).setText("v1"));
        db.run(em -> em.find(Note.class, 2L).setText("other changed"));
        db.run(em -> em.find(Note.class, 1L).setText("v2"));

        db.read(history -> {
            List<Version<Note>> versions = history.versions(Note.class, 1L);
            assertThat(versions).extracting(v -> v.entity().getText()).containsExactly("v0", "v1", "v2");
            for (int i = 0; i < versions.size() - 1; i++) {
                assertThat(versions.get(i).endTransactionId())
                        .isEqualTo(OptionalLong.of(versions.get(i + 1).transactionId()));
                assertThat(versions.get(i).next()).map(Version::transactionId)
                        .contains(versions.get(i + 1).transactionId());
            }
            assertThat(versions.get(2).endTransactionId()).isEmpty();
            assertThat(versions.get(2).next()).isEmpty();
            assertThat(versions.get(2).previous()).map(v -> v.entity().getText()).contains("v1");

            // the other note's versions between them change nothing of this one's validity
            long between = history.versions(Note.class, 2L).get(1).transactionId();
            assertThat(history.asOf(Note.class, 1L, between)).map(v -> v.entity().getText()).contains("v1");
            assertThat(history.asOf(Note.class, 1L, versions.get(0).transactionId())).map(v -> v.entity().getText())
                    .contains("v0");
            assertThat(history.asOf(Note.class, 1L, versions.get(0).transactionId() - 1)).isEmpty();
            assertThat(history.allAsOf(Note.class, between, 0, 10)).extracting(v -> v.entity().getText())
                    .containsExactly("v1", "other changed");
            return null;
        });
    }

    @DatabaseTest
    void aDeletedEntityIsAbsentAfterItsDeletionAndPresentBefore(Db db) {
        db.run(em -> em.persist(new Note(1L, "v0")));
        db.run(em -> em.find(Note.class, 1L).setText("v1"));
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        db.run(em -> em.persist(new Note(1L, "again")));

        db.read(history -> {
            List<Version<Note>> versions = history.versions(Note.class, 1L);
            assertThat(versions).hasSize(4);
            long deleted = versions.get(2).transactionId();
            assertThat(history.asOf(Note.class, 1L, deleted)).isEmpty();
            assertThat(history.allAsOf(Note.class, deleted, 0, 10)).isEmpty();
            assertThat(history.asOf(Note.class, 1L, deleted - 1)).map(v -> v.entity().getText()).contains("v1");
            assertThat(history.asOf(Note.class, 1L, versions.get(3).transactionId())).map(v -> v.entity().getText())
                    .contains("again");
            assertThat(versions.get(1).endTransactionId()).isEqualTo(OptionalLong.of(deleted));
            return null;
        });
    }

    @DatabaseTest
    void anUnknownStrategyFailsTheBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of("continuum.strategy", "closing"),
                List.of(Note.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .isEqualTo("continuum.strategy is 'closing'; use 'validity' (the default) or 'subquery'");
    }

    @DatabaseTest
    void tamperEvidenceNeedsTheValidityStrategy(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of("continuum.integrity", "hash-chain"),
                List.of(Note.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .contains("continuum.strategy is 'subquery' and continuum.integrity is 'hash-chain'")
                .contains("set continuum.strategy to 'validity' or continuum.integrity to 'none'");
    }

    @DatabaseTest
    void pruningNeedsTheValidityStrategy(Db db) {
        db.run(em -> em.persist(new Note(1L, "v0")));
        db.run(em -> em.find(Note.class, 1L).setText("v1"));

        assertThatThrownBy(() -> HistoryAdmin.of(db.emf()).prune(Note.class, RetentionPolicy.keepLast(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Pruning the history of dev.continuum.hibernate.model.Note needs "
                        + "continuum.strategy=validity");
        assertThat(db.count("note_version")).isEqualTo(2);
    }
}
