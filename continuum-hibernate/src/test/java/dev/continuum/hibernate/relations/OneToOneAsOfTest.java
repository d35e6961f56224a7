package dev.continuum.hibernate.relations;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.relations.LazyModel.Passport;
import dev.continuum.hibernate.relations.LazyModel.Person;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sides of a one-to-one are read as of the version's transaction. */
@Model(value = {Person.class, Passport.class}, properties = StatementCounter.PROPERTY)
class OneToOneAsOfTest {

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    /** Ada holds passport P-1, then it is renumbered, then it passes to Bob and Ada gets P-2. */
    private static void history(Db db) {
        db.run(em -> {
            Person ada = new Person(1L, "Ada");
            em.persist(ada);
            em.persist(new Person(2L, "Bob"));
            em.persist(new Passport(1L, "P-1", ada));
        });
        db.run(em -> {
            em.find(Person.class, 1L).name = "Ada L.";
            em.find(Passport.class, 1L).number = "P-1b";
        });
        db.run(em -> {
            em.find(Person.class, 2L).name = "Bob B.";
            em.find(Passport.class, 1L).holder = em.find(Person.class, 2L);
        });
        db.run(em -> {
            em.find(Person.class, 1L).name = "Ada Lovelace";
            em.persist(new Passport(2L, "P-2", em.find(Person.class, 1L)));
        });
    }

    @DatabaseTest
    void theOwningSideIsTheHoldersVersionThen(Db db) {
        history(db);

        List<String> holders = read(db, h -> h.versions(Passport.class, 1L).stream()
                .map(v -> v.entity().number + " " + v.entity().holder.name).toList());

        assertThat(holders).containsExactly("P-1 Ada", "P-1b Ada L.", "P-1b Bob B.");
    }

    @DatabaseTest
    void theInverseSideIsThePassportWhoseVersionPointedAtThePersonThen(Db db) {
        history(db);

        StatementCounter.reset();
        List<String> passports = read(db, h -> h.versions(Person.class, 1L).stream()
                .map(v -> v.entity().name + " " + (v.entity().passport == null ? "-" : v.entity().passport.number))
                .toList());

        assertThat(passports).containsExactly("Ada P-1", "Ada L. P-1b", "Ada Lovelace P-2");
        assertThat(StatementCounter.statements()).hasSize(2);
    }

    @DatabaseTest
    void theInverseSideIsEmptyWhenNoPassportPointedAtThePersonThen(Db db) {
        history(db);

        List<String> passports = read(db, h -> h.versions(Person.class, 2L).stream()
                .map(v -> v.entity().name + " " + (v.entity().passport == null ? "-" : v.entity().passport.number))
                .toList());

        assertThat(passports).containsExactly("Bob -", "Bob B. P-1b");
    }

    @DatabaseTest
    void aPointInTimeReadExposesBothSidesAsOfThatTransaction(Db db) {
        history(db);
        List<Version<Passport>> versions = read(db, h -> h.versions(Passport.class, 1L));
        long second = versions.get(1).transactionId();

        String person = read(db, h -> {
            Person ada = h.asOf(Person.class, 1L, second).orElseThrow().entity();
            return ada.name + " " + ada.passport.number + " " + ada.passport.holder.id;
        });
        String passport = read(db, h -> {
            Passport p = h.asOf(Passport.class, 1L, second).orElseThrow().entity();
            return p.number + " " + p.holder.name;
        });

        assertThat(person).isEqualTo("Ada L. P-1b 1");
        assertThat(passport).isEqualTo("P-1b Ada L.");
    }
}
