package dev.continuum.hibernate.flags;

import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed version class maps the flags, so JPQL finds the versions that changed a property. */
@Model({Shipment.class, ShipmentVersion.class})
class ModifiedFlagsTypedTest {

    @DatabaseTest
    void jpqlOverTheTypedVersionClassSelectsOnAFlag(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.find(Shipment.class, 1L).setQuantity(4));
        db.run(em -> em.find(Shipment.class, 1L).setStatus("sent"));

        List<ShipmentVersion> changedStatus = db.inTransaction(em -> em.createQuery(
                "select v from ShipmentVersion v where v.id = 1 and v.statusModified = true order by v.transactionId",
                ShipmentVersion.class).getResultList());

        assertThat(changedStatus).extracting(ShipmentVersion::getStatus).containsExactly("new", "sent");
        assertThat(changedStatus).extracting(ShipmentVersion::isQuantityModified).containsExactly(true, false);
        assertThat(changedStatus).extracting(ShipmentVersion::isDestinationModified).containsExactly(false, false);
    }
}
