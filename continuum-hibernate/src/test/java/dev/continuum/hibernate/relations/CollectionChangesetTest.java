package dev.continuum.hibernate.relations;

import dev.continuum.Changeset;
import dev.continuum.CollectionChange;
import dev.continuum.Operation;
import dev.continuum.Version;
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

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A version says which collections it changed: the elements added and removed, per collection. */
@Model(value = {Story.class, Writer.class, Publisher.class, Topic.class, Remark.class, Cheer.class, Playlist.class,
        Track.class}, properties = StatementCounter.PROPERTY)
class CollectionChangesetTest {

    /** What a collection change holds, as text: the added and the removed elements by {@code name}. */
    private static <E> String describe(CollectionChange<?> change, Function<E, String> name) {
        @SuppressWarnings("unchecked")
        CollectionChange<E> typed = (CollectionChange<E>) change;
        return "+" + typed.added().stream().map(name).toList() + " -" + typed.removed().stream().map(name).toList();
    }

    private static void playlistWithTrack(Db db) {
        db.run(em -> {
            Track a = new Track(1L, "a");
            em.persist(a);
            em.persist(new Track(2L, "b"));
            Playlist playlist = new Playlist();
            playlist.id = 1L;
            playlist.name = "mix";
            playlist.tracks.add(a);
            em.persist(playlist);
        });
    }

    private static Changeset<Playlist> latestOfPlaylist(Db db) {
        return db.read(h -> {
            List<Version<Playlist>> versions = h.versions(Playlist.class, 1L);
            return versions.get(versions.size() - 1).changeset();
        });
    }

    @DatabaseTest
    void aChildAddedToAJoinColumnOneToManyIsTheOwnersVersionsChange(Db db) {
        playlistWithTrack(db);
        db.run(em -> em.find(Playlist.class, 1L).tracks.add(em.find(Track.class, 2L)));

        Changeset<Playlist> changeset = latestOfPlaylist(db);

        assertThat(changeset.isEmpty()).isFalse();
        assertThat(changeset.asMap()).isEmpty();
        assertThat(changeset.properties()).containsExactly("tracks");
        assertThat(changeset.collection("tracks")).hasValueSatisfying(change ->
                assertThat(CollectionChangesetTest.<Track>describe(change, t -> t.title)).isEqualTo("+[b] -[]"));
    }

    @DatabaseTest
    void aChildRemovedFromAJoinColumnOneToManyIsTheOwnersVersionsChange(Db db) {
        playlistWithTrack(db);
        db.run(em -> em.find(Playlist.class, 1L).tracks.clear());

        Changeset<Playlist> changeset = latestOfPlaylist(db);

        assertThat(changeset.collection("tracks")).hasValueSatisfying(change ->
                assertThat(CollectionChangesetTest.<Track>describe(change, t -> t.title)).isEqualTo("+[] -[a]"));
    }

