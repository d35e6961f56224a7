package dev.continuum.hibernate.concurrency;

import dev.continuum.hibernate.concurrency.ConcurrencyModel.Shelf;
import dev.continuum.hibernate.concurrency.ConcurrencyModel.Tag;
import dev.continuum.hibernate.concurrency.Writers.Isolation;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import dev.continuum.hibernate.testing.VersionRows;
import jakarta.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions whose only change to a shared entity is to its collections (an element collection
 * and a many-to-many, one or both), many at once over two persistence units: the entity's live row is not
 * written by Hibernate, yet every committed transaction leaves exactly one version of it, and the
 * versions form one intact chain with a single open version. The collection rows' own histories
 * hold one open version per row that exists.
 *
 * <p>Each writer adds labels and tags of its own and removes only what it added itself, and no
 * collection ever becomes empty, so that plain Hibernate never conflicts. The collection table of
 * labels has a primary key (its element is not null), as has its version table. Lock conflicts are counted: on PostgreSQL under REPEATABLE READ
 * the closing of the version another transaction closed after this one's snapshot is a
 * serialization failure (SQLSTATE 40001), which that level makes the application retry; anywhere
 * else none is expected.
 */
@Model({Shelf.class, Tag.class})
class CollectionOnlyChangesTest {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionOnlyChangesTest.class);
    private static final int THREADS = 6;
    private static final int TRANSACTIONS = 50;
    private static final int SHELVES = 3;
    private static final int TAGS_PER_WRITER = 8;

    @DatabaseTest
    void readCommitted(Db db) throws Exception {
        changeCollectionsOnly(db, Isolation.READ_COMMITTED);
    }

    @DatabaseTest
    void repeatableRead(Db db) throws Exception {
        changeCollectionsOnly(db, Isolation.REPEATABLE_READ);
    }

    /** One change of a shelf's collections: a label or tag added or removed. */
    private record Step(long shelf, boolean add, String label, Long tag) {

        void apply(EntityManager em) {
            Shelf shelf = em.find(Shelf.class, this.shelf);
            if (label != null) {
                if (add) {
                    shelf.labels.add(label);
                } else {
                    shelf.labels.remove(label);
                }
            } else if (add) {
                shelf.tags.add(em.getReference(Tag.class, tag));
            } else {
                shelf.tags.removeIf(t -> t.getId().equals(tag));
            }
        }
    }

    /** What one writer has added to each shelf and not removed; touched only by its own thread. */
    private static final class Holdings {
        final Map<Long, Set<String>> labels = new HashMap<>();
        final Map<Long, Set<Long>> tags = new HashMap<>();
        final Random random;
        List<Step> planned;

        Holdings(int writer) {
            this.random = new Random(writer);
        }

        /** The steps of the next transaction: one shelf, one or two net changes of its collections. */
        List<Step> plan(int writer, int transaction) {
            long shelf = 1 + random.nextInt(SHELVES);
            List<Step> steps = new ArrayList<>();
            steps.add(step(writer, transaction, shelf, random.nextInt(4)));
            if (random.nextBoolean()) {
                // the other collection too
                steps.add(step(writer, transaction, shelf, steps.get(0).label == null ? 0 : 2));
            }
            return steps;
        }

        private Step step(int writer, int transaction, long shelf, int kind) {
            Set<String> ownLabels = labels.computeIfAbsent(shelf, k -> new HashSet<>());
            Set<Long> ownTags = tags.computeIfAbsent(shelf, k -> new HashSet<>());
            switch (kind) {
                case 0:
                    if (!ownLabels.isEmpty()) {
                        return new Step(shelf, false, ownLabels.iterator().next(), null);
                    }
                    break;
                case 1:
                    for (long t = 0; t < TAGS_PER_WRITER; t++) {
                        long tag = tagId(writer, t);
                        if (!ownTags.contains(tag)) {
                            return new Step(shelf, true, null, tag);
                        }
                    }
                    break;
                case 2:
                    if (!ownTags.isEmpty()) {
                        return new Step(shelf, false, null, ownTags.iterator().next());
                    }
                    break;
                default:
                    break;
            }
            return new Step(shelf, true, "w" + writer + "-" + transaction + "-" + shelf, null);
        }

        void committed(List<Step> steps) {
            for (Step step : steps) {
                if (step.label != null) {
                    if (step.add) {
                        labels.get(step.shelf).add(step.label);
                    } else {
                        labels.get(step.shelf).remove(step.label);
                    }
                } else if (step.add) {
                    tags.get(step.shelf).add(step.tag);
                } else {
                    tags.get(step.shelf).remove(step.tag);
                }
            }
        }
    }

    private static long tagId(int writer, long number) {
        return 1000L + writer * 100L + number;
    }

    private static void changeCollectionsOnly(Db db, Isolation isolation) throws Exception {
        db.run(em -> {
            Tag common = new Tag(1L);
            em.persist(common);
            for (long id = 1; id <= SHELVES; id++) {
                Shelf shelf = new Shelf(id);
                // never removed: a collection that becomes empty is deleted by its owner key, taking
                // rows other transactions added since it was loaded (Hibernate's one-shot delete)
                shelf.labels.add("common");
                shelf.tags.add(common);
                em.persist(shelf);
            }
            for (int writer = 0; writer < THREADS; writer++) {
                for (long t = 0; t < TAGS_PER_WRITER; t++) {
                    em.persist(new Tag(tagId(writer, t)));
                }
            }
        });
        Holdings[] holdings = new Holdings[THREADS];
        for (int writer = 0; writer < THREADS; writer++) {
            holdings[writer] = new Holdings(writer);
        }
        AtomicIntegerArray changes = new AtomicIntegerArray(SHELVES + 1);
        long started = System.nanoTime();
        boolean serializationFailuresExpected = db.database() == TestDatabase.POSTGRESQL
                && isolation == Isolation.REPEATABLE_READ;
        try (Writers writers = new Writers(db, 2, isolation)) {
            try {
                writers.run(THREADS, TRANSACTIONS, true, (writer, transaction, em) -> {
                    Holdings own = holdings[writer];
                    if (own.planned == null) {
                        own.planned = own.plan(writer, transaction);
                    }
                    own.planned.forEach(step -> step.apply(em));
                }, done -> {
                    Holdings own = holdings[done[0]];
                    own.committed(own.planned);
                    changes.incrementAndGet((int) own.planned.get(0).shelf);
                    own.planned = null;
                });
            } finally {
                LOG.info("{} {}: {} threads x {} transactions changing only collections in {} ms: {} retried after a "
                        + "lock conflict, {} of them deadlocks", db.database().displayName(), isolation, THREADS,
                        TRANSACTIONS, (System.nanoTime() - started) / 1_000_000, writers.conflicts(),
                        writers.deadlocks());
                writers.diagnostics().forEach(status -> LOG.warn("InnoDB status after a deadlock:\n{}", status));
            }
            assertThat(writers.deadlocks()).as("deadlocks").isZero();
            if (!serializationFailuresExpected) {
                assertThat(writers.conflicts()).as("transactions that lost a lock conflict").isZero();
            }
        }

        Chains shelves = new Chains(db, "cc_shelf_version", "id");
        assertThat(shelves.breaks()).as("breaks of the shelves' chains").isEmpty();
        assertThat(shelves.severalOpen()).as("shelves with several open versions").isEmpty();
        for (long id = 1; id <= SHELVES; id++) {
            assertThat(shelves.versions(id)).as("versions of shelf %d", id).hasSize(1 + changes.get((int) id));
        }
        assertRowHistories(db, "cc_shelf_label", "label");
        assertRowHistories(db, "cc_shelf_tag", "tag_id");
    }

    /** Each row of a collection table has one intact chain whose open version is not a deletion, and nothing else is open. */
    private static void assertRowHistories(Db db, String table, String element) {
        Chains rows = new Chains(db, table + "_version", "shelf_id", element);
        assertThat(rows.breaks()).as("breaks of the chains of %s", table).isEmpty();
        assertThat(rows.severalOpen()).as("rows of %s with several open versions", table).isEmpty();
        List<Map<String, Object>> open = db.rows("select shelf_id, " + element + " from " + table + "_version"
                + " where end_transaction_id is null and operation_type <> 2 order by shelf_id, " + element);
        List<Map<String, Object>> live = db.rows("select shelf_id, " + element + " from " + table
                + " order by shelf_id, " + element);
        assertThat(open).extracting(row -> VersionRows.number(row.get("shelf_id")) + ":" + row.get(element))
                .containsExactlyElementsOf(live.stream()
                        .map(row -> VersionRows.number(row.get("shelf_id")) + ":" + row.get(element)).toList());
    }
}
