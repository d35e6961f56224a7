package dev.continuum.hibernate.mapping;

import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.mapping.MappingModel.LineId;
import dev.continuum.hibernate.mapping.MappingModel.OrderLine;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories of entities with an embedded composite key read, navigate and revert like any other. */
@Model(value = OrderLine.class,
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
}
