package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.relations.RelationsModel.Label;
import dev.continuum.hibernate.relations.RelationsModel.Post;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version an owner gets because its collections changed merges with the owner's own events by
 * the ordinary rules: it is dropped only when the owner's state, too, ends where it started.
 */
@Model({Post.class, Label.class})
class OwnerVersionMergingTest {

    private static List<String> postVersions(Db db) {
        List<Map<String, Object>> rows = db.rows("select title, operation_type from rel_post_version "
                + "order by transaction_id");
        return rows.stream().map(row -> row.get("title") + ":" + operation(row)).toList();
    }

    private static void persistPostWithKeyword(Db db) {
        db.run(em -> {
            Post post = new Post(1L, "before");
            post.keywords.add("java");
            em.persist(post);
        });
    }

    /** Removes the post's keyword and adds it back, flushing in between: collection changes that cancel out. */
    private static Post removeAndAddKeywordAgain(EntityManager em) {
        Post post = em.find(Post.class, 1L);
        post.keywords.remove("java");
        em.flush();
        post.keywords.add("java");
        return post;
    }

    @DatabaseTest
    void collectionChangesThatCancelOutWriteNoVersionOfTheOwner(Db db) {
        persistPostWithKeyword(db);

        db.run(OwnerVersionMergingTest::removeAndAddKeywordAgain);

        assertThat(postVersions(db)).containsExactly("before:0");
    }

    @DatabaseTest
    void aDeleteAndReinsertWithAnotherStateIsAnUpdateEvenWhenTheCollectionChangesCancelOut(Db db) {
        persistPostWithKeyword(db);

        db.run(em -> {
            Post post = removeAndAddKeywordAgain(em);
            em.flush();
            em.remove(post);
            em.flush();
            Post again = new Post(1L, "after");
            again.keywords.add("java");
            em.persist(again);
        });

        assertThat(postVersions(db)).containsExactly("before:0", "after:1");
    }
}
