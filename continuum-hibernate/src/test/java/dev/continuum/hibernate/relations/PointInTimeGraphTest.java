package dev.continuum.hibernate.relations;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.ReadingModel.Cheer;
import dev.continuum.hibernate.relations.ReadingModel.Publisher;
import dev.continuum.hibernate.relations.ReadingModel.Remark;
import dev.continuum.hibernate.relations.ReadingModel.Story;
import dev.continuum.hibernate.relations.ReadingModel.Topic;
import dev.continuum.hibernate.relations.ReadingModel.Writer;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A point-in-time read is the whole graph as of that moment: the relations of the version it finds
 * are read as of the point, also when they changed after the entity's own last change; a version
 * of a {@code versions()} list shows them as of its own transaction.
 */
@Model(value = {Story.class, Writer.class, Publisher.class, Topic.class, Remark.class, Cheer.class},
        properties = StatementCounter.PROPERTY)
class PointInTimeGraphTest {

    /** The story's only version is its insert; its author, remark and topic change in later transactions. */
    private static void storyWhoseRelationsChangeAfterIt(Db db) {
        db.run(em -> {
            Writer ada = new Writer(1L, "Ada");
            em.persist(ada);
            Topic java = new Topic(1L, "java");
            em.persist(java);
            Story story = new Story(1L, "one");
            story.author = ada;
            story.topics.add(java);
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            em.find(Writer.class, 1L).name = "Ada L.";
            em.find(Remark.class, 1L).text = "first, edited";
            em.find(Topic.class, 1L).name = "Java";
        });
        db.run(em -> em.find(Writer.class, 1L).name = "Ada Lovelace");
    }

    /** The transaction that edited the author, remark and topic: after the story's last version. */
    private static long editTransaction(Db db) {
        return db.read(h -> h.versions(Writer.class, 1L).get(1).transactionId());
    }

    private static String graph(Story story) {
        return story.author.name + " " + story.remarks.stream().map(r -> r.text).toList() + " "
                + story.topics.stream().map(t -> t.name).toList();
    }

    @DatabaseTest
    void asOfATransactionShowsTheRelationsAsOfThatTransaction(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        long edit = editTransaction(db);

        String then = db.read(h -> graph(h.asOf(Story.class, 1L, edit).orElseThrow().entity()));

        assertThat(then).isEqualTo("Ada L. [first, edited] [Java]");
    }

    @DatabaseTest
    void asOfATransactionAgreesWithAsOfOfEachRelatedEntity(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        long edit = editTransaction(db);

        String story = db.read(h -> h.asOf(Story.class, 1L, edit).orElseThrow().entity().author.name);
        String author = db.read(h -> h.asOf(Writer.class, 1L, edit).orElseThrow().entity().name);

        assertThat(story).isEqualTo(author);
    }

    @DatabaseTest
    void asOfAnInstantShowsTheRelationsAsOfTheLastTransactionIssuedByThen(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        Instant edited = db.read(h -> h.versions(Writer.class, 1L).get(1).transaction().issuedAt());

        String then = db.read(h -> graph(h.asOf(Story.class, 1L, edited).orElseThrow().entity()));

        assertThat(then).isEqualTo("Ada L. [first, edited] [Java]");
    }

    @DatabaseTest
    void allAsOfATransactionShowsTheRelationsAsOfThatTransaction(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        long edit = editTransaction(db);

        List<String> then = db.read(h -> h.allAsOf(Story.class, edit, 0, 10).stream()
                .map(v -> graph(v.entity())).toList());

        assertThat(then).containsExactly("Ada L. [first, edited] [Java]");
    }

    @DatabaseTest
    void allAsOfAnInstantShowsTheRelationsAsOfTheLastTransactionIssuedByThen(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        Instant edited = db.read(h -> h.versions(Writer.class, 1L).get(1).transaction().issuedAt());

        List<String> then = db.read(h -> h.allAsOf(Story.class, edited, 0, 10).stream()
                .map(v -> graph(v.entity())).toList());

        assertThat(then).containsExactly("Ada L. [first, edited] [Java]");
    }

    @DatabaseTest
    void aVersionOfAListShowsTheRelationsAsOfItsOwnTransaction(Db db) {
        storyWhoseRelationsChangeAfterIt(db);

        String own = db.read(h -> graph(h.versions(Story.class, 1L).get(0).entity()));

        assertThat(own).isEqualTo("Ada [first] [java]");
    }

    @DatabaseTest
    void theNeighboursOfAPointInTimeVersionShowTheRelationsAsOfTheirOwnTransactions(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        db.run(em -> em.find(Story.class, 1L).title = "two");
        long latest = db.read(h -> h.versions(Story.class, 1L).get(1).transactionId());
        long edit = editTransaction(db);

        String previous = db.read(h -> graph(h.asOf(Story.class, 1L, latest).orElseThrow()
                .previous().orElseThrow().entity()));
        String recorded = db.read(h -> graph(h.recordedIn(Story.class, 1L,
                h.asOf(Story.class, 1L, edit).orElseThrow().transactionId()).orElseThrow().entity()));

        assertThat(previous).isEqualTo("Ada [first] [java]");
        assertThat(recorded).isEqualTo("Ada [first] [java]");
    }

    @DatabaseTest
    void aPointInTimeReadOfTheGraphCostsWhatAVersionsOwnTransactionDid(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        long edit = editTransaction(db);
        Instant edited = db.read(h -> h.versions(Writer.class, 1L).get(1).transaction().issuedAt());

        StatementCounter.reset();
        db.read(h -> graph(h.asOf(Story.class, 1L, edit).orElseThrow().entity()));
        int byTransaction = StatementCounter.statements().size();
        StatementCounter.reset();
        db.read(h -> graph(h.asOf(Story.class, 1L, edited).orElseThrow().entity()));
        int byInstant = StatementCounter.statements().size();

        // the version, its author, its remarks, the topics' rows and the topics (the publisher is null)
        assertThat(byTransaction).isEqualTo(5);
        assertThat(byInstant).as(String.join("\n", StatementCounter.statements())).isEqualTo(5);
    }

    @DatabaseTest
    void revertingTheRelationsOfAPointInTimeVersionRestoresThemAsOfThePoint(Db db) {
        storyWhoseRelationsChangeAfterIt(db);
        long edit = editTransaction(db);

        db.run(em -> VersionHistory.of(em).asOf(Story.class, 1L, edit).orElseThrow().revert("author", "remarks"));

        String now = db.inTransaction(em -> {
            Story story = em.find(Story.class, 1L);
            return story.author.name + " " + story.remarks.stream().map(r -> r.text).toList();
        });
        assertThat(now).isEqualTo("Ada L. [first, edited]");
    }
}
