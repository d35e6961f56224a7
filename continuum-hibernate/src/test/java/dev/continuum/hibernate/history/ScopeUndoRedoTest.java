package dev.continuum.hibernate.history;

import dev.continuum.ChangeContext;
import dev.continuum.ContinuumException;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.UndoSteps;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.history.ScopeModel.Comment;
import dev.continuum.hibernate.history.ScopeModel.Post;
import dev.continuum.hibernate.history.ScopeModel.Tag;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undo and redo over a scope spanning several entities: a post with its comments, tags and
 * keywords, each transaction that changed any of them one step, each call in its own entity
 * manager, the position kept in the database.
 */
@Model({Post.class, Comment.class, Tag.class})
class ScopeUndoRedoTest {

    private static final UndoScope POST = UndoScope.of(Post.class, 1L, "comments", "tags", "keywords");

    /** Tags 1 "java" and 2 "sql"; post 1 "First" with comment 10 "nice", tag java and keyword alpha. */
    private static void create(Db db) {
        db.run(em -> {
            em.persist(new Tag(1L, "java"));
            em.persist(new Tag(2L, "sql"));
        });
        as(db, "alice", em -> {
            Post post = new Post(1L, "First");
            post.comment(10L, "nice");
            post.tags.add(em.find(Tag.class, 1L));
            post.keywords.add("alpha");
            em.persist(post);
        });
    }

    /** One action of bob: the title, a comment's text, a new comment, the tags and the keywords at once. */
    private static void editEverything(Db db) {
        as(db, "bob", em -> {
            Post post = em.find(Post.class, 1L);
            post.title = "Second";
            post.comments.get(0).text = "nicer";
            em.persist(post.comment(11L, "more"));
            post.tags.clear();
            post.tags.add(em.find(Tag.class, 2L));
            post.keywords.add("beta");
        });
    }

    private static void as(Db db, String user, Consumer<EntityManager> work) {
        ChangeContext.run(user, null, () -> db.run(work));
    }

    private static Optional<Transaction> undo(Db db) {
        return db.inTransaction(em -> VersionHistory.of(em).undo(POST));
    }

    private static Optional<Transaction> redo(Db db) {
        return db.inTransaction(em -> VersionHistory.of(em).redo(POST));
    }

    private static UndoSteps steps(Db db) {
        return db.inTransaction(em -> VersionHistory.of(em).undoSteps(POST));
    }

    /** The live post as "title comments tags keywords", or "absent". */
    private static String state(Db db) {
        return db.inTransaction(em -> {
            Post post = em.find(Post.class, 1L);
            return post == null ? "absent" : post.title + " " + post.commentTexts() + " " + post.tagNames() + " "
                    + new TreeSet<>(post.keywords);
        });
    }

    @DatabaseTest
    void undoTakesBackEverythingOneTransactionChangedInTheScope(Db db) {
        create(db);
        editEverything(db);

        Optional<Transaction> undone = undo(db);

        assertThat(undone.flatMap(Transaction::userId)).contains("bob");
        assertThat(state(db)).isEqualTo("First [10:nice] [java] [alpha]");
    }

    @DatabaseTest
    void aChangeOfAChildAloneIsAStepOfTheScope(Db db) {
        create(db);
        as(db, "carol", em -> em.find(Comment.class, 10L).text = "edited");

        Optional<Transaction> undone = undo(db);

        assertThat(undone.flatMap(Transaction::userId)).contains("carol");
        assertThat(state(db)).isEqualTo("First [10:nice] [java] [alpha]");
    }

    @DatabaseTest
    void aChildRemovedByTheStepIsCreatedAgainWithItsIdentifier(Db db) {
        create(db);
        as(db, "bob", em -> {
            Post post = em.find(Post.class, 1L);
            Comment comment = post.comments.remove(0);
            em.remove(comment);
        });

        undo(db);

        assertThat(state(db)).isEqualTo("First [10:nice] [java] [alpha]");
    }

