package dev.continuum.hibernate.nativemode;

import dev.continuum.Version;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same entity changes, made once on an entity versioned natively and once on one versioned
 * through Hibernate's events, read back through the history API: the two modes record the same
 * versions, states and changesets, for every kind of column the triggers copy.
 */
@Model({Specimen.class, EventSpecimen.class})
class NativeAgainstEventModeTest {

    /** One transaction's work on the specimen of the given type. */
    private interface Step extends BiConsumer<EntityManager, Class<? extends SpecimenState>> {
    }

    @DatabaseTest
    void everyColumnTypeSetToNullAndBackIsRecordedAsTheListenersRecordIt(Db db) {
        List<Step> steps = List.of(
                (em, type) -> em.persist(create(type, 1L, "Hello")),
                (em, type) -> em.find(type, 1L).clear(),
                (em, type) -> em.find(type, 1L).fill("Hello"),
                (em, type) -> em.find(type, 1L).setAmount(new BigDecimal("1234.5")),
                (em, type) -> em.find(type, 1L).setAmount(new BigDecimal("1234.501")),
                (em, type) -> em.find(type, 1L).setFlag(false),
                (em, type) -> em.find(type, 1L).setPayload(new byte[] {0, 1, 2, 3}),
                (em, type) -> em.find(type, 1L).setNote("only the excluded property"),
                (em, type) -> em.remove(em.find(type, 1L)));

        assertSameHistory(db, steps, 1L);
    }

    @DatabaseTest
    void aChangeOfOnlyTheCaseOrTrailingSpacesOfATextIsAChange(Db db) {
        List<Step> steps = List.of(
                (em, type) -> em.persist(create(type, 1L, "Hello")),
                (em, type) -> em.find(type, 1L).setTitle("hello"),
                (em, type) -> em.find(type, 1L).setTitle("hello "),
                (em, type) -> em.find(type, 1L).setTitle("hellö"));

        assertSameHistory(db, steps, 1L);
    }

    @DatabaseTest
    void manyChangesOfOneRowInOneTransactionAreRecordedAsTheListenersRecordThem(Db db) {
        List<Step> steps = List.of(
                (em, type) -> {
                    em.persist(create(type, 1L, "a"));
                    em.flush();
                    em.find(type, 1L).setTitle("b");
                    em.flush();
                    em.find(type, 1L).setTitle("c");
                },
                (em, type) -> {
                    em.find(type, 1L).setTitle("d");
                    em.flush();
                    em.find(type, 1L).setTitle("e");
                    em.flush();
                    em.remove(em.find(type, 1L));
                    em.flush();
                    em.persist(create(type, 1L, "f"));
                    em.persist(create(type, 2L, "g"));
                },
                (em, type) -> {
                    em.find(type, 1L).setTitle("h");
                    em.flush();
                    em.find(type, 1L).setTitle("f");
                    em.remove(em.find(type, 2L));
                },
                (em, type) -> {
                    em.remove(em.find(type, 1L));
                    em.flush();
                    em.persist(create(type, 1L, "i"));
                    em.flush();
                    em.remove(em.find(type, 1L));
                });

        assertSameHistory(db, steps, 1L);
        assertThat(history(db, Specimen.class, 2L)).isEqualTo(history(db, EventSpecimen.class, 2L));
    }

    @DatabaseTest
    void anIdInsertedAgainInATransactionAfterItsDeletionIsRecordedAsTheListenersRecordIt(Db db) {
        List<Step> steps = List.of(
                (em, type) -> em.persist(create(type, 1L, "a")),
                (em, type) -> em.remove(em.find(type, 1L)),
                (em, type) -> em.persist(create(type, 1L, "b")));

        assertSameHistory(db, steps, 1L);
    }

    private static SpecimenState create(Class<? extends SpecimenState> type, long id, String title) {
        SpecimenState specimen = type == Specimen.class ? new Specimen(id) : new EventSpecimen(id);
        specimen.fill(title);
        return specimen;
    }

    /** Runs each step in a transaction of its own on both entities and compares their histories. */
    private static void assertSameHistory(Db db, List<Step> steps, long id) {
        for (Step step : steps) {
            db.run(em -> step.accept(em, Specimen.class));
            db.run(em -> step.accept(em, EventSpecimen.class));
        }
        List<String> event = history(db, EventSpecimen.class, id);
        assertThat(event).isNotEmpty();
        assertThat(history(db, Specimen.class, id)).isEqualTo(event);
    }

    /**
     * What the history API reads of one specimen: per version its operation, state, changed
     * properties, and how previous, next and asOf relate it to its neighbours (transaction ids are
     * not compared: both modes share one sequence).
     */
    static List<String> history(Db db, Class<? extends SpecimenState> type, long id) {
        return db.read(history -> {
            List<? extends Version<? extends SpecimenState>> versions = history.versions(type, id);
            List<String> read = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                Version<? extends SpecimenState> version = versions.get(i);
                String asOf = history.asOf(type, id, version.transactionId())
                        .map(found -> found.index() + ":" + found.entity().state()).orElse("none");
                read.add(version.operation() + " " + version.entity().state() + " changed "
                        + version.changeset().properties() + " previous "
                        + version.previous().map(Version::index).orElse(-1) + " next "
                        + version.next().map(Version::index).orElse(-1) + " asOf " + asOf + " open "
                        + version.endTransactionId().isEmpty());
            }
            return read;
        });
    }
}
