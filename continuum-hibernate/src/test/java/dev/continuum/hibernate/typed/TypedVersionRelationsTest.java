package dev.continuum.hibernate.typed;

import dev.continuum.ContinuumException;
import dev.continuum.Operation;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The relation accessors of the typed version classes return the relations as they were at each
 * version's transaction, and the typed versions one entity manager loads are read together: a
 * JPQL result costs a number of statements that depends on the relations walked, not on its size.
 */
@Model(value = {Post.class, Author.class, Comment.class, Tag.class, Writer.class, PostVersion.class,
        AuthorVersion.class, CommentVersion.class, TagVersion.class}, properties = StatementCounter.PROPERTY)
class TypedVersionRelationsTest {

    /** The statements one list of post versions costs with every relation read. */
    private static final int FOR_THE_VERSIONS = 1;
    private static final int FOR_THE_RELATIONS = 1 // author
            + 1 // reviewer, from the live table: Writer is not versioned
            + 1 // pinned
            + 1 // comments
            + 2 // tags: the association rows, then the tags
            + 1; // keywords

    /** A post by Ada, reviewed by Rev, tagged java, with keyword orm and one pinned comment. */
    private static void publish(Db db, long id) {
        db.run(em -> {
            Author author = em.find(Author.class, 1L);
            if (author == null) {
                author = new Author(1L, "Ada");
                em.persist(author);
                em.persist(new Writer(9L, "Rev"));
                em.persist(new Tag(1L, "java"));
                em.persist(new Tag(2L, "sql"));
            }
            Post post = new Post(id, "Post " + id);
            post.author = author;
            post.reviewer = em.find(Writer.class, 9L);
            post.tags.add(em.find(Tag.class, 1L));
            post.keywords.add("orm");
            em.persist(post);
            Comment comment = new Comment(id * 100, "First!", post);
            em.persist(comment);
            post.pinned = comment;
        });
    }

    private static List<PostVersion> postVersions(EntityManager em) {
        return em.createQuery("select v from PostVersion v order by v.id, v.transactionId", PostVersion.class)
                .getResultList();
    }

    private static List<String> names(Set<Tag> tags) {
        return tags.stream().map(Tag::getName).toList();
    }