    @DatabaseTest
    void undoRecordsItsChangesAsOneNewTransaction(Db db) {
        create(db);
        editEverything(db);

        undo(db);

        List<Long> postTransactions = db.inTransaction(em -> VersionHistory.of(em).versions(Post.class, 1L).stream()
                .map(Version::transactionId).toList());
        List<Operation> removedComment = db.inTransaction(em -> VersionHistory.of(em).versions(Comment.class, 11L)
                .stream().map(Version::operation).toList());
        long commentUndo = db.inTransaction(em -> VersionHistory.of(em).versions(Comment.class, 10L).get(2)
                .transactionId());
        assertThat(postTransactions).hasSize(3);
        assertThat(commentUndo).isEqualTo(postTransactions.get(2));
        assertThat(removedComment).containsExactly(Operation.INSERT, Operation.DELETE);
    }

    @DatabaseTest
    void repeatedUndoStepsBackThroughTheStepsOfTheSeries(Db db) {
        create(db);
        editEverything(db);
        as(db, "carol", em -> em.find(Comment.class, 11L).text = "most");

        undo(db);
        String afterOne = state(db);
        undo(db);

        assertThat(afterOne).isEqualTo("Second [10:nicer, 11:more] [sql] [alpha, beta]");
        assertThat(state(db)).isEqualTo("First [10:nice] [java] [alpha]");
    }

    @DatabaseTest
    void undoAtTheFirstStepDoesNothing(Db db) {
        create(db);

        Optional<Transaction> undone = undo(db);

        assertThat(undone).isEmpty();
        assertThat(state(db)).isEqualTo("First [10:nice] [java] [alpha]");
    }

    @DatabaseTest
    void redoMakesTheUndoneStepAgain(Db db) {
        create(db);
        editEverything(db);
        undo(db);

        Optional<Transaction> redone = redo(db);

        assertThat(redone.flatMap(Transaction::userId)).contains("bob");
        assertThat(state(db)).isEqualTo("Second [10:nicer, 11:more] [sql] [alpha, beta]");
    }

    @DatabaseTest
    void redoWithoutUndoDoesNothing(Db db) {
        create(db);
        editEverything(db);

        Optional<Transaction> redone = redo(db);

        assertThat(redone).isEmpty();
        assertThat(state(db)).isEqualTo("Second [10:nicer, 11:more] [sql] [alpha, beta]");
    }

    @DatabaseTest
    void anyOtherChangeOfTheScopeClearsTheRedoPath(Db db) {
        create(db);
        editEverything(db);
        undo(db);
        as(db, "carol", em -> em.find(Comment.class, 10L).text = "changed");

        Optional<Transaction> redone = redo(db);

        assertThat(redone).isEmpty();
        assertThat(steps(db)).isEqualTo(new UndoSteps(3, 0));
    }

    @DatabaseTest
    void aChangeOutsideTheScopeKeepsTheRedoPath(Db db) {
        create(db);
        editEverything(db);
        undo(db);
        db.run(em -> em.find(Tag.class, 2L).name = "SQL");

        Optional<Transaction> redone = redo(db);

        assertThat(redone).isPresent();
        assertThat(state(db)).isEqualTo("Second [10:nicer, 11:more] [SQL] [alpha, beta]");
    }

    @DatabaseTest
    void undoStepsCountTheStepsAvailableEachWay(Db db) {
        create(db);
        editEverything(db);
        as(db, "carol", em -> em.find(Post.class, 1L).title = "Third");

        UndoSteps before = steps(db);
        undo(db);
        undo(db);
        UndoSteps afterTwoUndos = steps(db);
        redo(db);

        assertThat(before).isEqualTo(new UndoSteps(2, 0));
        assertThat(afterTwoUndos).isEqualTo(new UndoSteps(0, 2));
        assertThat(steps(db)).isEqualTo(new UndoSteps(1, 1));
    }

    @DatabaseTest
    void theStepsCountedInTheTransactionOfAnUndoAlreadyCountIt(Db db) {
        create(db);
        editEverything(db);
        Long postId = 1L;

        UndoSteps steps = db.inTransaction(em -> {
            // snippet: undo scope
            UndoScope post = UndoScope.of(Post.class, postId, "comments", "tags", "keywords");
            VersionHistory history = VersionHistory.of(em);
            history.undo(post);                         // takes back bob's edit of the post, its comments and tags
            UndoSteps left = history.undoSteps(post);   // how many steps remain each way: the buttons' state
            // end snippet
            return left;
        });

        assertThat(steps).isEqualTo(new UndoSteps(0, 1));
        assertThat(steps(db)).isEqualTo(new UndoSteps(0, 1));
    }

