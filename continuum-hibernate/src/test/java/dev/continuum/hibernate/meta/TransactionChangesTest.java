package dev.continuum.hibernate.meta;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With continuum.transaction_changes, each transaction records the entity types it changed. */
@Model(value = {Note.class, Article.class, Author.class}, properties = {StatementCounter.PROPERTY,
        "continuum.transaction_changes=true"})
class TransactionChangesTest {

    @DatabaseTest
    void eachTransactionRecordsTheEntityTypesItChanged(Db db) {
        db.run(em -> {
            em.persist(new Note(1L, "a"));
            em.persist(new Note(2L, "b"));
        });
        db.run(em -> em.find(Note.class, 1L).setText("c"));

        List<Map<String, Object>> rows = db.rows("select transaction_id, entity_name from transaction_changes "
                + "order by transaction_id");
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(row -> row.get("entity_name")).containsOnly(Note.class.getName());
    }

    @DatabaseTest
    void changedInReadsOnlyTheVersionTablesOfTheTypesTheTransactionChanged(Db db) {
        db.run(em -> em.persist(new Note(1L, "a")));
        long id = db.read(history -> history.versions(Note.class, 1L).get(0).transactionId());

        db.read(history -> {
            StatementCounter.reset();
            List<Version<?>> changed = history.changedIn(id);
            assertThat(changed).hasSize(1);
            assertThat(changed.get(0).entity()).isInstanceOf(Note.class);
            // the changes, then the note versions: not the tables of articles and authors
            assertThat(StatementCounter.statements()).hasSize(2);
            return null;
        });
    }

    @DatabaseTest
    void pruningATransactionAwayDeletesItsChanges(Db db) {
        db.run(em -> em.persist(new Note(1L, "a")));
        db.run(em -> em.find(Note.class, 1L).setText("b"));
        db.run(em -> em.find(Note.class, 1L).setText("c"));

        HistoryAdmin.of(db.emf()).prune(Note.class, RetentionPolicy.keepLast(1).pruningFirst());

        assertThat(db.count("transaction")).isEqualTo(1);
        assertThat(db.count("transaction_changes")).isEqualTo(1);
    }
}