    @DatabaseTest
    void theChangesetOfATypedVersionSaysWhichTagsItAddedAndWhichKeywordsItReplaced(Db db) {
        publish(db, 1L);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.tags.add(em.find(Tag.class, 2L));
            post.keywords.clear();
            post.keywords.add("jpa");
        });

        List<String> changes = db.inTransaction(em -> postVersions(em).stream()
                .map(version -> version.getOperation() + " "
                        + version.changeset().collection("tags").map(change -> change.added().stream()
                                .map(tag -> ((Tag) tag).getName()).toList()).orElse(List.of()) + " "
                        + version.changeset().collection("keywords").map(change -> change.added() + "-"
                                + change.removed()).orElse("-"))
                .toList());
        Set<String> updated = db.inTransaction(em -> postVersions(em).get(1).changeset().properties());

        assertThat(changes).containsExactly("INSERT [java] [orm]-[]", "UPDATE [sql] [jpa]-[orm]");
        assertThat(updated).containsExactlyInAnyOrder("tags", "keywords");
    }

    @DatabaseTest
    void accessorsReturnTheRelationsAsTheyWereAtTheVersionsTransaction(Db db) {
        publish(db, 1L);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.title = "Edited";
            em.find(Author.class, 1L).setName("Ada Lovelace");
            em.find(Tag.class, 1L).setName("Java");
            post.tags.add(em.find(Tag.class, 2L));
            post.keywords.clear();
            post.keywords.add("jpa");
            em.persist(new Comment(101L, "Second!", post));
            em.find(Comment.class, 100L).setText("First (edited)");
        });

        db.run(em -> {
            List<PostVersion> versions = postVersions(em);
            assertThat(versions).extracting(PostVersion::getTitle).containsExactly("Post 1", "Edited");
            PostVersion first = versions.get(0);
            PostVersion second = versions.get(1);

            assertThat(first.getAuthor().getName()).isEqualTo("Ada");
            assertThat(first.getAuthorId()).isEqualTo(1L);
            assertThat(names(first.getTags())).containsExactly("java");
            assertThat(first.getKeywords()).containsExactly("orm");
            assertThat(first.getComments()).extracting(Comment::getText).containsExactly("First!");
            assertThat(first.getPinned().getText()).isEqualTo("First!");
            assertThat(first.getReviewer().getName()).isEqualTo("Rev");

            assertThat(second.getAuthor().getName()).isEqualTo("Ada Lovelace");
            assertThat(names(second.getTags())).containsExactlyInAnyOrder("Java", "sql");
            assertThat(second.getKeywords()).containsExactly("jpa");
            assertThat(second.getComments()).extracting(Comment::getText)
                    .containsExactly("First (edited)", "Second!");
            assertThat(second.getPinned().getText()).isEqualTo("First (edited)");
        });
    }

    @DatabaseTest
    void accessorsReturnWhatEntityHolds(Db db) {
        publish(db, 1L);

        db.run(em -> {
            PostVersion version = postVersions(em).get(0);
            Post entity = version.entity();

            assertThat(version.getAuthor()).isSameAs(entity.author);
            assertThat(version.getComments()).isSameAs(entity.comments);
            assertThat(version.getTags()).isSameAs(entity.tags);
            assertThat(version.getKeywords()).isSameAs(entity.keywords);
            assertThat(em.contains(version.getAuthor())).isFalse();
        });
    }

    @DatabaseTest
    void relationTargetsDeletedSinceAreReadAsTheyWere(Db db) {
        publish(db, 1L);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.title = "Orphaned";
            post.author = null;
            post.pinned = null;
            post.tags.clear();
            em.remove(em.find(Author.class, 1L));
            em.remove(em.find(Comment.class, 100L));
            em.remove(em.find(Tag.class, 1L));
        });

        db.run(em -> {
            List<PostVersion> versions = postVersions(em);
            PostVersion before = versions.get(0);
            PostVersion after = versions.get(1);

            assertThat(before.getAuthor().getName()).isEqualTo("Ada");
            assertThat(before.getPinned().getText()).isEqualTo("First!");
            assertThat(before.getComments()).extracting(Comment::getText).containsExactly("First!");
            assertThat(names(before.getTags())).containsExactly("java");
            assertThat(after.getAuthor()).isNull();
            assertThat(after.getPinned()).isNull();
            assertThat(after.getComments()).isEmpty();
            assertThat(after.getTags()).isEmpty();
        });
    }

    @DatabaseTest
    void aDeleteVersionHasTheRelationsOfTheEntitysLastState(Db db) {
        publish(db, 1L);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.pinned = null;
            em.flush();
            em.remove(em.find(Comment.class, 100L));
            em.remove(post);
        });

        db.run(em -> {
            PostVersion deleted = postVersions(em).get(1);

            assertThat(deleted.getOperation()).isEqualTo(Operation.DELETE);
            assertThat(deleted.getAuthor().getName()).isEqualTo("Ada");
            assertThat(names(deleted.getTags())).containsExactly("java");
            assertThat(deleted.getKeywords()).containsExactly("orm");
        });
    }

    @DatabaseTest
    void absentRelationsAreNullOrEmpty(Db db) {
        db.run(em -> em.persist(new Post(1L, "Alone")));

        db.run(em -> {
            PostVersion version = postVersions(em).get(0);

            assertThat(version.getAuthor()).isNull();
            assertThat(version.getAuthorId()).isNull();
            assertThat(version.getReviewer()).isNull();
            assertThat(version.getPinned()).isNull();
            assertThat(version.getComments()).isEmpty();
            assertThat(version.getTags()).isEmpty();
            assertThat(version.getKeywords()).isEmpty();
        });
    }

    @DatabaseTest
    void theManyToOneOfAChildVersionIsTheOwnerAsItWas(Db db) {
        publish(db, 1L);
        db.run(em -> em.find(Post.class, 1L).title = "Renamed");

        db.run(em -> {
            CommentVersion comment = em.createQuery("select v from CommentVersion v", CommentVersion.class)
                    .getSingleResult();

            assertThat(comment.getPostId()).isEqualTo(1L);
            assertThat(comment.getPost().title).isEqualTo("Post 1");
        });
    }

    @DatabaseTest
    void walkingEveryRelationOfAJpqlResultCostsStatementsPerRelationNotPerRow(Db db) {
        for (long id = 1; id <= 25; id++) {
            publish(db, id);
        }
        db.run(em -> {
            for (long id = 1; id <= 25; id++) {
                Post post = em.find(Post.class, id);
                post.title = "Edited " + id;
                post.keywords.add("edited");
                em.persist(new Comment(id * 100 + 1, "Reply", post));
            }
        });

        db.run(em -> {
            StatementCounter.reset();
            List<PostVersion> versions = postVersions(em);
            for (PostVersion version : versions) {
                version.getAuthor().getName();
                version.getReviewer().getName();
                version.getPinned().getText();
                version.getComments().size();
                names(version.getTags());
                version.getKeywords().size();
            }

            assertThat(versions).hasSize(50);
            assertThat(StatementCounter.statements()).hasSize(1 + FOR_THE_VERSIONS + FOR_THE_RELATIONS);
            assertThat(versions.get(1).getComments()).extracting(Comment::getText).containsExactly("First!", "Reply");
            assertThat(versions.get(1).getKeywords()).containsExactlyInAnyOrder("orm", "edited");
            assertThat(versions.get(48).getComments()).extracting(Comment::getText).containsExactly("First!");
        });
    }

    @DatabaseTest
    void theVersionMethodsOfAJpqlResultReadEveryRowInOneStatement(Db db) {
        for (long id = 1; id <= 20; id++) {
            publish(db, id);
        }

        db.run(em -> {
            StatementCounter.reset();
            List<PostVersion> versions = postVersions(em);
            versions.forEach(version -> version.transaction().issuedAt());

            assertThat(versions).hasSize(20);
            assertThat(StatementCounter.statements()).hasSize(1 + FOR_THE_VERSIONS);
        });
    }

    @DatabaseTest
    void typedVersionsReadTheirRelationsTogether(Db db) {
        publish(db, 1L);
        db.run(em -> em.find(Post.class, 1L).title = "Edited");
        db.run(em -> em.find(Post.class, 1L).title = "Edited again");

        db.run(em -> {
            StatementCounter.reset();
            List<PostVersion> versions = VersionHistory.of(em).typedVersions(PostVersion.class, 1L);
            versions.forEach(version -> {
                version.getAuthor();
                version.getReviewer();
                version.getPinned();
                version.getComments().size();
                version.getTags().size();
                version.getKeywords().size();
            });

            assertThat(versions).extracting(version -> version.getAuthor().getName()).containsOnly("Ada");
            assertThat(StatementCounter.statements()).hasSize(1 + FOR_THE_VERSIONS + FOR_THE_RELATIONS);
        });
    }

    @DatabaseTest
    void versionsOfSeveralTypesAreReadOneStatementPerType(Db db) {
        publish(db, 1L);
        publish(db, 2L);

        db.run(em -> {
            List<PostVersion> posts = postVersions(em);
            List<CommentVersion> comments = em.createQuery("select v from CommentVersion v order by v.id",
                    CommentVersion.class).getResultList();
            StatementCounter.reset();

            posts.forEach(PostVersion::transaction);
            assertThat(StatementCounter.statements()).hasSize(1);
            comments.forEach(CommentVersion::transaction);
            assertThat(StatementCounter.statements()).hasSize(2);
            assertThat(comments).extracting(comment -> comment.entity().getText()).containsOnly("First!");
        });
    }

    @DatabaseTest
    void aRelationAccessorOfAClosedEntityManagerSaysHowToReadIt(Db db) {
        publish(db, 1L);
        PostVersion version = db.inTransaction(em -> postVersions(em).get(0));

        Throwable thrown = catchThrowable(version::getAuthor);

        assertThat(thrown).isInstanceOf(ContinuumException.class)
                .hasMessageContaining("was loaded by an EntityManager that is now closed")
                .hasMessageContaining("asVersion(em)");
        String author = db.inTransaction(em -> version.asVersion(em).entity().author.getName());
        assertThat(author).isEqualTo("Ada");
    }
}
