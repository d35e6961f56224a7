package dev.continuum.hibernate.typed.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.typed.suite.ShapesModel.Bolt;
import dev.continuum.hibernate.typed.suite.ShapesModel.Bottle;
import dev.continuum.hibernate.typed.suite.ShapesModel.Crate;
import dev.continuum.hibernate.typed.suite.ShapesModel.Part;
import dev.continuum.hibernate.typed.suite.ShapesModel.Refund;
import dev.continuum.hibernate.typed.suite.ShapesModel.Stop;
import dev.continuum.hibernate.typed.suite.ShapesModel.StopKey;
import dev.continuum.hibernate.typed.suite.ShapesModel.Ticket;

import java.util.List;

/**
 * The version classes read the columns of the version tables that are not properties of their
 * entity: discriminators, the columns of an overridden embedded identifier, the keys of other
 * entities' join-column collections.
 */
@Model(value = {Ticket.class, Refund.class, Part.class, Bolt.class, Stop.class, Crate.class, Bottle.class,
        TicketVersion.class, PartVersion.class, StopVersion.class, CrateVersion.class, BottleVersion.class},
        properties = {"continuum.transaction_table=shp_tx", "continuum.transaction_sequence=shp_tx_seq"})
class TypedVersionShapesTest {

    @DatabaseTest
    void aJoinedRootsVersionClassReadsTheDiscriminatorOfEachRow(Db db) {
        db.run(em -> {
            Ticket ticket = new Ticket();
            ticket.id = 1L;
            em.persist(ticket);
            Refund refund = new Refund();
            refund.id = 2L;
            refund.cents = 150;
            em.persist(refund);
        });

        List<TicketVersion> versions = db.inTransaction(em -> em.createQuery(
                "select v from TicketVersion v order by v.id", TicketVersion.class).getResultList());

        assertThat(versions).extracting(TicketVersion::getDiscriminator).containsExactly('T', 'R');
        assertThat(versions.get(1).getId()).isEqualTo(2L);
    }

    @DatabaseTest
    void aSingleTableRootsVersionClassReadsEverySubclassColumnAndTheDiscriminator(Db db) {
        db.run(em -> {
            Part part = new Part();
            part.id = 1L;
            part.label = "nut";
            em.persist(part);
            Bolt bolt = new Bolt();
            bolt.id = 2L;
            bolt.label = "bolt";
            bolt.diameter = 6;
            em.persist(bolt);
        });

        List<PartVersion> versions = db.inTransaction(em -> em.createQuery(
                "select v from PartVersion v order by v.id", PartVersion.class).getResultList());

        assertThat(versions).extracting(PartVersion::getDiscriminator).containsExactly(1, 2);
        assertThat(versions).extracting(PartVersion::getDiameter).containsExactly(null, 6);
        Object bolt = db.inTransaction(em -> versions.get(1).asVersion(em).entity());
        assertThat(bolt).isInstanceOf(Bolt.class);
    }

    @DatabaseTest
    void anEmbeddedIdEntityIsQueriedByItsColumnsAndReadBackWithItsKey(Db db) {
        StopKey key = new StopKey("M1", 3);
        db.run(em -> {
            Stop stop = new Stop();
            stop.key = key;
            stop.name = "Central";
            em.persist(stop);
        });
        db.run(em -> em.find(Stop.class, key).name = "Central Station");

        List<StopVersion> versions = db.inTransaction(em -> {
            List<StopVersion> found = em.createQuery("select v from StopVersion v where v.route = :route and "
                    + "v.seq = :seq order by v.transactionId", StopVersion.class)
                    .setParameter("route", "M1").setParameter("seq", 3).getResultList();
            assertThat(VersionHistory.of(em).typedVersions(StopVersion.class, key)).isEqualTo(found);
            assertThat(found.get(1).previous()).hasValueSatisfying(previous -> assertThat(previous.entity().name)
                    .isEqualTo("Central"));
            return found;
        });

        assertThat(versions).extracting(StopVersion::getName).containsExactly("Central", "Central Station");
        assertThat(versions).extracting(StopVersion::id).containsOnly(key);
    }

    @DatabaseTest
    void theChildOfTwoJoinColumnCollectionsRecordsTheKeyOfEach(Db db) {
        db.run(em -> {
            Bottle first = new Bottle();
            first.id = 1L;
            Bottle spare = new Bottle();
            spare.id = 2L;
            em.persist(first);
            em.persist(spare);
            Crate crate = new Crate();
            crate.id = 7L;
            crate.bottles.add(first);
            crate.spares.add(spare);
            em.persist(crate);
        });

        List<BottleVersion> versions = db.inTransaction(em -> em.createQuery(
                "select v from BottleVersion v where v.endTransactionId is null order by v.id", BottleVersion.class)
                .getResultList());

        assertThat(versions).extracting(BottleVersion::getCrateBottlesId).containsExactly(7L, null);
        assertThat(versions).extracting(BottleVersion::getCrateSparesId).containsExactly(null, 7L);
    }
}
