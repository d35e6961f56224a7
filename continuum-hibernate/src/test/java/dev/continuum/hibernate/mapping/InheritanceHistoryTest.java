package dev.continuum.hibernate.mapping;

import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.mapping.MappingModel.Animal;
import dev.continuum.hibernate.mapping.MappingModel.Circle;
import dev.continuum.hibernate.mapping.MappingModel.Dog;
import dev.continuum.hibernate.mapping.MappingModel.Puppy;
import dev.continuum.hibernate.mapping.MappingModel.Shape;
import dev.continuum.hibernate.mapping.MappingModel.Square;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the history of JOINED and TABLE_PER_CLASS entities: every level, the right subclass. */
@Model(value = {Animal.class, Dog.class, Puppy.class, Shape.class, Circle.class, Square.class},
        properties = StatementCounter.PROPERTY)
class InheritanceHistoryTest {

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    private static void persistAnimals(Db db) {
        db.run(em -> {
            Animal animal = new Animal();
            animal.id = 1L;
            animal.name = "generic";
            Dog dog = new Dog();
            dog.id = 2L;
            dog.name = "Rex";
            dog.breed = "collie";
            Puppy puppy = new Puppy();
            puppy.id = 3L;
            puppy.name = "Bit";
            puppy.breed = "beagle";
            puppy.toy = "ball";
            em.persist(animal);
            em.persist(dog);
            em.persist(puppy);
        });
    }

    private static void persistShapes(Db db) {
        db.run(em -> {
            Circle circle = new Circle();
            circle.id = 1L;
            circle.color = "red";
            circle.radius = 2.5;
            Square square = new Square();
            square.id = 2L;
            square.color = "blue";
            square.side = 4;
            em.persist(circle);
            em.persist(square);
        });
    }

