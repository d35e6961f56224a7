package dev.continuum.hibernate.mapping;

import dev.continuum.VersionHistory;
import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bags (lists without an order column) holding an element more than once: each copy is a version
 * row, so the history holds as many copies as the collection did.
 */
@Model({BagDuplicatesTest.Playlist.class, BagDuplicatesTest.Guest.class})
class BagDuplicatesTest {

    @Entity(name = "Playlist")
    @Table(name = "bd_playlist")
    @Versioned
    static class Playlist {
        @Id
        Long id;
        String title;
        @ElementCollection
        @CollectionTable(name = "bd_playlist_song", joinColumns = @JoinColumn(name = "playlist_id"))
        @Column(name = "song")
        List<String> songs = new ArrayList<>();
        @ManyToMany
        @JoinTable(name = "bd_playlist_guest", joinColumns = @JoinColumn(name = "playlist_id"),
                inverseJoinColumns = @JoinColumn(name = "guest_id"))
        List<Guest> guests = new ArrayList<>();
    }

    @Entity(name = "Guest")
    @Table(name = "bd_guest")
    @Versioned
    static class Guest {
        @Id
        Long id;
        String name;
    }

    private static void persist(Db db, String... songs) {
        db.run(em -> {
            Playlist playlist = new Playlist();
            playlist.id = 1L;
            playlist.title = "mix";
            playlist.songs.addAll(Arrays.asList(songs));
            em.persist(playlist);
        });
    }

    private static void songs(Db db, String... songs) {
        db.run(em -> {
            Playlist playlist = em.find(Playlist.class, 1L);
            playlist.songs.clear();
            playlist.songs.addAll(Arrays.asList(songs));
        });
    }

    private static long lastTransaction(Db db) {
        return ((Number) db.rows("select max(id) as id from transaction").get(0).get("id")).longValue();
    }

    /** {@code song:operation_type:open|closed} of the rows a transaction wrote, sorted. */
    private static List<String> written(Db db, long transaction) {
        return db.rows("select song, operation_type, end_transaction_id from bd_playlist_song_version "
                + "where transaction_id = ? order by song, operation_type", transaction).stream()
                .map(BagDuplicatesTest::describe).toList();
    }

    /** The open (end_transaction_id null) rows of a song, as {@code transaction:operation}. */
    private static List<String> open(Db db, String song) {
        return db.rows("select transaction_id, operation_type from bd_playlist_song_version "
                + "where song = ? and end_transaction_id is null order by transaction_id, operation_type", song)
                .stream().map(row -> ((Number) row.get("transaction_id")).longValue() + ":"
                        + ((Number) row.get("operation_type")).intValue()).toList();
    }

    private static String describe(Map<String, Object> row) {
        return row.get("song") + ":" + ((Number) row.get("operation_type")).intValue() + ":"
                + (row.get("end_transaction_id") == null ? "open" : "closed");
    }

    /** The songs of the playlist as of a transaction, sorted (a bag has no order). */
    private static List<String> songsAsOf(Db db, long transaction) {
        return read(db, h -> h.asOf(Playlist.class, 1L, transaction)
                .map(v -> v.entity().songs.stream().sorted().toList()).orElse(List.of()));
    }

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void eachCopyOfAnElementIsARow(Db db) {
        persist(db, "a", "b", "a");
        long first = lastTransaction(db);

        assertThat(written(db, first)).containsExactly("a:0:open", "a:0:open", "b:0:open");
        assertThat(songsAsOf(db, first)).containsExactly("a", "a", "b");
    }

    @DatabaseTest
    void addingACopyWritesOneMoreRowAndKeepsTheFirstOpen(Db db) {
        persist(db, "a");
        long first = lastTransaction(db);
        songs(db, "a", "a");
        long second = lastTransaction(db);

        assertThat(written(db, second)).containsExactly("a:0:open");
        assertThat(open(db, "a")).containsExactly(first + ":0", second + ":0");
        assertThat(songsAsOf(db, first)).containsExactly("a");
        assertThat(songsAsOf(db, second)).containsExactly("a", "a");
    }

