package dev.continuum.hibernate.flags;

import dev.continuum.Operation;
import dev.continuum.PropertyRevision;
import dev.continuum.hibernate.model.Address;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Modification flags: one boolean per versioned property, set in the versions that changed it. */
@Model({Shipment.class, Note.class})
class ModifiedFlagsTest {

    private static List<Map<String, Object>> flags(Db db) {
        return db.rows("select status_mod, qty_mod, destination_mod, operation_type from shipment_version "
                + "order by transaction_id");
    }

    private static boolean flag(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof Boolean b ? b : number(value) != 0;
    }

    @DatabaseTest
    void insertFlagsEveryPropertyThatIsSet(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", null)));

        Map<String, Object> insert = flags(db).get(0);
        assertThat(flag(insert, "status_mod")).isTrue();
        assertThat(flag(insert, "qty_mod")).isFalse();
        assertThat(flag(insert, "destination_mod")).isFalse();
    }

    @DatabaseTest
    void updateFlagsOnlyTheChangedProperties(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.find(Shipment.class, 1L).setStatus("sent"));
        db.run(em -> em.find(Shipment.class, 1L).setDestination(new Address("Main St 1", "Oslo")));

        List<Map<String, Object>> rows = flags(db);
        assertThat(rows).hasSize(3);
        assertThat(flag(rows.get(1), "status_mod")).isTrue();
        assertThat(flag(rows.get(1), "qty_mod")).isFalse();
        assertThat(flag(rows.get(1), "destination_mod")).isFalse();
        // an embeddable of two columns has one flag
        assertThat(flag(rows.get(2), "status_mod")).isFalse();
        assertThat(flag(rows.get(2), "destination_mod")).isTrue();
    }

    @DatabaseTest
    void severalFlushesOfOneTransactionAreOneVersionFlaggedWithEveryChange(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> {
            Shipment shipment = em.find(Shipment.class, 1L);
            shipment.setStatus("packed");
            em.flush();
            shipment.setQuantity(4);
            em.flush();
            shipment.setStatus("sent");
        });

        List<Map<String, Object>> rows = flags(db);
        assertThat(rows).hasSize(2);
        assertThat(flag(rows.get(1), "status_mod")).isTrue();
        assertThat(flag(rows.get(1), "qty_mod")).isTrue();
        assertThat(flag(rows.get(1), "destination_mod")).isFalse();
    }

    @DatabaseTest
    void aPropertySetAndSetBackInOneTransactionIsNotFlagged(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> {
            Shipment shipment = em.find(Shipment.class, 1L);
            shipment.setStatus("packed");
            em.flush();
            shipment.setStatus("new");
            shipment.setQuantity(5);
        });

        Map<String, Object> update = flags(db).get(1);
        assertThat(flag(update, "status_mod")).isFalse();
        assertThat(flag(update, "qty_mod")).isTrue();
    }

    @DatabaseTest
    void insertThenUpdateInOneTransactionFlagsTheFinalState(Db db) {
        db.run(em -> {
            Shipment shipment = new Shipment(1L, null, null);
            em.persist(shipment);
            em.flush();
            shipment.setQuantity(2);
        });

        Map<String, Object> insert = flags(db).get(0);
        assertThat(number(insert.get("operation_type"))).isZero();
        assertThat(flag(insert, "status_mod")).isFalse();
        assertThat(flag(insert, "qty_mod")).isTrue();
    }

    @DatabaseTest
    void deleteFlagsWhatTheTransactionChangedBeforeDeleting(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.persist(new Shipment(2L, "new", 3)));
        db.run(em -> em.remove(em.find(Shipment.class, 1L)));
        db.run(em -> {
            Shipment shipment = em.find(Shipment.class, 2L);
            shipment.setStatus("cancelled");
            em.flush();
            em.remove(shipment);
        });

        List<Map<String, Object>> deletes = db.rows("select id, status_mod, qty_mod from shipment_version "
                + "where operation_type = 2 order by id");
        assertThat(flag(deletes.get(0), "status_mod")).isFalse();
        assertThat(flag(deletes.get(0), "qty_mod")).isFalse();
        assertThat(flag(deletes.get(1), "status_mod")).isTrue();
        assertThat(flag(deletes.get(1), "qty_mod")).isFalse();
    }

    @DatabaseTest
    void theVersionsThatChangedAPropertyAreFoundWithPlainSqlAndJpql(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.find(Shipment.class, 1L).setQuantity(4));
        db.run(em -> em.find(Shipment.class, 1L).setStatus("sent"));

        List<Map<String, Object>> changedStatus = db.rows("select transaction_id from shipment_version "
                + "where id = 1 and status_mod = ? order by transaction_id", true);
        assertThat(changedStatus).hasSize(2);
    }

    @DatabaseTest
    void propertyHistoryLeavesOutTheVersionsWhoseFlagIsOff(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.find(Shipment.class, 1L).setQuantity(4));
        db.run(em -> em.find(Shipment.class, 1L).setStatus("sent"));
        db.run(em -> em.remove(em.find(Shipment.class, 1L)));

        List<PropertyRevision<?>> status = db.read(history -> history.propertyHistory(Shipment.class, 1L, "status"));

        assertThat(status).extracting(PropertyRevision::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
        assertThat(status.get(1).change().oldValue().orElseThrow()).isEqualTo("new");
        assertThat(status.get(1).change().newValue().orElseThrow()).isEqualTo("sent");
    }

    @DatabaseTest
    void propertyHistoryTrustsTheFlagOfAnUpdate(Db db) {
        db.run(em -> em.persist(new Shipment(1L, "new", 3)));
        db.run(em -> em.find(Shipment.class, 1L).setStatus("sent"));
        db.execute("update shipment_version set status_mod = false where operation_type = 1");

        List<PropertyRevision<?>> status = db.read(history -> history.propertyHistory(Shipment.class, 1L, "status"));

        assertThat(status).extracting(PropertyRevision::operation).containsExactly(Operation.INSERT);
    }

    @DatabaseTest
    void entitiesWithoutFlagsGetNoFlagColumns(Db db) {
        db.run(em -> em.persist(new Note(1L, "hello")));

        assertThat(db.rows("select * from note_version").get(0).keySet())
                .noneMatch(column -> column.toLowerCase(java.util.Locale.ROOT).endsWith("_mod"));
    }
}
