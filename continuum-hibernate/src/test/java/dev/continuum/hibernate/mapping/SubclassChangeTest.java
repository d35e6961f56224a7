package dev.continuum.hibernate.mapping;

import dev.continuum.Changeset;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entity deleted and persisted again under the same identifier as another subclass in one
 * transaction: the tables both classes share record one update, the old class's own tables its
 * deletion, the new class's own tables its insertion.
 */
@Model({SubclassChangeTest.Pet.class, SubclassChangeTest.Cat.class, SubclassChangeTest.Hound.class,
        SubclassChangeTest.Beagle.class, SubclassChangeTest.Token.class, SubclassChangeTest.Coin.class,
        SubclassChangeTest.Chip.class, SubclassChangeTest.Gadget.class, SubclassChangeTest.Phone.class,
        SubclassChangeTest.Watch.class})
class SubclassChangeTest {

    @Entity(name = "Pet")
    @Table(name = "sc_pet")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Pet {
        @Id
        Long id;
        String name;
    }

    @Entity(name = "Cat")
    @Table(name = "sc_cat")
    static class Cat extends Pet {
        Integer lives;
        @ElementCollection
        @CollectionTable(name = "sc_cat_toy", joinColumns = @JoinColumn(name = "cat_id"))
        @Column(name = "toy")
        Set<String> toys = new HashSet<>();
    }

    @Entity(name = "Hound")
    @Table(name = "sc_hound")
    static class Hound extends Pet {
        String breed;
    }

    @Entity(name = "Beagle")
    @Table(name = "sc_beagle")
    static class Beagle extends Hound {
        String toy;
    }

    @Entity(name = "Token")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    @Versioned
    abstract static class Token {
        @Id
        Long id;
        String label;
    }

    @Entity(name = "Coin")
    @Table(name = "sc_coin")
    static class Coin extends Token {
        Integer cents;
    }

    @Entity(name = "Chip")
    @Table(name = "sc_chip")
    static class Chip extends Token {
        String casino;
    }

    @Entity(name = "Gadget")
    @Table(name = "sc_gadget")
    @DiscriminatorColumn(name = "kind")
    @Versioned
    abstract static class Gadget {
        @Id
        Long id;
        String label;
    }

    @Entity(name = "Phone")
    @DiscriminatorValue("phone")
    static class Phone extends Gadget {
        String number;
    }

    @Entity(name = "Watch")
    @DiscriminatorValue("watch")
    static class Watch extends Gadget {
        Integer strap;
    }

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    /** {@code transaction_id/end_transaction_id/operation_type} of each row of a version table, in order. */
    private static List<String> chain(Db db, String table, String key) {
        return db.rows("select transaction_id, end_transaction_id, operation_type from " + table + " where " + key
                + " = 1 order by transaction_id, operation_type desc").stream()
                .map(SubclassChangeTest::describe).toList();
    }

    private static String describe(Map<String, Object> row) {
        Object end = row.get("end_transaction_id");
        return ((Number) row.get("transaction_id")).longValue() + "-" + (end == null ? "open" : ((Number) end).longValue())
                + ":" + ((Number) row.get("operation_type")).intValue();
    }

    private static long lastTransaction(Db db) {
        return ((Number) db.rows("select max(id) as id from transaction").get(0).get("id")).longValue();
    }

    private static Hound hound(String name, String breed) {
        Hound hound = new Hound();
        hound.id = 1L;
        hound.name = name;
        hound.breed = breed;
        return hound;
    }

    private static Cat cat(String name, int lives) {
        Cat cat = new Cat();
        cat.id = 1L;
        cat.name = name;
        cat.lives = lives;
        return cat;
    }

    private static Beagle beagle(String name, String toy) {
        Beagle beagle = new Beagle();
        beagle.id = 1L;
        beagle.name = name;
        beagle.breed = "beagle";
        beagle.toy = toy;
        return beagle;
    }