    @DatabaseTest
    void removingOneOfTwoCopiesClosesBothAndRecordsTheOneThatRemains(Db db) {
        persist(db, "a", "a");
        long first = lastTransaction(db);
        songs(db, "a");
        long second = lastTransaction(db);

        assertThat(written(db, first)).containsExactly("a:0:closed", "a:0:closed");
        assertThat(written(db, second)).containsExactly("a:1:open", "a:2:open");
        assertThat(songsAsOf(db, first)).containsExactly("a", "a");
        assertThat(songsAsOf(db, second)).containsExactly("a");
    }

    @DatabaseTest
    void removingEveryCopyWritesARemovalPerCopy(Db db) {
        persist(db, "a", "a", "b");
        songs(db, "a");
        long second = lastTransaction(db);
        songs(db, "b");
        long third = lastTransaction(db);

        assertThat(written(db, third)).containsExactly("a:2:open", "b:0:open");
        assertThat(open(db, "a")).containsExactly(third + ":2");
        assertThat(songsAsOf(db, second)).containsExactly("a");
        assertThat(songsAsOf(db, third)).containsExactly("b");
        songs(db);
        long fourth = lastTransaction(db);
        assertThat(songsAsOf(db, fourth)).isEmpty();
    }

    @DatabaseTest
    void deletingTheOwnerRemovesEveryCopy(Db db) {
        persist(db, "a", "a");
        db.run(em -> em.remove(em.find(Playlist.class, 1L)));
        long second = lastTransaction(db);

        assertThat(written(db, second)).containsExactly("a:2:open", "a:2:open");
        assertThat(open(db, "a")).containsExactly(second + ":2", second + ":2");
    }

    @DatabaseTest
    void aCopyAddedAndRemovedInOneTransactionWritesNothing(Db db) {
        persist(db, "a");
        long first = lastTransaction(db);
        db.run(em -> {
            Playlist playlist = em.find(Playlist.class, 1L);
            playlist.songs.add("a");
            em.flush();
            playlist.songs.remove("a");
        });

        assertThat(lastTransaction(db)).isEqualTo(first);
        assertThat(open(db, "a")).containsExactly(first + ":0");
    }

    @DatabaseTest
    void copiesChangedOverSeveralFlushesAreComparedWithTheStartOfTheTransaction(Db db) {
        persist(db, "a", "a", "a");
        db.run(em -> {
            Playlist playlist = em.find(Playlist.class, 1L);
            playlist.songs.remove("a");
            em.flush();
            playlist.songs.remove("a");
            em.flush();
            playlist.songs.add("a");
        });
        long second = lastTransaction(db);

        assertThat(written(db, second)).containsExactly("a:1:open", "a:1:open", "a:2:open");
        assertThat(songsAsOf(db, second)).containsExactly("a", "a");
    }

    @DatabaseTest
    void aManyToManyBagKeepsEachLinkToTheSameTarget(Db db) {
        db.run(em -> {
            Guest guest = new Guest();
            guest.id = 7L;
            guest.name = "Ann";
            em.persist(guest);
            Playlist playlist = new Playlist();
            playlist.id = 1L;
            playlist.title = "mix";
            playlist.guests.add(guest);
            playlist.guests.add(guest);
            em.persist(playlist);
        });
        long first = lastTransaction(db);
        db.run(em -> em.find(Playlist.class, 1L).guests.remove(0));
        long second = lastTransaction(db);
        db.run(em -> em.find(Playlist.class, 1L).guests.clear());
        long third = lastTransaction(db);

        List<Long> atFirst = guestsAsOf(db, first);
        List<Long> atSecond = guestsAsOf(db, second);
        List<Long> atThird = guestsAsOf(db, third);
        assertThat(atFirst).containsExactly(7L, 7L);
        assertThat(atSecond).containsExactly(7L);
        assertThat(atThird).isEmpty();
        assertThat(db.count("bd_playlist_guest_version")).isEqualTo(2 + 2 + 1);
    }

    private static List<Long> guestsAsOf(Db db, long transaction) {
        return read(db, h -> h.asOf(Playlist.class, 1L, transaction).orElseThrow().entity().guests.stream()
                .map(guest -> guest.id).toList());
    }
}
