package dev.continuum.hibernate.mapping;

import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.mapping.MappingModel.LineId;
import dev.continuum.hibernate.mapping.MappingModel.OrderLine;
import dev.continuum.hibernate.mapping.MappingModel.Seat;
import dev.continuum.hibernate.mapping.MappingModel.SeatKey;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import dev.continuum.HistoryLookupException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Histories of entities with a composite key (embedded or id class) read, navigate and revert like any other. */
@Model(value = {OrderLine.class, Seat.class},
        properties = {"continuum.transaction_table=ck_tx", "continuum.transaction_sequence=ck_tx_seq",
                "continuum.undo_table=ck_undo"})
class CompositeKeyHistoryTest {

    private static void givenAnOrderLineChangedTwice(Db db) {
        db.run(em -> {
            OrderLine line = new OrderLine();
            line.id = new LineId(7L, 1);
            line.product = "tea";
            line.quantity = 1;
            em.persist(line);
            OrderLine other = new OrderLine();
            other.id = new LineId(7L, 2);
            other.product = "cake";
            other.quantity = 5;
            em.persist(other);
        });
        db.run(em -> em.find(OrderLine.class, new LineId(7L, 1)).quantity = 2);
        db.run(em -> em.find(OrderLine.class, new LineId(7L, 1)).product = "green tea");
    }

    @DatabaseTest
    void anEmbeddedIdEntityHasItsOwnHistoryNavigableWithoutQueries(Db db) {
        givenAnOrderLineChangedTwice(db);

        List<Version<OrderLine>> versions = db.inTransaction(em ->
                VersionHistory.of(em).versions(OrderLine.class, new LineId(7L, 1)));

        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        assertThat(versions).extracting(v -> v.entity().quantity).containsExactly(1, 2, 2);
        assertThat(versions.get(2).entity().product).isEqualTo("green tea");
        assertThat(versions.get(2).entity().id).isEqualTo(new LineId(7L, 1));
        assertThat(versions.get(2).previous()).hasValueSatisfying(v -> assertThat(v.index()).isEqualTo(1));
        assertThat(versions.get(2).changeset().properties()).containsExactly("product");
    }

    @DatabaseTest
    void anEmbeddedIdEntityIsFoundAsOfATransactionAndReverted(Db db) {
        givenAnOrderLineChangedTwice(db);
        long first = db.inTransaction(em ->
                VersionHistory.of(em).versions(OrderLine.class, new LineId(7L, 1)).get(0).transactionId());

        db.run(em -> VersionHistory.of(em).asOf(OrderLine.class, new LineId(7L, 1), first).orElseThrow().revert());

        OrderLine line = db.inTransaction(em -> em.find(OrderLine.class, new LineId(7L, 1)));
        assertThat(line.product).isEqualTo("tea");
        assertThat(line.quantity).isEqualTo(1);
        OrderLine untouched = db.inTransaction(em -> em.find(OrderLine.class, new LineId(7L, 2)));
        assertThat(untouched.product).isEqualTo("cake");
        long count = db.inTransaction(em -> VersionHistory.of(em).count(OrderLine.class, new LineId(7L, 1)));
        assertThat(count).isEqualTo(4L);
    }

    private static void givenASeatChangedTwice(Db db) {
        db.run(em -> {
            for (String hall : List.of("A", "B")) {
                Seat seat = new Seat();
                seat.hall = hall;
                seat.number = 1;
                seat.holder = "nobody";
                em.persist(seat);
            }
        });
        db.run(em -> em.find(Seat.class, new SeatKey("A", 1)).holder = "Ada");
        db.run(em -> em.find(Seat.class, new SeatKey("A", 1)).holder = "Grace");
    }

    @DatabaseTest
    void anIdClassEntityHasItsOwnHistoryByIdClassAndByEntity(Db db) {
        givenASeatChangedTwice(db);

        List<Version<Seat>> byKey = db.inTransaction(em ->
                VersionHistory.of(em).versions(Seat.class, new SeatKey("A", 1)));
        List<Version<Seat>> byEntity = db.inTransaction(em ->
                VersionHistory.of(em).versions(em.find(Seat.class, new SeatKey("A", 1))));

        assertThat(byKey).extracting(v -> v.entity().holder).containsExactly("nobody", "Ada", "Grace");
        assertThat(byEntity).extracting(Version::transactionId)
                .containsExactlyElementsOf(byKey.stream().map(Version::transactionId).toList());
        Version<Seat> last = byKey.get(2);
        assertThat(last.id()).isEqualTo(new SeatKey("A", 1));
        assertThat(last.entity().hall).isEqualTo("A");
        assertThat(last.entity().number).isEqualTo(1);
        assertThat(last.changeset().properties()).containsExactly("holder");
        assertThat(last.previous()).hasValueSatisfying(v -> assertThat(v.entity().holder).isEqualTo("Ada"));
        assertThat(byKey.get(0).next()).hasValueSatisfying(v -> assertThat(v.index()).isEqualTo(1));
        long count = db.inTransaction(em -> VersionHistory.of(em).count(Seat.class, new SeatKey("B", 1)));
        assertThat(count).isEqualTo(1L);
    }

    @DatabaseTest
    void anIdClassEntityIsFoundAsOfATransactionRevertedAndReCreated(Db db) {
        givenASeatChangedTwice(db);
        long first = db.inTransaction(em ->
                VersionHistory.of(em).versions(Seat.class, new SeatKey("A", 1)).get(0).transactionId());
        db.run(em -> em.remove(em.find(Seat.class, new SeatKey("B", 1))));

        db.run(em -> VersionHistory.of(em).asOf(Seat.class, new SeatKey("A", 1), first).orElseThrow().revert());
        db.run(em -> VersionHistory.of(em).asOf(Seat.class, new SeatKey("B", 1), first).orElseThrow().revert());

        Seat reverted = db.inTransaction(em -> em.find(Seat.class, new SeatKey("A", 1)));
        assertThat(reverted.holder).isEqualTo("nobody");
        Seat recreated = db.inTransaction(em -> em.find(Seat.class, new SeatKey("B", 1)));
        assertThat(recreated.holder).isEqualTo("nobody");
        List<Version<Seat>> history = db.inTransaction(em ->
                VersionHistory.of(em).versions(Seat.class, new SeatKey("B", 1)));
        assertThat(history).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT);
    }

    @DatabaseTest
    void anIdClassEntityIsUndoneToItsPreviousVersion(Db db) {
        givenASeatChangedTwice(db);

        db.run(em -> VersionHistory.of(em).undo(Seat.class, new SeatKey("A", 1)));

        String holder = db.inTransaction(em -> em.find(Seat.class, new SeatKey("A", 1)).holder);
        assertThat(holder).isEqualTo("Ada");
    }

    @DatabaseTest
    void anIdClassEntityLookedUpByAnotherKeyTypeNamesTheIdClass(Db db) {
        assertThatThrownBy(() -> db.inTransaction(em -> VersionHistory.of(em).versions(Seat.class, "A")))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessage("The identifier of Seat is a SeatKey, but a String (A) was given; pass the SeatKey "
                        + "identifier");
    }
}
