package dev.continuum.hibernate.relations;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
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

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code revert(relations...)}: the entity and the named relations back to a version, across entity managers. */
@Model({Story.class, Writer.class, Publisher.class, Topic.class, Remark.class, Cheer.class})
class RelationRevertTest {

    private static void revertFirst(Db db, String... relations) {
        db.run(em -> VersionHistory.of(em).versions(Story.class, 1L).get(0).revert(relations));
    }

    /** Every entity (or association pair) of a version table has exactly one open version. */
    private static void assertOneOpenVersionEach(Db db, String table, String key) {
        List<Map<String, Object>> open = db.rows("select " + key + ", count(*) as n from " + table
                + " where end_transaction_id is null group by " + key);
        List<Map<String, Object>> all = db.rows("select distinct " + key + " from " + table);
        assertThat(open).as(table).hasSameSizeAs(all)
                .allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
    }

    @DatabaseTest
    void childrenOfThenAreRestoredAndLaterOnesRemoved(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.title = "two";
            em.find(Remark.class, 1L).text = "edited";
            em.persist(new Remark(2L, "later", story));
        });
        db.run(em -> {
            em.find(Story.class, 1L).title = "three";
            em.remove(em.find(Remark.class, 1L));
        });

        revertFirst(db, "remarks");

        List<String> remarks = db.inTransaction(em -> em.find(Story.class, 1L).remarks.stream()
                .map(r -> r.id + ":" + r.text).toList());
        assertThat(remarks).containsExactly("1:first");
        String title = db.inTransaction(em -> em.find(Story.class, 1L).title);
        assertThat(title).isEqualTo("one");
        List<Operation> first = db.inTransaction(em -> VersionHistory.of(em).versions(Remark.class, 1L).stream()
                .map(Version::operation).toList());
        List<Operation> later = db.inTransaction(em -> VersionHistory.of(em).versions(Remark.class, 2L).stream()
                .map(Version::operation).toList());
        assertThat(first).containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE, Operation.INSERT);
        assertThat(later).containsExactly(Operation.INSERT, Operation.DELETE);
        assertThat(db.count("rr_story_version")).isEqualTo(4);
        assertOneOpenVersionEach(db, "rr_remark_version", "id");
        assertOneOpenVersionEach(db, "rr_story_version", "id");
    }

    @DatabaseTest
    void aManyToManyAndAnElementCollectionGetTheirRowsOfThen(Db db) {
        db.run(em -> {
            em.persist(new Topic(1L, "java"));
            em.persist(new Topic(2L, "sql"));
            Story story = new Story(1L, "one");
            story.topics.add(em.find(Topic.class, 1L));
            story.keywords.add("alpha");
            em.persist(story);
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.topics.remove(em.find(Topic.class, 1L));
            story.topics.add(em.find(Topic.class, 2L));
            story.keywords.add("beta");
            em.find(Topic.class, 1L).name = "Java";
        });

        revertFirst(db, "topics", "keywords");

        String live = db.inTransaction(em -> {
            Story story = em.find(Story.class, 1L);
            return story.topics.stream().map(t -> t.name).toList() + " " + new TreeSet<>(story.keywords);
        });
        assertThat(live).isEqualTo("[java] [alpha]");
        Topic sql = db.inTransaction(em -> em.find(Topic.class, 2L));
        assertThat(sql).isNotNull();
        assertOneOpenVersionEach(db, "rr_story_topic_version", "story_id, topic_id");
        assertOneOpenVersionEach(db, "rr_story_keyword_version", "story_id, keyword");
        assertOneOpenVersionEach(db, "rr_topic_version", "id");
        List<Map<String, Object>> open = db.rows("select topic_id from rr_story_topic_version "
                + "where end_transaction_id is null and operation_type <> 2");
        assertThat(open).extracting(r -> ((Number) r.get("topic_id")).longValue()).containsExactly(1L);
    }

    @DatabaseTest
    void aDottedPathRevertsTheRelationsOfTheRelatedEntities(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            em.persist(story);
            Remark remark = new Remark(1L, "first", story);
            em.persist(remark);
            em.persist(new Cheer(1L, "ann", remark));
        });
        db.run(em -> {
            em.find(Story.class, 1L).title = "two";
            em.remove(em.find(Cheer.class, 1L));
            em.persist(new Cheer(2L, "bob", em.find(Remark.class, 1L)));
        });

        revertFirst(db, "remarks.cheers");

        List<String> cheers = db.inTransaction(em -> em.find(Remark.class, 1L).cheers.stream()
                .map(c -> c.id + ":" + c.fan).toList());
        assertThat(cheers).containsExactly("1:ann");
        assertOneOpenVersionEach(db, "rr_cheer_version", "id");
    }

    @DatabaseTest
    void aManyToOneTargetIsRevertedToItsVersionOfThen(Db db) {
        db.run(em -> {
            Writer ada = new Writer(1L, "Ada");
            em.persist(ada);
            Story story = new Story(1L, "one");
            story.author = ada;
            em.persist(story);
        });
        db.run(em -> {
            em.find(Story.class, 1L).title = "two";
            em.find(Writer.class, 1L).name = "Ada L.";
        });

        revertFirst(db, "author");

        String author = db.inTransaction(em -> em.find(Story.class, 1L).author.name);
        assertThat(author).isEqualTo("Ada");
    }

    @DatabaseTest
    void anUnknownRelationNamesTheEntityAndItsRelations(Db db) {
        db.run(em -> em.persist(new Story(1L, "one")));

        assertThatThrownBy(() -> revertFirst(db, "coments"))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Story has no relation 'coments'")
                .hasMessageContaining("remarks").hasMessageContaining("topics");
        assertThatThrownBy(() -> revertFirst(db, "remarks.likes"))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Remark has no relation 'likes'")
                .hasMessageContaining("cheers");
        String title = db.inTransaction(em -> em.find(Story.class, 1L).title);
        assertThat(title).isEqualTo("one");
    }
}
