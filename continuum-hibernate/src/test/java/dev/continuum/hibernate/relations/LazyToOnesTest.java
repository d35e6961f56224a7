package dev.continuum.hibernate.relations;

import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.DepthModel.Badge;
import dev.continuum.hibernate.relations.DepthModel.Forum;
import dev.continuum.hibernate.relations.DepthModel.Poster;
import dev.continuum.hibernate.relations.DepthModel.Message;
import dev.continuum.hibernate.relations.DepthModel.Crew;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The to-ones of related snapshots (the author of each post listed by a forum's version) are the
 * targets' snapshots as of the same transaction, read on first use, together with their siblings.
 */
@Model(value = {Forum.class, Message.class, Poster.class, Crew.class, Badge.class}, properties = StatementCounter.PROPERTY)
class LazyToOnesTest {

    /**
     * Forum 1 with {@code posts} versions, each adding a post by a member of its own (of team 1,
     * wearing badge 1); then every member, the team and the badge are renamed.
     */
    private static void forumWithPosts(Db db, int posts) {
        db.run(em -> {
            em.persist(new Crew(1L, "red"));
            em.persist(new Badge(1L, "gold"));
            em.persist(new Forum(1L, "f0"));
        });
        for (long i = 1; i <= posts; i++) {
            long n = i;
            db.run(em -> {
                Poster member = new Poster(n, "member " + n, em.find(Crew.class, 1L), em.find(Badge.class, 1L));
                em.persist(member);
                Forum forum = em.find(Forum.class, 1L);
                forum.setTitle("f" + n);
                em.persist(new Message(n, "post " + n, forum, member));
            });
        }
        db.run(em -> {
            for (long i = 1; i <= posts; i++) {
                em.find(Poster.class, i).setName("renamed " + i);
            }
            em.find(Crew.class, 1L).setName("blue");
            em.find(Badge.class, 1L).setLabel("silver");
        });
    }

    /** The versions of forum 1 that list at least one post. */
    private static List<Version<Forum>> withPosts(VersionHistory history) {
        return history.versions(Forum.class, 1L).stream().skip(1).toList();
    }

    @DatabaseTest
    void theToOneOfAChildIsTheTargetsSnapshotAsOfTheSameTransaction(Db db) {
        forumWithPosts(db, 2);

        List<String> authors = db.read(h -> withPosts(h).stream()
                .map(v -> v.entity().getPosts().stream().map(p -> p.getAuthor().getName()).toList().toString())
                .toList());

        assertThat(authors).containsExactly("[member 1]", "[member 1, member 2]");
    }

    @DatabaseTest
    void theToOnesOfEveryChildOfAListAreReadTogetherOnFirstUse(Db db) {
        forumWithPosts(db, 10);

        StatementCounter.reset();
        List<String> authors = db.read(h -> withPosts(h).stream()
                .flatMap(v -> v.entity().getPosts().stream().map(p -> p.getAuthor().getName())).toList());

        assertThat(authors).hasSize(55).contains("member 10").doesNotContain("renamed 1");
        // the versions, the posts of all of them, the authors of all posts (and their badges, which no
        // proxy can stand for, with them)
        assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements())).hasSize(4);
    }

    @DatabaseTest
    void theToOnesOfRelatedSnapshotsAreLazyToAnyDepth(Db db) {
        forumWithPosts(db, 3);

        StatementCounter.reset();
        List<String> teams = db.read(h -> withPosts(h).stream()
                .flatMap(v -> v.entity().getPosts().stream().map(p -> p.getAuthor().getTeam().getName())).toList());

        assertThat(teams).hasSize(6).containsOnly("red");
        assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements())).hasSize(5);
    }

    @DatabaseTest
    void theIdentifierOfATargetMappedThroughItsGettersIsKnownWithoutReadingIt(Db db) {
        forumWithPosts(db, 2);

        record Seen(List<Long> teamIds, int statements) {
        }
        Seen seen = db.read(h -> {
            List<Poster> authors = withPosts(h).stream()
                    .flatMap(v -> v.entity().getPosts().stream().map(Message::getAuthor)).toList();
            // reads the authors, whose teams are proxies
            authors.forEach(Poster::getName);
            StatementCounter.reset();
            List<Long> ids = authors.stream().map(author -> author.getTeam().getId()).toList();
            return new Seen(ids, StatementCounter.statements().size());
        });

        assertThat(seen.teamIds()).containsExactly(1L, 1L, 1L);
        assertThat(seen.statements()).isZero();
    }

    @DatabaseTest
    void aToOneNotUsedIsNotRead(Db db) {
        forumWithPosts(db, 3);

        StatementCounter.reset();
        List<Long> authorIds = db.read(h -> withPosts(h).stream()
                .flatMap(v -> v.entity().getPosts().stream().map(p -> p.getAuthor().getId())).toList());

        assertThat(authorIds).containsExactly(1L, 1L, 2L, 1L, 2L, 3L);
        assertThat(StatementCounter.statements()).hasSize(2);
    }

    @DatabaseTest
    void theToOneOfAVersionsOwnSnapshotIsReadWithTheSnapshot(Db db) {
        forumWithPosts(db, 1);

        Message post = db.read(h -> h.versions(Message.class, 1L).get(0).entity());

        assertThat(post.getAuthor().getClass()).isEqualTo(Poster.class);
        assertThat(post.getAuthor().getName()).isEqualTo("member 1");
    }

    @DatabaseTest
    void aToOneFirstUsedAfterTheEntityManagerClosedSaysWhyItCannotBeRead(Db db) {
        forumWithPosts(db, 1);

        Poster author = db.read(h -> withPosts(h).get(0).entity().getPosts().get(0).getAuthor());

        assertThat(author.getId()).isEqualTo(1L);
        assertThatThrownBy(author::getName).isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Message.author").hasMessageContaining("EntityManager")
                .hasMessageContaining("VersionHistory.asOf(Poster.class, 1, ");
    }

    @DatabaseTest
    void aToOneToAClassNoProxyCanStandForIsReadWithTheBatchThatNeedsIt(Db db) {
        forumWithPosts(db, 2);

        List<String> badges = db.read(h -> withPosts(h).stream()
                .flatMap(v -> v.entity().getPosts().stream().map(p -> p.getAuthor().getBadge().getLabel())).toList());

        assertThat(badges).containsExactly("gold", "gold", "gold");
    }

    @DatabaseTest
    void theAsOfOfAToOneOfARelatedSnapshotAgreesWithItsOwnHistory(Db db) {
        forumWithPosts(db, 1);
        long first = db.read(h -> h.versions(Forum.class, 1L).get(1).transactionId());

        String viaForum = db.read(h -> h.asOf(Forum.class, 1L, first).orElseThrow().entity().getPosts().get(0)
                .getAuthor().getTeam().getName());
        String alone = db.read(h -> h.asOf(Crew.class, 1L, first).orElseThrow().entity().getName());

        assertThat(viaForum).isEqualTo(alone).isEqualTo("red");
    }
}
