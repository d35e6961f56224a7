package dev.continuum.hibernate.history;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Undo and redo per entity, each step in its own entity manager, the position kept in the database. */
@Model({Article.class, Author.class, Note.class})
class UndoRedoTest {

    private static void write(Db db, String... texts) {
        db.run(em -> em.persist(new Note(1L, texts[0])));
        for (int i = 1; i < texts.length; i++) {
            String text = texts[i];
            db.run(em -> em.find(Note.class, 1L).setText(text));
        }
    }

    private static Optional<Version<Note>> undo(EntityManagerFactory emf) {
        return Db.inTransaction(emf, em -> VersionHistory.of(em).undo(em.find(Note.class, 1L)));
    }

    private static Optional<Version<Note>> redo(EntityManagerFactory emf) {
        return Db.inTransaction(emf, em -> VersionHistory.of(em).redo(Note.class, 1L));
    }

    private static String text(EntityManagerFactory emf) {
        return Db.inTransaction(emf, em -> {
            Note note = em.find(Note.class, 1L);
            return note == null ? null : note.getText();
        });
    }

    @DatabaseTest
    void undoStepsBackOneVersion(Db db) {
        write(db, "a", "b", "c");

        Optional<Version<Note>> undone = undo(db.emf());

        assertThat(undone.map(v -> v.entity().getText())).contains("b");
        assertThat(text(db.emf())).isEqualTo("b");
    }

    @DatabaseTest
    void undoRecordsANewVersionThroughTheWritePath(Db db) {
        write(db, "a", "b");

        undo(db.emf());

        long count = db.inTransaction(em -> VersionHistory.of(em).count(Note.class, 1L));
        assertThat(count).isEqualTo(3);
    }

    @DatabaseTest
    void repeatedUndoKeepsSteppingBackThroughTheOriginalVersions(Db db) {
        write(db, "a", "b", "c");

        undo(db.emf());
        undo(db.emf());

        assertThat(text(db.emf())).isEqualTo("a");
    }

    @DatabaseTest
    void undoAtTheFirstVersionDoesNothing(Db db) {
        write(db, "a", "b");
        undo(db.emf());

        Optional<Version<Note>> again = undo(db.emf());

        assertThat(again).isEmpty();
        assertThat(text(db.emf())).isEqualTo("a");
    }

    @DatabaseTest
    void redoStepsForwardAgainAfterUndo(Db db) {
        write(db, "a", "b", "c");
        undo(db.emf());
        undo(db.emf());

        Optional<Version<Note>> first = redo(db.emf());
        String afterFirst = text(db.emf());
        Optional<Version<Note>> second = redo(db.emf());

        assertThat(first.map(v -> v.entity().getText())).contains("b");
        assertThat(afterFirst).isEqualTo("b");
        assertThat(second.map(v -> v.entity().getText())).contains("c");
        assertThat(text(db.emf())).isEqualTo("c");
    }

    @DatabaseTest
    void redoBeyondTheLatestOriginalVersionDoesNothing(Db db) {
        write(db, "a", "b");
        undo(db.emf());
        redo(db.emf());

        Optional<Version<Note>> again = redo(db.emf());

        assertThat(again).isEmpty();
        assertThat(text(db.emf())).isEqualTo("b");
    }

    @DatabaseTest
    void redoWithoutUndoDoesNothing(Db db) {
        write(db, "a", "b");

        Optional<Version<Note>> redone = redo(db.emf());

        assertThat(redone).isEmpty();
        assertThat(text(db.emf())).isEqualTo("b");
    }

    @DatabaseTest
    void anyOtherChangeClearsTheRedoPath(Db db) {
        write(db, "a", "b", "c");
        undo(db.emf());
        db.run(em -> em.find(Note.class, 1L).setText("edited"));

        Optional<Version<Note>> redone = redo(db.emf());

        assertThat(redone).isEmpty();
        assertThat(text(db.emf())).isEqualTo("edited");
    }

    @DatabaseTest
    void undoAfterAnotherChangeStartsFromTheNewLatestVersion(Db db) {
        write(db, "a", "b", "c");
        undo(db.emf());
        db.run(em -> em.find(Note.class, 1L).setText("edited"));

        undo(db.emf());

        assertThat(text(db.emf())).isEqualTo("b");
    }

    @DatabaseTest
    void undoOfADeleteRecreatesTheEntityAndRedoDeletesItAgain(Db db) {
        write(db, "a");
        db.run(em -> em.remove(em.find(Note.class, 1L)));

        Optional<Version<Note>> undone = Db.inTransaction(db.emf(), em -> VersionHistory.of(em).undo(Note.class, 1L));
        String recreated = text(db.emf());
        redo(db.emf());

        assertThat(undone.map(Version::operation)).contains(Operation.INSERT);
        assertThat(recreated).isEqualTo("a");
        assertThat(text(db.emf())).isNull();
    }

    @DatabaseTest
    void undoAndRedoPositionsSurviveANewEntityManagerFactory(Db db) {
        write(db, "a", "b", "c");
        undo(db.emf());
        undo(db.emf());

        EntityManagerFactory restarted = db.build(Map.of("hibernate.hbm2ddl.auto", "none"));
        try {
            Optional<Version<Note>> redone = redo(restarted);

            assertThat(redone.map(v -> v.entity().getText())).contains("b");
            assertThat(text(restarted)).isEqualTo("b");
        } finally {
            restarted.close();
        }
    }

    @DatabaseTest
    void undoOfAnEntityWithoutHistoryIsALookupError(Db db) {
        assertThatThrownBy(() -> Db.inTransaction(db.emf(), em -> VersionHistory.of(em).undo(Note.class, 99L)))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Note with id 99 has no recorded history");
    }
}