    @DatabaseTest
    void aScopeWithoutHistoryHasNoSteps(Db db) {
        assertThat(steps(db)).isEqualTo(new UndoSteps(0, 0));
    }

    @DatabaseTest
    void undoOfADeleteRecreatesThePostWithItsCommentsTagsAndKeywords(Db db) {
        create(db);
        editEverything(db);
        as(db, "bob", em -> em.remove(em.find(Post.class, 1L)));

        undo(db);
        String recreated = state(db);
        redo(db);

        assertThat(recreated).isEqualTo("Second [10:nicer, 11:more] [sql] [alpha, beta]");
        assertThat(state(db)).isEqualTo("absent");
        Comment comment = db.inTransaction(em -> em.find(Comment.class, 10L));
        assertThat(comment).isNull();
    }

    @DatabaseTest
    void theScopesPositionIsARowOfTheUndoScopeTable(Db db) {
        create(db);
        editEverything(db);

        undo(db);

        List<Map<String, Object>> rows = db.rows("select entity_name, entity_id, relations from continuum_undo_scope");
        assertThat(rows).containsExactly(Map.of("entity_name", Post.class.getName(), "entity_id", "1",
                "relations", "[comments, keywords, tags]"));
    }

    @DatabaseTest
    void erasingTheRootForgetsItsScopesPositions(Db db) {
        create(db);
        editEverything(db);
        undo(db);

        HistoryAdmin.of(db.emf()).erase(Post.class, 1L);

        assertThat(db.rows("select entity_id from continuum_undo_scope")).isEmpty();
    }

    @DatabaseTest
    void pruningTheVersionsAScopesPositionNamesStartsANewSeries(Db db) {
        create(db);
        editEverything(db);
        as(db, "carol", em -> em.find(Comment.class, 10L).text = "edited");
        undo(db);
        assertThat(db.rows("select entity_id from continuum_undo_scope")).hasSize(1);

        // keep only the open version of each comment: the step the scope's position names goes
        PruneResult pruned = HistoryAdmin.of(db.emf()).prune(Comment.class, RetentionPolicy.keepLast(1));

        assertThat(pruned.undoPositions()).isGreaterThanOrEqualTo(1);
        assertThat(db.rows("select entity_id from continuum_undo_scope")).isEmpty();
        assertThat(undo(db)).isPresent();
    }

    @DatabaseTest
    void scopesOfTheSameRootWithOtherRelationsKeepTheirOwnPositions(Db db) {
        create(db);
        editEverything(db);
        undo(db);

        UndoSteps postAlone = db.inTransaction(em -> VersionHistory.of(em).undoSteps(UndoScope.of(Post.class, 1L)));

        assertThat(postAlone).isEqualTo(new UndoSteps(2, 0));
    }

    @DatabaseTest
    void aRelationThatIsNotACollectionOfTheRootIsALookupError(Db db) {
        create(db);

        assertThatThrownBy(() -> db.inTransaction(em -> VersionHistory.of(em)
                .undo(UndoScope.of(Post.class, 1L, "comments", "coments"))))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("ScopePost has no relation 'coments'")
                .hasMessageContaining("its relations are [comments, keywords, tags]");
        assertThatThrownBy(() -> db.inTransaction(em -> VersionHistory.of(em)
                .undoSteps(UndoScope.of(Comment.class, 10L, "post"))))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("ScopeComment.post is a to-one relation");
    }

    @DatabaseTest
    void undoOutsideATransactionIsRefused(Db db) {
        create(db);

        EntityManager em = db.emf().createEntityManager();
        try {
            assertThatThrownBy(() -> VersionHistory.of(em).undo(POST))
                    .isInstanceOf(ContinuumException.class)
                    .hasMessageContaining("undo() writes the live entity");
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void undoOfAScopeWithoutHistoryIsALookupError(Db db) {
        assertThatThrownBy(() -> undo(db))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("ScopePost with id 1 has no recorded history");
    }

}
