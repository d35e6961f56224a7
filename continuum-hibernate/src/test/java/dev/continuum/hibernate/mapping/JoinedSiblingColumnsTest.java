package dev.continuum.hibernate.mapping;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sibling JOINED subclasses whose own tables have columns of the same name (a colour, a foreign
 * key), and a subclass column named like a root column: each attribute is read from its own table.
 */
@Model(value = {JoinedSiblingColumnsTest.Owner.class, JoinedSiblingColumnsTest.Craft.class,
        JoinedSiblingColumnsTest.Kayak.class, JoinedSiblingColumnsTest.Canoe.class},
        properties = {"continuum.transaction_table=sib_tx", "continuum.transaction_sequence=sib_tx_seq",
                "continuum.undo_table=sib_undo"})
class JoinedSiblingColumnsTest {

    @Entity(name = "SibOwner")
    @Table(name = "sib_owner")
    @Versioned
    static class Owner {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "owner")
        @OrderBy("id")
        List<Kayak> kayaks = new ArrayList<>();
        @OneToMany(mappedBy = "owner")
        @OrderBy("id")
        List<Canoe> canoes = new ArrayList<>();
    }

    @Entity(name = "SibCraft")
    @Table(name = "sib_craft")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    abstract static class Craft {
        @Id
        Long id;
        String label;
    }

    @Entity(name = "SibKayak")
    @Table(name = "sib_kayak")
    @Versioned
    static class Kayak extends Craft {
        /** In its own table under the name of the root's {@code label} column. */
        @Column(name = "label")
        String maker;
        String colour;
        @ManyToOne
        Owner owner;
    }

    @Entity(name = "SibCanoe")
    @Table(name = "sib_canoe")
    @Versioned
    static class Canoe extends Craft {
        String colour;
        int seats;
        @ManyToOne
        Owner owner;
    }

    private static void givenAKayakAndACanoe(Db db) {
        db.run(em -> {
            Owner ada = new Owner();
            ada.id = 1L;
            ada.name = "Ada";
            em.persist(ada);
            Kayak kayak = new Kayak();
            kayak.id = 10L;
            kayak.label = "kayak";
            kayak.colour = "red";
            kayak.maker = "Ada's yard";
            kayak.owner = ada;
            em.persist(kayak);
            Canoe canoe = new Canoe();
            canoe.id = 20L;
            canoe.label = "canoe";
            canoe.colour = "green";
            canoe.seats = 2;
            canoe.owner = ada;
            em.persist(canoe);
        });
        db.run(em -> em.find(Canoe.class, 20L).colour = "blue");
    }

    @DatabaseTest
    void eachSubclassReadsItsOwnColumnOfASharedName(Db db) {
        givenAKayakAndACanoe(db);

        List<String> canoe = db.inTransaction(em -> VersionHistory.of(em).versions(Craft.class, 20L).stream()
                .map(v -> ((Canoe) v.entity()).colour + "/" + ((Canoe) v.entity()).seats).toList());
        List<String> kayak = db.inTransaction(em -> VersionHistory.of(em).versions(Craft.class, 10L).stream()
                .map(v -> ((Kayak) v.entity()).colour + "/" + v.entity().label + "/" + ((Kayak) v.entity()).maker)
                .toList());
        List<String> all = db.inTransaction(em -> {
            VersionHistory history = VersionHistory.of(em);
            long latest = history.versions(Craft.class, 20L).get(1).transactionId();
            return history.allAsOf(Craft.class, latest, 0, 10).stream()
                    .map(Version::entity)
                    .map(c -> c instanceof Kayak k ? "kayak " + k.colour : "canoe " + ((Canoe) c).colour)
                    .toList();
        });

        assertThat(canoe).containsExactly("green/2", "blue/2");
        assertThat(kayak).containsExactly("red/kayak/Ada's yard");
        assertThat(all).containsExactlyInAnyOrder("kayak red", "canoe blue");
    }

    @DatabaseTest
    void childrenAreFoundByTheForeignKeyColumnOfTheirOwnTable(Db db) {
        givenAKayakAndACanoe(db);

        List<String> crafts = db.inTransaction(em -> {
            Owner owner = VersionHistory.of(em).versions(Owner.class, 1L).get(0).entity();
            List<String> names = new ArrayList<>();
            owner.kayaks.forEach(k -> names.add("kayak " + k.id + " " + k.colour));
            owner.canoes.forEach(c -> names.add("canoe " + c.id + " " + c.colour));
            return names;
        });

        assertThat(crafts).containsExactly("kayak 10 red", "canoe 20 green");
    }
}
