package dev.continuum.hibernate.relations;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.LazyModel.Car;
import dev.continuum.hibernate.relations.LazyModel.Depot;
import dev.continuum.hibernate.relations.LazyModel.Garage;
import dev.continuum.hibernate.relations.LazyModel.SportsCar;
import dev.continuum.hibernate.relations.LazyModel.Vehicle;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-to-many whose foreign key lives in the level table of a JOINED subclass is read as of each version. */
@Model(value = {Garage.class, Vehicle.class, Car.class, SportsCar.class, Depot.class}, properties = StatementCounter.PROPERTY)
class JoinedChildrenAsOfTest {

    @DatabaseTest
    void theChildrenOfAJoinedSubclassAreThoseWhoseLevelRowsHeldTheOwnersKeyThen(Db db) {
        db.run(em -> {
            Garage garage = new Garage(1L, "north");
            em.persist(garage);
            em.persist(new Garage(2L, "south"));
            em.persist(new Car(1L, "A-1", "beetle", garage));
        });
        db.run(em -> {
            em.find(Garage.class, 1L).name = "North";
            em.find(Car.class, 1L).model = "Beetle";
            em.persist(new Car(2L, "B-2", "mini", em.find(Garage.class, 1L)));
        });
        db.run(em -> {
            em.find(Garage.class, 1L).name = "NORTH";
            em.find(Car.class, 1L).garage = em.find(Garage.class, 2L);
        });

        EntityManager em = db.emf().createEntityManager();
        try {
            List<Version<Garage>> versions = VersionHistory.of(em).versions(Garage.class, 1L);
            StatementCounter.reset();
            List<List<String>> cars = versions.stream()
                    .map(v -> v.entity().cars.stream().map(c -> c.plate + " " + c.model).toList()).toList();

            assertThat(cars).containsExactly(List.of("A-1 beetle"), List.of("A-1 Beetle", "B-2 mini"),
                    List.of("B-2 mini"));
            assertThat(StatementCounter.statements()).hasSize(1);
            Car car = versions.get(1).entity().cars.get(0);
            assertThat(car.garage.id).isEqualTo(1L);
            assertThat(em.contains(car)).isFalse();
        } finally {
            em.close();
        }
    }

    @DatabaseTest
    void aPointInTimeReadSeesTheJoinedChildrenOfThatTransaction(Db db) {
        db.run(em -> {
            Garage garage = new Garage(1L, "north");
            em.persist(garage);
            em.persist(new Car(1L, "A-1", "beetle", garage));
        });
        long first = db.inTransaction(em -> VersionHistory.of(em).versions(Garage.class, 1L).get(0).transactionId());
        db.run(em -> em.remove(em.find(Car.class, 1L)));

        List<String> then = db.inTransaction(em -> VersionHistory.of(em).asOf(Garage.class, 1L, first).orElseThrow()
                .entity().cars.stream().map(c -> c.model).toList());
        List<String> now = db.inTransaction(em -> VersionHistory.of(em).versions(Garage.class, 1L).get(0)
                .entity().cars.stream().map(c -> c.model).toList());

        assertThat(then).containsExactly("beetle");
        assertThat(now).containsExactly("beetle");
    }

    @DatabaseTest
    void childrenTwoLevelsDownAreReadWithTheirOwnLevel(Db db) {
        db.run(em -> {
            Garage garage = new Garage(1L, "north");
            em.persist(garage);
            em.persist(new SportsCar(1L, "S-1", "spider", garage, 300));
            em.persist(new Car(2L, "C-2", "mini", garage));
        });
        db.run(em -> ((SportsCar) em.find(Car.class, 1L)).horsepower = 320);

        List<String> cars = db.inTransaction(em -> VersionHistory.of(em).versions(Garage.class, 1L).get(0)
                .entity().cars.stream().map(c -> c.getClass().getSimpleName() + " " + c.model
                        + (c instanceof SportsCar s ? " " + s.horsepower : "")).toList());

        assertThat(cars).containsExactly("SportsCar spider 300", "Car mini");
    }

    @DatabaseTest
    void aJoinColumnOneToManyOfAJoinedSubclassHoldsTheCarsParkedThen(Db db) {
        db.run(em -> {
            em.persist(new Car(1L, "A-1", "beetle", null));
            em.persist(new Car(2L, "B-2", "mini", null));
            Depot depot = new Depot(1L, "east");
            depot.parked.add(em.find(Car.class, 1L));
            em.persist(depot);
        });
        db.run(em -> em.find(Depot.class, 1L).parked.add(em.find(Car.class, 2L)));
        db.run(em -> em.find(Depot.class, 1L).parked.remove(em.find(Car.class, 1L)));

        List<List<String>> parked = db.inTransaction(em -> VersionHistory.of(em).versions(Depot.class, 1L).stream()
                .map(v -> v.entity().parked.stream().map(c -> c.plate).toList()).toList());

        assertThat(parked).containsExactly(List.of("A-1"), List.of("A-1", "B-2"), List.of("B-2"));
    }
}
