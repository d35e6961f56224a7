package dev.continuum.hibernate.relations;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.ReadingModel.Cheer;
import dev.continuum.hibernate.relations.ReadingModel.Publisher;
import dev.continuum.hibernate.relations.ReadingModel.Remark;
import dev.continuum.hibernate.relations.ReadingModel.Story;
import dev.continuum.hibernate.relations.ReadingModel.Topic;
import dev.continuum.hibernate.relations.ReadingModel.Writer;
import dev.continuum.hibernate.relations.RelationsModel.Playlist;
import dev.continuum.hibernate.relations.RelationsModel.Track;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code version.entity()} exposes relations as they were at the version's transaction, read in batch. */
@Model(value = {Story.class, Writer.class, Publisher.class, Topic.class, Remark.class, Cheer.class, Playlist.class,
        Track.class}, properties = StatementCounter.PROPERTY)
class RelationsAsOfTest {

    /**
     * The statements of Story's relations when all are used: author, publisher (live rows),
     * remarks, topics (rows, then targets), keywords.
     */
    private static final int STORY_RELATION_STATEMENTS = 6;

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    private static void title(Db db, String title) {
        db.run(em -> em.find(Story.class, 1L).title = title);
    }

    @DatabaseTest
    void aManyToOneIsTheTargetsVersionValidAtTheVersionsTransaction(Db db) {
        db.run(em -> {
            Writer ada = new Writer(1L, "Ada");
            em.persist(ada);
            em.persist(new Writer(2L, "Bob"));
            Story story = new Story(1L, "one");
            story.author = ada;
            em.persist(story);
        });
        db.run(em -> em.find(Writer.class, 1L).name = "Ada L.");
        title(db, "two");
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.title = "three";
            story.author = em.find(Writer.class, 2L);
        });
        db.run(em -> em.find(Writer.class, 1L).name = "Ada Lovelace");

        db.run(em -> {
            List<Version<Story>> versions = VersionHistory.of(em).versions(Story.class, 1L);
            assertThat(versions).extracting(v -> v.entity().author.name).containsExactly("Ada", "Ada L.", "Bob");
            assertThat(versions).allSatisfy(v -> assertThat(em.contains(v.entity().author)).isFalse());
            assertThat(versions.get(0).entity().author).isNotSameAs(versions.get(1).entity().author);
        });
    }

    @DatabaseTest
    void aManyToOneOfAnUnversionedTargetIsADetachedCopyOfTheLiveRow(Db db) {
        db.run(em -> {
            Publisher publisher = new Publisher(1L, "Penguin");
            em.persist(publisher);
            Story story = new Story(1L, "one");
            story.publisher = publisher;
            em.persist(story);
        });
        db.run(em -> em.find(Publisher.class, 1L).name = "Penguin Books");

        db.run(em -> {
            Story then = VersionHistory.of(em).versions(Story.class, 1L).get(0).entity();
            assertThat(then.publisher.name).isEqualTo("Penguin Books");
            assertThat(em.contains(then.publisher)).isFalse();
        });
    }

    @DatabaseTest
    void aMappedByOneToManyHoldsTheChildrenThatPointedAtTheOwnerThen(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.title = "two";
            em.find(Remark.class, 1L).text = "first, edited";
            em.persist(new Remark(2L, "second", story));
        });
        db.run(em -> {
            em.find(Story.class, 1L).title = "three";
            em.remove(em.find(Remark.class, 1L));
        });

        db.run(em -> {
            List<Version<Story>> versions = VersionHistory.of(em).versions(Story.class, 1L);
            assertThat(versions).extracting(v -> v.entity().remarks.stream().map(r -> r.text).toList())
                    .containsExactly(List.of("first"), List.of("first, edited", "second"), List.of("second"));
            Remark remark = versions.get(1).entity().remarks.get(1);
            assertThat(remark.story.id).isEqualTo(1L);
            assertThat(em.contains(remark)).isFalse();
        });
    }

    @DatabaseTest
    void aManyToManyAndAnElementCollectionHoldTheirRowsThenWithTheTargetsThen(Db db) {
        db.run(em -> {
            Topic java = new Topic(1L, "java");
            em.persist(java);
            em.persist(new Topic(2L, "sql"));
            Story story = new Story(1L, "one");
            story.topics.add(java);
            story.keywords.add("alpha");
            em.persist(story);
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.topics.add(em.find(Topic.class, 2L));
            story.keywords.remove("alpha");
            story.keywords.add("beta");
        });
        db.run(em -> em.find(Topic.class, 1L).name = "Java");
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.topics.remove(em.find(Topic.class, 2L));
            story.title = "four";
        });

        List<String> topics = read(db, h -> h.versions(Story.class, 1L).stream()
                .map(v -> v.entity().topics.stream().map(t -> t.name).sorted().toList().toString()).toList());
        List<String> keywords = read(db, h -> h.versions(Story.class, 1L).stream()
                .map(v -> v.entity().keywords.toString()).toList());

        assertThat(topics).containsExactly("[java]", "[java, sql]", "[Java]");
        assertThat(keywords).containsExactly("[alpha]", "[beta]", "[beta]");
    }

    @DatabaseTest
    void aJoinColumnOneToManyHoldsTheChildrenWhoseVersionsCarriedTheOwnersKey(Db db) {
        db.run(em -> em.persist(new Track(2L, "b")));
        db.run(em -> {
            Track a = new Track(1L, "a");
            em.persist(a);
            Playlist playlist = new Playlist();
            playlist.id = 1L;
            playlist.name = "mix";
            playlist.tracks.add(a);
            em.persist(playlist);
        });
        db.run(em -> em.find(Playlist.class, 1L).tracks.add(em.find(Track.class, 2L)));
        db.run(em -> em.find(Playlist.class, 1L).tracks.remove(em.find(Track.class, 1L)));

        List<List<String>> tracks = read(db, h -> h.versions(Playlist.class, 1L).stream()
                .map(v -> v.entity().tracks.stream().map(t -> t.title).toList()).toList());

        assertThat(tracks).containsExactly(List.of("a"), List.of("a", "b"), List.of("b"));
    }

    @DatabaseTest
    void theRelationsOfTwentyVersionsAreReadWithOneStatementPerRelationAndTwoForAManyToMany(Db db) {
        db.run(em -> {
            Writer ada = new Writer(1L, "Ada");
            em.persist(ada);
            em.persist(new Publisher(1L, "Penguin"));
            em.persist(new Topic(1L, "java"));
            Story story = new Story(1L, "v0");
            story.author = ada;
            story.publisher = em.find(Publisher.class, 1L);
            story.topics.add(em.find(Topic.class, 1L));
            story.keywords.add("k0");
            em.persist(story);
        });
        for (int i = 1; i < 20; i++) {
            long n = i;
            db.run(em -> {
                Story story = em.find(Story.class, 1L);
                story.title = "v" + n;
                story.keywords.add("k" + n);
                em.find(Writer.class, 1L).name = "Ada " + n;
                em.persist(new Topic(n + 1, "topic " + n));
                story.topics.add(em.find(Topic.class, n + 1));
                em.persist(new Remark(n, "remark " + n, story));
            });
        }

        StatementCounter.reset();
        List<String> seen = read(db, h -> h.versions(Story.class, 1L).stream()
                .map(v -> v.entity().author.name + "|" + v.entity().remarks.size() + "|" + v.entity().topics.size()
                        + "|" + v.entity().keywords.size())
                .toList());
        int statements = StatementCounter.statements().size();

        assertThat(seen).hasSize(20);
        assertThat(seen.get(0)).isEqualTo("Ada|0|1|1");
        assertThat(seen.get(19)).isEqualTo("Ada 19|19|20|20");
        assertThat(statements).as(String.join("\n", StatementCounter.statements()))
                .isEqualTo(1 + STORY_RELATION_STATEMENTS);
    }

    @DatabaseTest
    void pointInTimeIncludesRelationsAsOfThatTransaction(Db db) {
        db.run(em -> {
            Writer ada = new Writer(1L, "Ada");
            em.persist(ada);
            Story story = new Story(1L, "one");
            story.author = ada;
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        long first = read(db, h -> h.versions(Story.class, 1L).get(0).transactionId());
        db.run(em -> {
            em.find(Writer.class, 1L).name = "Ada L.";
            em.find(Remark.class, 1L).text = "edited";
        });

        StatementCounter.reset();
        String then = read(db, h -> {
            Story story = h.asOf(Story.class, 1L, first).orElseThrow().entity();
            return story.author.name + " " + story.remarks.stream().map(r -> r.text).toList();
        });
        int statements = StatementCounter.statements().size();

        assertThat(then).isEqualTo("Ada [first]");
        // the version, its author (the publisher is null: no statement), its remarks; the
        // collections not used (topics, keywords) are never read
        assertThat(statements).as(String.join("\n", StatementCounter.statements())).isEqualTo(3);
    }

    @DatabaseTest
    void aDeleteVersionShowsTheRelationsAsTheyWereJustBeforeIt(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            em.persist(new Topic(1L, "java"));
            story.topics.add(em.find(Topic.class, 1L));
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            em.remove(em.find(Remark.class, 1L));
            em.remove(em.find(Story.class, 1L));
        });

        String deleted = read(db, h -> {
            Story story = h.versions(Story.class, 1L).get(1).entity();
            return story.remarks.stream().map(r -> r.text).toList() + " " + story.topics.stream().map(t -> t.name).toList();
        });

        assertThat(deleted).isEqualTo("[first] [java]");
    }
}
