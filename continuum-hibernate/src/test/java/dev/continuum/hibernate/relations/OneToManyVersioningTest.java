package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.relations.RelationsModel.Member;
import dev.continuum.hibernate.relations.RelationsModel.Playlist;
import dev.continuum.hibernate.relations.RelationsModel.Team;
import dev.continuum.hibernate.relations.RelationsModel.Track;
import dev.continuum.hibernate.testing.VersionRows;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-to-many: the foreign key lives in the child's table, so it is versioned in the child's
 * version rows, whether the child maps it (mappedBy) or the parent's collection writes it (join column).
 */
@Model(value = {Team.class, Member.class, Playlist.class, Track.class},
        properties = {"continuum.transaction_table=rel_otm_tx", "continuum.transaction_sequence=rel_otm_tx_seq"})
class OneToManyVersioningTest {

    @DatabaseTest
    void aMappedByChildsVersionsCarryTheParentsForeignKey(Db db) {
        db.run(em -> {
            for (long id = 1; id <= 2; id++) {
                Team team = new Team();
                team.id = id;
                team.name = "team " + id;
                em.persist(team);
            }
            Member member = new Member();
            member.id = 1L;
            member.name = "Ada";
            member.team = em.find(Team.class, 1L);
            em.persist(member);
        });
        db.run(em -> em.find(Member.class, 1L).team = em.find(Team.class, 2L));

        assertThat(db.rows("select team_id from rel_member_version order by transaction_id"))
                .extracting(r -> number(r.get("team_id"))).containsExactly(1L, 2L);
    }

    private static void givenAPlaylistWithTwoTracks(Db db) {
        db.run(em -> {
            for (long id = 1; id <= 2; id++) {
                Playlist playlist = new Playlist();
                playlist.id = id;
                playlist.name = "list " + id;
                em.persist(playlist);
            }
            Playlist first = em.find(Playlist.class, 1L);
            for (long id = 1; id <= 2; id++) {
                Track track = new Track(id, "track " + id);
                em.persist(track);
                first.tracks.add(track);
            }
        });
    }

    private static List<Map<String, Object>> trackVersions(Db db, long track) {
        return db.rows("select title, playlist_id, transaction_id, end_transaction_id, operation_type "
                + "from rel_track_version where id = ? order by transaction_id", track);
    }

    @DatabaseTest
    void childrenOfDifferentParentsInsertedInOneBatchEachCarryTheirOwnForeignKey(Db db) {
        db.run(em -> {
            for (long id = 1; id <= 2; id++) {
                Playlist playlist = new Playlist();
                playlist.id = id;
                playlist.name = "list " + id;
                em.persist(playlist);
                Track track = new Track(id, "track " + id);
                em.persist(track);
                playlist.tracks.add(track);
            }
            em.persist(new Track(3L, "in no playlist"));
        });

        assertThat(number(trackVersions(db, 1).get(0).get("playlist_id"))).isEqualTo(1L);
        assertThat(number(trackVersions(db, 2).get(0).get("playlist_id"))).isEqualTo(2L);
        assertThat(trackVersions(db, 3).get(0).get("playlist_id")).isNull();
    }

    @DatabaseTest
    void aJoinColumnChildsVersionCarriesTheForeignKeyWrittenByTheParentsCollection(Db db) {
        givenAPlaylistWithTwoTracks(db);

        List<Map<String, Object>> versions = trackVersions(db, 1);
        assertThat(versions).hasSize(1);
        assertThat(number(versions.get(0).get("playlist_id"))).isEqualTo(1L);
        assertThat(operation(versions.get(0))).isZero();
    }

    @DatabaseTest
    void aJoinColumnChildThatMovesToAnotherParentGetsAVersionWithTheNewForeignKey(Db db) {
        givenAPlaylistWithTwoTracks(db);
        db.run(em -> {
            Track track = em.find(Track.class, 1L);
            em.find(Playlist.class, 1L).tracks.remove(track);
            em.find(Playlist.class, 2L).tracks.add(track);
        });

        List<Map<String, Object>> versions = trackVersions(db, 1);
        assertThat(versions).extracting(r -> number(r.get("playlist_id"))).containsExactly(1L, 2L);
        assertThat(operation(versions.get(1))).isEqualTo(1);
        assertThat(number(versions.get(0).get("end_transaction_id")))
                .isEqualTo(number(versions.get(1).get("transaction_id")));
        assertThat(trackVersions(db, 2)).hasSize(1);
    }

    @DatabaseTest
    void aJoinColumnChildRemovedFromItsParentGetsAVersionWithoutForeignKey(Db db) {
        givenAPlaylistWithTwoTracks(db);
        db.run(em -> em.find(Playlist.class, 1L).tracks.removeIf(track -> track.id == 2L));

        List<Map<String, Object>> versions = trackVersions(db, 2);
        assertThat(versions).extracting(r -> number(r.get("playlist_id"))).containsExactly(1L, null);
    }

    @DatabaseTest
    void aJoinColumnChildsOwnChangeKeepsItsCurrentForeignKey(Db db) {
        givenAPlaylistWithTwoTracks(db);
        db.run(em -> em.find(Track.class, 1L).title = "renamed");

        List<Map<String, Object>> versions = trackVersions(db, 1);
        assertThat(versions).extracting(r -> r.get("title") + "@" + number(r.get("playlist_id")))
                .containsExactly("track 1@1", "renamed@1");
    }

    @DatabaseTest
    void theParentGetsAVersionWhenOnlyItsJoinColumnCollectionChanges(Db db) {
        givenAPlaylistWithTwoTracks(db);
        db.run(em -> em.find(Playlist.class, 1L).tracks.removeIf(track -> track.id == 2L));

        assertThat(db.rows("select operation_type from rel_playlist_version where id = 1 order by transaction_id"))
                .extracting(VersionRows::operation).containsExactly(0, 1);
    }
}