    /** Removes the pet with id 1 and persists {@code replacement} in its place, in one transaction. */
    private static void replacePet(Db db, Pet replacement) {
        db.run(em -> {
            em.remove(em.find(Pet.class, 1L));
            em.flush();
            em.persist(replacement);
        });
    }

    @DatabaseTest
    void aJoinedSiblingChangeDeletesTheOldLevelAndInsertsTheNewOne(Db db) {
        db.run(em -> em.persist(hound("Rex", "collie")));
        long first = lastTransaction(db);
        replacePet(db, cat("Tom", 9));
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_pet_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:1");
        assertThat(chain(db, "sc_hound_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_cat_version", "id")).containsExactly(second + "-open:0");
        assertThat(db.rows("select breed from sc_hound_version where operation_type = 2").get(0).get("breed"))
                .isEqualTo("collie");

        List<Version<Pet>> versions = read(db, h -> h.versions(Pet.class, 1L));
        assertThat(versions).extracting(Version::operation).containsExactly(Operation.INSERT, Operation.UPDATE);
        assertThat(versions).extracting(v -> (Object) v.entity().getClass()).containsExactly(Hound.class, Cat.class);
        assertThat(((Cat) versions.get(1).entity()).lives).isEqualTo(9);
        assertThat(versions.get(1).entity().name).isEqualTo("Tom");
        // the change is told against the old entity, property by property of the new class
        Changeset<Pet> change = read(db, h -> h.versions(Pet.class, 1L).get(1).changeset());
        assertThat(change.collections()).isEmpty();
        assertThat(change.asMap()).containsOnly(
                Map.entry("name", PropertyChange.of("Rex", "Tom")), Map.entry("lives", PropertyChange.of(null, 9)));

        Pet then = read(db, h -> h.asOf(Pet.class, 1L, first).orElseThrow().entity());
        Pet now = read(db, h -> h.asOf(Pet.class, 1L, second).orElseThrow().entity());
        assertThat(then).isInstanceOf(Hound.class);
        assertThat(((Hound) then).breed).isEqualTo("collie");
        assertThat(now).isInstanceOf(Cat.class);
        boolean previousAlone = read(db, h -> h.asOf(Pet.class, 1L, second).orElseThrow().previous().isPresent());
        assertThat(previousAlone).isFalse();
        List<Version<Hound>> houndsNow = read(db, h -> h.allAsOf(Hound.class, second, 0, 10));
        List<Version<Hound>> houndsThen = read(db, h -> h.allAsOf(Hound.class, first, 0, 10));
        List<Version<Cat>> cats = read(db, h -> h.allAsOf(Cat.class, second, 0, 10));
        List<Version<Pet>> pets = read(db, h -> h.allAsOf(Pet.class, second, 0, 10));
        assertThat(houndsNow).isEmpty();
        assertThat(houndsThen).hasSize(1);
        assertThat(cats).hasSize(1);
        assertThat(pets).extracting(v -> (Object) v.entity().getClass()).containsExactly(Cat.class);
    }

    @DatabaseTest
    void theChangeIsRecordedTheSameWithoutAFlushBetweenDeleteAndInsert(Db db) {
        db.run(em -> em.persist(hound("Rex", "collie")));
        long first = lastTransaction(db);
        db.run(em -> {
            em.remove(em.find(Pet.class, 1L));
            em.persist(cat("Tom", 9));
        });
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_pet_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:1");
        assertThat(chain(db, "sc_hound_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_cat_version", "id")).containsExactly(second + "-open:0");
    }