    @DatabaseTest
    void aChildAddedToAMappedByOneToManyIsInTheChangesetOfTheOwnersVersion(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.title = "two";
            em.remove(em.find(Remark.class, 1L));
            em.persist(new Remark(2L, "second", story));
        });

        Changeset<Story> changeset = db.read(h -> h.versions(Story.class, 1L).get(1).changeset());

        assertThat(changeset.properties()).containsExactly("title", "remarks");
        assertThat(changeset.collection("remarks")).hasValueSatisfying(change -> assertThat(
                CollectionChangesetTest.<Remark>describe(change, r -> r.text)).isEqualTo("+[second] -[first]"));
    }

    @DatabaseTest
    void aTargetAddedToAManyToManyIsTheOwnersVersionsChangeWithTheTargetAsOfThen(Db db) {
        db.run(em -> {
            em.persist(new Topic(1L, "java"));
            em.persist(new Topic(2L, "sql"));
            Story story = new Story(1L, "one");
            story.topics.add(em.find(Topic.class, 1L));
            em.persist(story);
        });
        db.run(em -> em.find(Story.class, 1L).topics.add(em.find(Topic.class, 2L)));
        db.run(em -> em.find(Topic.class, 2L).name = "SQL");
        db.run(em -> em.find(Story.class, 1L).topics.remove(em.find(Topic.class, 1L)));

        List<String> changes = db.read(h -> h.versions(Story.class, 1L).stream().skip(1)
                .map(v -> v.changeset().properties() + " " + CollectionChangesetTest.<Topic>describe(
                        v.changeset().collection("topics").orElseThrow(), t -> t.name))
                .toList());

        assertThat(changes).containsExactly("[topics] +[sql] -[]", "[topics] +[] -[java]");
    }

    @DatabaseTest
    void anElementCollectionChangeListsTheValuesAddedAndRemoved(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            story.keywords.add("alpha");
            story.keywords.add("gamma");
            em.persist(story);
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.keywords.remove("alpha");
            story.keywords.add("beta");
        });

        Changeset<Story> changeset = db.read(h -> h.versions(Story.class, 1L).get(1).changeset());

        assertThat(changeset.asMap()).isEmpty();
        assertThat(changeset.collection("keywords")).hasValueSatisfying(change ->
                assertThat(CollectionChangesetTest.<String>describe(change, k -> k)).isEqualTo("+[beta] -[alpha]"));
    }

    @DatabaseTest
    void anInsertAddsEveryElementAndADeleteRemovesEveryElement(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            story.keywords.add("alpha");
            em.persist(story);
            em.persist(new Remark(1L, "first", story));
        });
        db.run(em -> {
            em.remove(em.find(Remark.class, 1L));
            em.remove(em.find(Story.class, 1L));
        });

        List<String> changes = db.read(h -> h.versions(Story.class, 1L).stream()
                .map(v -> v.operation() + " " + CollectionChangesetTest.<String>describe(
                        v.changeset().collection("keywords").orElseThrow(), k -> k) + " "
                        + CollectionChangesetTest.<Remark>describe(
                        v.changeset().collection("remarks").orElseThrow(), r -> r.text))
                .toList());

        assertThat(changes).containsExactly("INSERT +[alpha] -[] +[first] -[]", "DELETE +[] -[alpha] +[] -[first]");
    }

    @DatabaseTest
    void aVersionThatChangedNoCollectionHasNoCollectionChange(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            story.keywords.add("alpha");
            em.persist(story);
        });
        db.run(em -> em.find(Story.class, 1L).title = "two");

        Changeset<Story> changeset = db.read(h -> h.versions(Story.class, 1L).get(1).changeset());

        assertThat(changeset.collections()).isEmpty();
        assertThat(changeset.properties()).containsExactly("title");
    }

    @DatabaseTest
    void theChangesetsOfAListReadEachCollectionOnceForAllVersions(Db db) {
        db.run(em -> {
            em.persist(new Topic(1L, "t0"));
            em.persist(new Story(1L, "v0"));
        });
        for (int i = 1; i < 15; i++) {
            long n = i;
            db.run(em -> {
                Story story = em.find(Story.class, 1L);
                story.keywords.add("k" + n);
                em.persist(new Topic(n + 1, "t" + n));
                story.topics.add(em.find(Topic.class, n + 1));
            });
        }

        StatementCounter.reset();
        List<Operation> operations = db.read(h -> h.versions(Story.class, 1L).stream()
                .filter(v -> !v.changeset().isEmpty()).map(Version::operation).toList());

        assertThat(operations).hasSize(15);
        // the versions, then remarks, topics (rows and targets) and keywords for all of them
        assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements())).hasSize(5);
    }

    @DatabaseTest
    void theChangesetsOfAListAndItsSnapshotsShareTheReadOfACollection(Db db) {
        db.run(em -> em.persist(new Story(1L, "v0")));
        for (int i = 1; i < 10; i++) {
            long n = i;
            db.run(em -> em.find(Story.class, 1L).keywords.add("k" + n));
        }

        StatementCounter.reset();
        List<String> shown = db.read(h -> h.versions(Story.class, 1L).stream()
                .map(v -> v.entity().keywords.size() + " " + v.changeset().collection("keywords")
                        .map(change -> change.added().toString()).orElse("-"))
                .toList());

        assertThat(shown).hasSize(10).startsWith("0 -", "1 [k1]").endsWith("9 [k9]");
        // the versions, the keywords once for the snapshots and the changesets, the remarks and topics' rows
        // of the changesets (no topics: no targets)
        assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements())).hasSize(4);
    }

    @DatabaseTest
    void theChangesetOfAVersionReadOnItsOwnReadsEachCollectionAsOfItAndItsPrevious(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            story.keywords.add("alpha");
            em.persist(story);
        });
        db.run(em -> em.find(Story.class, 1L).keywords.add("beta"));
        long second = db.read(h -> h.versions(Story.class, 1L).get(1).transactionId());

        StatementCounter.reset();
        String change = db.read(h -> CollectionChangesetTest.<String>describe(
                h.asOf(Story.class, 1L, second).orElseThrow().changeset().collection("keywords").orElseThrow(), k -> k));

        assertThat(change).isEqualTo("+[beta] -[]");
        // the version, its previous, then remarks, topics (rows; no targets) and keywords
        assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements())).hasSize(5);
    }

    @DatabaseTest
    void propertyHistoryReadsNoCollection(Db db) {
        db.run(em -> {
            Story story = new Story(1L, "one");
            story.keywords.add("alpha");
            em.persist(story);
        });
        db.run(em -> {
            Story story = em.find(Story.class, 1L);
            story.title = "two";
            story.keywords.add("beta");
        });

        StatementCounter.reset();
        int revisions = db.read(h -> h.propertyHistory(Story.class, 1L, "title").size());

        assertThat(revisions).isEqualTo(2);
        assertThat(StatementCounter.statements()).hasSize(1);
    }
}
