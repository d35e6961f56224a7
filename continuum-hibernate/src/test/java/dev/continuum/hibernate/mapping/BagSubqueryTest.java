package dev.continuum.hibernate.mapping;

import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bag's copies of an element under the subquery strategy, which stores no ends: the copies as of
 * each transaction are those its element's latest rows record, however copies came and went.
 */
@Model(value = {BagDuplicatesTest.Playlist.class, BagDuplicatesTest.Guest.class},
        properties = "continuum.strategy=subquery")
class BagSubqueryTest {

    private static long write(Db db, String... songs) {
        db.run(em -> {
            BagDuplicatesTest.Playlist playlist = em.find(BagDuplicatesTest.Playlist.class, 1L);
            if (playlist == null) {
                playlist = new BagDuplicatesTest.Playlist();
                playlist.id = 1L;
                playlist.title = "mix";
                playlist.songs.addAll(Arrays.asList(songs));
                em.persist(playlist);
            } else {
                playlist.songs.clear();
                playlist.songs.addAll(Arrays.asList(songs));
            }
        });
        return ((Number) db.rows("select max(id) as id from transaction").get(0).get("id")).longValue();
    }

    private static List<String> songsAsOf(Db db, long transaction) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return VersionHistory.of(em).asOf(BagDuplicatesTest.Playlist.class, 1L, transaction)
                    .map(v -> v.entity().songs.stream().sorted().toList()).orElse(List.of());
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void theCopiesAsOfEachTransactionAreThoseItLeft(Db db) {
        List<Long> transactions = new ArrayList<>();
        transactions.add(write(db, "a"));
        transactions.add(write(db, "a", "a"));
        transactions.add(write(db, "a", "a", "b"));
        transactions.add(write(db, "a"));
        transactions.add(write(db, "b"));
        transactions.add(write(db, "b", "a", "b"));

        assertThat(transactions.stream().map(tx -> songsAsOf(db, tx)).toList()).containsExactly(
                List.of("a"), List.of("a", "a"), List.of("a", "a", "b"), List.of("a"), List.of("b"),
                List.of("a", "b", "b"));
        assertThat(db.count("bd_playlist_song_version")).isPositive();
    }
}