    @DatabaseTest
    void aJoinedChangeToASuperclassDeletesOnlyTheDroppedLevels(Db db) {
        db.run(em -> em.persist(beagle("Snoopy", "bone")));
        long first = lastTransaction(db);
        replacePet(db, hound("Snoopy", "beagle"));
        long second = lastTransaction(db);
        Pet root = new Pet();
        root.id = 1L;
        root.name = "Snoopy";
        replacePet(db, root);
        long third = lastTransaction(db);

        assertThat(chain(db, "sc_pet_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-" + third + ":1", third + "-open:1");
        assertThat(chain(db, "sc_hound_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-" + third + ":1", third + "-open:2");
        assertThat(chain(db, "sc_beagle_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");

        List<Version<Pet>> versions = read(db, h -> h.versions(Pet.class, 1L));
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        assertThat(versions).extracting(v -> (Object) v.entity().getClass())
                .containsExactly(Beagle.class, Hound.class, Pet.class);
        Pet atSecond = read(db, h -> h.asOf(Pet.class, 1L, second).orElseThrow().entity());
        Pet atThird = read(db, h -> h.asOf(Pet.class, 1L, third).orElseThrow().entity());
        assertThat(atSecond).isExactlyInstanceOf(Hound.class);
        assertThat(atThird).isExactlyInstanceOf(Pet.class);
    }

    @DatabaseTest
    void aJoinedChangeBackToAnEarlierSubclassReopensItsLevel(Db db) {
        db.run(em -> em.persist(beagle("Snoopy", "bone")));
        long first = lastTransaction(db);
        replacePet(db, hound("Snoopy", "beagle"));
        long second = lastTransaction(db);
        replacePet(db, beagle("Snoopy", "ball"));
        long third = lastTransaction(db);

        assertThat(chain(db, "sc_beagle_version", "id")).containsExactly(
                first + "-" + second + ":0", second + "-" + third + ":2", third + "-open:0");
        List<Version<Pet>> versions = read(db, h -> h.versions(Pet.class, 1L));
        assertThat(versions).extracting(v -> (Object) v.entity().getClass())
                .containsExactly(Beagle.class, Hound.class, Beagle.class);
        assertThat(((Beagle) versions.get(2).entity()).toy).isEqualTo("ball");
    }

    @DatabaseTest
    void theOldSubclassCollectionsAreRemovedWithIt(Db db) {
        db.run(em -> {
            Cat cat = cat("Tom", 9);
            cat.toys.add("mouse");
            em.persist(cat);
        });
        long first = lastTransaction(db);
        replacePet(db, hound("Rex", "collie"));
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_cat_toy_version", "cat_id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_cat_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_hound_version", "id")).containsExactly(second + "-open:0");
        List<String> toysThen = read(db, h ->
                List.copyOf(((Cat) h.asOf(Pet.class, 1L, first).orElseThrow().entity()).toys));
        assertThat(toysThen).containsExactly("mouse");
    }

    @DatabaseTest
    void aSubclassChangeUndoneInTheSameTransactionIsAnUpdateOfTheOldClass(Db db) {
        db.run(em -> em.persist(hound("Rex", "collie")));
        long first = lastTransaction(db);
        db.run(em -> {
            em.remove(em.find(Pet.class, 1L));
            em.flush();
            Cat cat = cat("Tom", 9);
            em.persist(cat);
            em.flush();
            em.remove(cat);
            em.flush();
            em.persist(hound("Rex", "sheltie"));
        });
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_pet_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:1");
        assertThat(chain(db, "sc_hound_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:1");
        assertThat(db.count("sc_cat_version")).isZero();
    }

    @DatabaseTest
    void aSubclassChangeThenDeletedInTheSameTransactionIsADeleteOfTheOldClass(Db db) {
        db.run(em -> em.persist(hound("Rex", "collie")));
        long first = lastTransaction(db);
        db.run(em -> {
            em.remove(em.find(Pet.class, 1L));
            em.flush();
            Cat cat = cat("Tom", 9);
            em.persist(cat);
            em.flush();
            em.remove(cat);
        });
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_pet_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_hound_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(db.rows("select name from sc_pet_version where operation_type = 2").get(0).get("name"))
                .isEqualTo("Rex");
        assertThat(db.count("sc_cat_version")).isZero();
    }

    @DatabaseTest
    void aTablePerClassChangeIsADeleteInTheOldTableAndAnInsertInTheNewOne(Db db) {
        db.run(em -> {
            Coin coin = new Coin();
            coin.id = 1L;
            coin.label = "penny";
            coin.cents = 1;
            em.persist(coin);
        });
        long first = lastTransaction(db);
        db.run(em -> {
            em.remove(em.find(Token.class, 1L));
            em.flush();
            Chip chip = new Chip();
            chip.id = 1L;
            chip.label = "chip";
            chip.casino = "Monte Carlo";
            em.persist(chip);
        });
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_coin_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:2");
        assertThat(chain(db, "sc_chip_version", "id")).containsExactly(second + "-open:0");

        List<Version<Token>> versions = read(db, h -> h.versions(Token.class, 1L));
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.DELETE, Operation.INSERT);
        assertThat(versions).extracting(v -> (Object) v.entity().getClass())
                .containsExactly(Coin.class, Coin.class, Chip.class);
        Operation afterFirst = read(db, h -> h.versions(Token.class, 1L).get(0).next().orElseThrow().operation());
        List<Version<Coin>> coins = read(db, h -> h.versions(Coin.class, 1L));
        List<Version<Chip>> chips = read(db, h -> h.versions(Chip.class, 1L));
        Token then = read(db, h -> h.asOf(Token.class, 1L, first).orElseThrow().entity());
        Token now = read(db, h -> h.asOf(Token.class, 1L, second).orElseThrow().entity());
        List<Version<Token>> all = read(db, h -> h.allAsOf(Token.class, second, 0, 10));
        String alone = read(db, h -> {
            Version<Token> inserted = h.asOf(Token.class, 1L, second).orElseThrow();
            return inserted.index() + "/" + inserted.previous().isPresent();
        });
        assertThat(versions.get(2).index()).isEqualTo(2);
        assertThat(versions.get(2).previous().orElseThrow().operation()).isEqualTo(Operation.DELETE);
        assertThat(alone).isEqualTo("1/false");
        assertThat(afterFirst).isEqualTo(Operation.DELETE);
        assertThat(coins).extracting(Version::operation).containsExactly(Operation.INSERT, Operation.DELETE);
        assertThat(chips).extracting(Version::operation).containsExactly(Operation.INSERT);
        assertThat(then).isInstanceOf(Coin.class);
        assertThat(now).isInstanceOf(Chip.class);
        assertThat(all).extracting(v -> (Object) v.entity().getClass()).containsExactly(Chip.class);
    }

    @DatabaseTest
    void aSingleTableChangeIsOneUpdateWithTheNewDiscriminator(Db db) {
        db.run(em -> {
            Phone phone = new Phone();
            phone.id = 1L;
            phone.label = "pocket";
            phone.number = "555";
            em.persist(phone);
        });
        long first = lastTransaction(db);
        db.run(em -> {
            em.remove(em.find(Gadget.class, 1L));
            em.flush();
            Watch watch = new Watch();
            watch.id = 1L;
            watch.label = "wrist";
            watch.strap = 20;
            em.persist(watch);
        });
        long second = lastTransaction(db);

        assertThat(chain(db, "sc_gadget_version", "id"))
                .containsExactly(first + "-" + second + ":0", second + "-open:1");
        assertThat(db.rows("select kind, number, strap from sc_gadget_version where transaction_id = ?", second))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("kind")).isEqualTo("watch");
                    assertThat(row.get("number")).isNull();
                    assertThat(((Number) row.get("strap")).intValue()).isEqualTo(20);
                });
        List<Version<Gadget>> versions = read(db, h -> h.versions(Gadget.class, 1L));
        assertThat(versions).extracting(Version::operation).containsExactly(Operation.INSERT, Operation.UPDATE);
        assertThat(versions).extracting(v -> (Object) v.entity().getClass()).containsExactly(Phone.class, Watch.class);
        assertThat(versions.get(1).changeset().asMap()).containsOnly(
                Map.entry("label", PropertyChange.of("pocket", "wrist")), Map.entry("strap", PropertyChange.of(null, 20)));
    }
}