    @DatabaseTest
    void aJoinedSubclassVersionHoldsTheColumnsOfEveryLevelInOneStatement(Db db) {
        persistAnimals(db);
        db.run(em -> em.find(Dog.class, 2L).breed = "sheltie");
        db.run(em -> em.find(Dog.class, 2L).name = "Max");
        db.run(em -> em.remove(em.find(Dog.class, 2L)));

        StatementCounter.reset();
        List<Version<Dog>> versions = read(db, h -> h.versions(Dog.class, 2L));

        assertThat(StatementCounter.statements()).hasSize(1);
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE, Operation.DELETE);
        assertThat(versions).extracting(v -> (Object) v.entity().getClass()).containsOnly(Dog.class);
        assertThat(versions).extracting(v -> v.entity().name + "/" + v.entity().breed)
                .containsExactly("Rex/collie", "Rex/sheltie", "Max/sheltie", "Max/sheltie");
        assertThat(versions.get(0).changeset().asMap()).containsOnlyKeys("name", "breed");
        assertThat(versions.get(1).changeset().asMap())
                .containsExactly(java.util.Map.entry("breed", PropertyChange.of("collie", "sheltie")));
        assertThat(versions.get(2).changeset().asMap())
                .containsExactly(java.util.Map.entry("name", PropertyChange.of("Rex", "Max")));
    }

    @DatabaseTest
    void aJoinedHistoryReadThroughTheRootTypeBuildsEachSubclass(Db db) {
        persistAnimals(db);
        db.run(em -> em.find(Puppy.class, 3L).toy = "rope");

        List<Version<Animal>> puppy = read(db, h -> h.versions(Animal.class, 3L));
        List<Version<Animal>> animal = read(db, h -> h.versions(Animal.class, 1L));

        assertThat(puppy).extracting(v -> (Object) v.entity().getClass()).containsOnly(Puppy.class);
        assertThat(puppy).extracting(v -> ((Puppy) v.entity()).toy).containsExactly("ball", "rope");
        assertThat(((Puppy) puppy.get(1).entity()).breed).isEqualTo("beagle");
        assertThat(puppy.get(1).changeset().properties()).containsExactly("toy");
        assertThat(animal).singleElement().satisfies(v -> {
            assertThat((Object) v.entity().getClass()).isEqualTo(Animal.class);
            assertThat(v.entity().name).isEqualTo("generic");
        });
    }

    @DatabaseTest
    void joinedPointInTimeFindsTheSubclassAndItsLevels(Db db) {
        persistAnimals(db);
        long first = read(db, h -> h.versions(Dog.class, 2L).get(0).transactionId());
        db.run(em -> em.find(Dog.class, 2L).breed = "sheltie");

        StatementCounter.reset();
        Dog then = read(db, h -> h.asOf(Dog.class, 2L, first).orElseThrow().entity());
        assertThat(StatementCounter.statements()).hasSize(1);
        List<Version<Dog>> dogs = read(db, h -> h.allAsOf(Dog.class, first, 0, 10));
        List<Version<Animal>> animals = read(db, h -> h.allAsOf(Animal.class, first, 0, 10));

        assertThat(then.breed).isEqualTo("collie");
        assertThat(dogs).extracting(v -> v.entity().id).containsExactly(2L, 3L);
        assertThat(dogs.get(1).entity()).isInstanceOf(Puppy.class);
        assertThat(animals).extracting(v -> (Object) v.entity().getClass())
                .containsExactly(Animal.class, Dog.class, Puppy.class);
    }

    @DatabaseTest
    void aTablePerClassEntityIsReadFromItsOwnTable(Db db) {
        persistShapes(db);
        db.run(em -> em.find(Circle.class, 1L).radius = 3.0);
        db.run(em -> em.find(Circle.class, 1L).color = "green");

        StatementCounter.reset();
        List<Version<Circle>> versions = read(db, h -> h.versions(Circle.class, 1L));

        assertThat(StatementCounter.statements()).hasSize(1);
        assertThat(versions).extracting(v -> v.entity().color + "/" + v.entity().radius)
                .containsExactly("red/2.5", "red/3.0", "green/3.0");
        assertThat(versions.get(1).changeset().properties()).containsExactly("radius");
        assertThat(versions.get(2).changeset().get("color")).contains(PropertyChange.of("red", "green"));
    }

    @DatabaseTest
    void theAbstractTablePerClassRootReadsTheUnionOfItsConcreteTables(Db db) {
        persistShapes(db);
        db.run(em -> em.find(Square.class, 2L).side = 5);
        long last = read(db, h -> h.versions(Square.class, 2L).get(1).transactionId());
        db.run(em -> em.remove(em.find(Circle.class, 1L)));

        StatementCounter.reset();
        List<Version<Shape>> square = read(db, h -> h.versions(Shape.class, 2L));
        assertThat(StatementCounter.statements()).hasSize(1);
        Shape circleThen = read(db, h -> h.asOf(Shape.class, 1L, last).orElseThrow().entity());
        List<Version<Shape>> all = read(db, h -> h.allAsOf(Shape.class, last, 0, 10));
        long count = read(db, h -> h.count(Shape.class, 1L));

        assertThat(square).extracting(v -> (Object) v.entity().getClass()).containsOnly(Square.class);
        assertThat(square).extracting(v -> ((Square) v.entity()).side).containsExactly(4.0, 5.0);
        assertThat(square.get(1).changeset().properties()).containsExactly("side");
        assertThat(circleThen).isInstanceOf(Circle.class);
        assertThat(((Circle) circleThen).radius).isEqualTo(2.5);
        assertThat(all).extracting(v -> (Object) v.entity().getClass()).containsExactly(Circle.class, Square.class);
        assertThat(count).isEqualTo(2);
        java.util.Optional<Version<Shape>> deleted = read(db, h -> h.asOf(Shape.class, 1L, Long.MAX_VALUE));
        assertThat(deleted).isEmpty();
    }
}
