package dev.continuum.hibernate.relations;

import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.LazyModel.Album;
import dev.continuum.hibernate.relations.LazyModel.Genre;
import dev.continuum.hibernate.relations.LazyModel.Play;
import dev.continuum.hibernate.relations.LazyModel.Song;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The collections of a snapshot are read on first use, for every snapshot of the list at once: a
 * list of versions costs one statement, plus one per collection relation used (two for a
 * many-to-many), whatever the number of versions.
 */
@Model(value = {Album.class, Genre.class, Song.class, Play.class}, properties = StatementCounter.PROPERTY)
class LazyRelationsTest {

    private static final int VERSIONS = 50;

    /** Reads the album's history in an entity manager of its own, counting the statements of {@code work}. */
    private static List<String> read(Db db, Consumer<List<Version<Album>>> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            StatementCounter.reset();
            work.accept(VersionHistory.of(em).versions(Album.class, 1L));
            return StatementCounter.statements();
        } finally {
            em.close();
        }
    }

    /**
     * Fifty versions of an album: created with a song (played once), a genre and one entry in each
     * element collection, retitled 49 times; at version 25 a second song, genre and mood come in.
     */
    private static void fiftyVersions(Db db) {
        db.run(em -> {
            em.persist(new Genre(1L, "jazz"));
            em.persist(new Genre(2L, "soul"));
            Album album = new Album(1L, "v0");
            album.genres.add(em.find(Genre.class, 1L));
            album.moods.add("calm");
            album.credits.put("producer", "Ann");
            album.charts.put("uk", 3);
            album.notes.add("first pressing");
            album.liner.add("side A");
            em.persist(album);
            Song song = new Song(1L, "intro", album);
            em.persist(song);
            em.persist(new Play(1L, "ada", song));
        });
        for (int i = 1; i < VERSIONS; i++) {
            int n = i;
            db.run(em -> {
                Album album = em.find(Album.class, 1L);
                album.title = "v" + n;
                if (n == 25) {
                    em.persist(new Song(2L, "outro", album));
                    album.genres.add(em.find(Genre.class, 2L));
                    album.moods.add("bright");
                }
            });
        }
    }

    @DatabaseTest
    void readingOnlyPropertiesOfFiftyVersionsCostsOneStatement(Db db) {
        fiftyVersions(db);

        List<String> titles = new ArrayList<>();
        List<String> statements = read(db, versions -> versions.forEach(v ->
                titles.add(v.entity().title + " " + v.transaction().issuedAt().getEpochSecond())));

        assertThat(titles).hasSize(VERSIONS);
        assertThat(titles.get(VERSIONS - 1)).startsWith("v49 ");
        assertThat(statements).as(String.join("\n", statements)).hasSize(1);
    }

    @DatabaseTest
    void usingOneCollectionOfEveryVersionCostsOneMoreStatement(Db db) {
        fiftyVersions(db);

        List<Integer> songs = new ArrayList<>();
        List<String> statements = read(db, versions -> versions.forEach(v -> songs.add(v.entity().songs.size())));

        assertThat(songs.get(0)).isEqualTo(1);
        assertThat(songs.get(24)).isEqualTo(1);
        assertThat(songs.get(25)).isEqualTo(2);
        assertThat(statements).as(String.join("\n", statements)).hasSize(2);
    }

    @DatabaseTest
    void usingEveryCollectionCostsOneStatementPerRelationAndTwoForTheManyToMany(Db db) {
        fiftyVersions(db);

        List<String> seen = new ArrayList<>();
        List<String> statements = read(db, versions -> versions.forEach(v -> {
            Album album = v.entity();
            seen.add(album.songs.size() + " " + album.genres.size() + " " + album.moods + " " + album.credits + " "
                    + album.charts + " " + album.notes + " " + album.liner);
        }));

        assertThat(seen.get(0)).isEqualTo("1 1 [calm] {producer=Ann} {uk=3} [first pressing] [side A]");
        assertThat(seen.get(VERSIONS - 1))
                .isEqualTo("2 2 [bright, calm] {producer=Ann} {uk=3} [first pressing] [side A]");
        // the versions, then songs, genres (rows and targets), moods, credits, charts, notes, liner
        assertThat(statements).as(String.join("\n", statements)).hasSize(1 + 1 + 2 + 5);
    }

    @DatabaseTest
    void theCollectionsOfRelatedSnapshotsAreReadTogetherOnFirstUse(Db db) {
        fiftyVersions(db);

        List<Integer> plays = new ArrayList<>();
        List<String> statements = read(db, versions -> versions.forEach(v -> v.entity().songs
                .forEach(song -> plays.add(song.plays.size()))));

        assertThat(plays).hasSize(VERSIONS + VERSIONS - 25);
        assertThat(plays).containsOnly(1, 0);
        // the versions, the songs of every version, the plays of every song of every version
        assertThat(statements).as(String.join("\n", statements)).hasSize(3);
    }

    @DatabaseTest
    void relatedSnapshotsHaveTheirRelationsAsOfTheOwnersTransaction(Db db) {
        db.run(em -> {
            Album album = new Album(1L, "one");
            em.persist(album);
            em.persist(new Song(1L, "intro", album));
        });
        db.run(em -> {
            em.find(Album.class, 1L).title = "two";
            em.persist(new Play(1L, "ada", em.find(Song.class, 1L)));
        });

        List<List<String>> plays = new ArrayList<>();
        read(db, versions -> versions.forEach(v -> plays.add(v.entity().songs.get(0).plays.stream()
                .map(p -> p.listener).toList())));

        // the song did not change, yet each version sees its plays of then
        assertThat(plays).containsExactly(List.of(), List.of("ada"));
    }

    @DatabaseTest
    void aChildsToOneBackToItsOwnerIsTheOwnersSnapshotAtEveryDepth(Db db) {
        fiftyVersions(db);

        EntityManager em = db.emf().createEntityManager();
        try {
            List<Version<Album>> versions = VersionHistory.of(em).versions(Album.class, 1L);
            Album first = versions.get(0).entity();
            Album last = versions.get(VERSIONS - 1).entity();
            Song song = first.songs.get(0);
            Play play = song.plays.get(0);

            assertThat(song.title).isEqualTo("intro");
            assertThat(song.album).isSameAs(first);
            assertThat(song.album.title).isEqualTo("v0");
            assertThat(last.songs).allSatisfy(s -> assertThat(s.album).isSameAs(last));
            assertThat(play.song).isSameAs(song);
            assertThat(em.contains(song)).isFalse();
            assertThat(em.contains(first)).isFalse();
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void theCollectionsOfAToOneTargetAreReadAsOfTheVersionsTransaction(Db db) {
        fiftyVersions(db);

        EntityManager em = db.emf().createEntityManager();
        try {
            Song intro = VersionHistory.of(em).versions(Song.class, 1L).get(0).entity();

            assertThat(intro.album.title).isEqualTo("v0");
            assertThat(intro.album.songs).extracting(s -> s.title).containsExactly("intro");
            assertThat(intro.album.moods).containsExactly("calm");
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void lazyCollectionsHaveTheAttributesInterfacesAndBehaveLikeTheirContent(Db db) {
        fiftyVersions(db);

        EntityManager em = db.emf().createEntityManager();
        try {
            Album album = VersionHistory.of(em).versions(Album.class, 1L).get(VERSIONS - 1).entity();

            assertThat(album.songs).isInstanceOf(List.class).extracting(s -> s.title).containsExactly("intro", "outro");
            assertThat(album.genres).isInstanceOf(Set.class).extracting(g -> g.name)
                    .containsExactlyInAnyOrder("jazz", "soul");
            assertThat(album.moods).isInstanceOf(SortedSet.class).isEqualTo(new TreeSet<>(Set.of("calm", "bright")));
            assertThat(album.moods.first()).isEqualTo("bright");
            assertThat(album.credits).isInstanceOf(Map.class).isEqualTo(Map.of("producer", "Ann"));
            assertThat(album.charts).isInstanceOf(SortedMap.class).isEqualTo(new TreeMap<>(Map.of("uk", 3)));
            assertThat(album.notes).isInstanceOf(Collection.class).containsExactly("first pressing");
            assertThat(album.liner).isEqualTo(List.of("side A")).hasSameHashCodeAs(List.of("side A"));
            assertThat(album.liner.toString()).isEqualTo("[side A]");

            album.liner.add("side B");
            album.moods.remove("calm");
            assertThat(album.liner).containsExactly("side A", "side B");
            assertThat(album.moods).containsExactly("bright");
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void aLazyCollectionSerializesAsItsContent(Db db) throws Exception {
        fiftyVersions(db);
        EntityManager em = db.emf().createEntityManager();
        Album album;
        try {
            album = VersionHistory.of(em).versions(Album.class, 1L).get(0).entity();
            album.liner.size();
        } finally {
            em.close();
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(album.liner);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isInstanceOf(ArrayList.class).isEqualTo(List.of("side A"));
    }

    @DatabaseTest
    void aCollectionUsedFirstAfterTheEntityManagerClosedThrowsAndSaysWhatToDo(Db db) {
        fiftyVersions(db);
        EntityManager em = db.emf().createEntityManager();
        Version<Album> first = VersionHistory.of(em).versions(Album.class, 1L).get(0);
        Album album = first.entity();
        int songs = album.songs.size();
        em.close();

        assertThat(songs).isEqualTo(1);
        assertThat(album.songs).extracting(s -> s.title).containsExactly("intro");
        assertThatThrownBy(() -> album.genres.size())
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Album.genres")
                .hasMessageContaining("with id 1")
                .hasMessageContaining("transaction " + first.transactionId())
                .hasMessageContaining("while the EntityManager is open");
    }

    @DatabaseTest
    void aListWhoseFirstEntityIsReadAfterTheEntityManagerClosedHasCollectionsThatThrow(Db db) {
        fiftyVersions(db);
        EntityManager em = db.emf().createEntityManager();
        List<Version<Album>> versions = VersionHistory.of(em).versions(Album.class, 1L);
        em.close();

        Album album = versions.get(3).entity();

        assertThat(album.title).isEqualTo("v3");
        assertThatThrownBy(() -> album.songs.isEmpty()).isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Album.songs");
    }

    @DatabaseTest
    void allEntitiesAsOfATransactionReadTheirRelationsInOneStatementPerRelationWhateverTheirNumber(Db db) {
        int albums = 30;
        db.run(em -> {
            em.persist(new Genre(1L, "jazz"));
            for (long id = 1; id <= albums; id++) {
                Album album = new Album(id, "album " + id);
                album.genres.add(em.find(Genre.class, 1L));
                em.persist(album);
                em.persist(new Song(id, "song " + id, album));
            }
        });
        long then = db.inTransaction(em -> VersionHistory.of(em).versions(Album.class, 1L).get(0).transactionId());
        db.run(em -> {
            for (long id = 1; id <= albums; id++) {
                Album album = em.find(Album.class, id);
                album.title = "retitled";
                album.genres.clear();
                em.find(Song.class, id).title = "remastered";
            }
        });

        EntityManager em = db.emf().createEntityManager();
        try {
            StatementCounter.reset();
            List<String> seen = new ArrayList<>();
            for (Version<Album> version : VersionHistory.of(em).allAsOf(Album.class, then, 0, 100)) {
                Album album = version.entity();
                seen.add(album.title + "|" + album.songs.get(0).title + "|" + album.genres.iterator().next().name);
            }

            assertThat(seen).hasSize(albums).allSatisfy(s -> assertThat(s).matches("album \\d+\\|song \\d+\\|jazz"));
            // the page, the songs of all albums, the genre links and the genres
            assertThat(StatementCounter.statements()).as(String.join("\n", StatementCounter.statements()))
                    .hasSize(4);
        } finally {
            em.close();
        }
    }
}
