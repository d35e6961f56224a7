package dev.continuum.hibernate.flushwrites;

import dev.continuum.ActivityStream;
import dev.continuum.ConcurrentHistoryException;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.VersionRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code continuum.write_at=flush}: each flush writes the versions of what it flushed, a later
 * flush rewrites them by the merge rules of one transaction, and the history equals the one
 * written at commit; a transaction whose closing meets a version of a transaction with a larger
 * id fails; features that need commit-time writes are refused at boot.
 */
@Model(value = {Note.class, Shelf.class}, properties = {ContinuumSettings.TRANSACTION_CHANGES + "=true",
        ContinuumSettings.ACTIVITIES + "=true"})
class FlushWritesTest {

    private static final Map<String, String> FLUSH = Map.of(ContinuumSettings.WRITE_AT, "flush",
            "hibernate.hbm2ddl.auto", "none");

    @DatabaseTest
    void batchesFlushedAndClearedWriteTheSameHistoryAsAtCommit(Db db) {
        scenario(db.emf(), 0);
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            scenario(flush, 1000);
        }

        assertThat(history(db, "select id - ? as id, text, operation_type, transaction_id, end_transaction_id "
                + "from note_version where id > ? and id <= ? order by id, transaction_id", 1000))
                .hasSizeGreaterThan(250)
                .isEqualTo(history(db, "select id - ? as id, text, operation_type, transaction_id, "
                        + "end_transaction_id from note_version where id > ? and id <= ? order by id, transaction_id",
                        0));
        assertThat(history(db, "select id - ? as id, name, operation_type, transaction_id, end_transaction_id "
                + "from shelf_version where id > ? and id <= ? order by id, transaction_id", 1000))
                .hasSizeGreaterThan(20)
                .isEqualTo(history(db, "select id - ? as id, name, operation_type, transaction_id, "
                        + "end_transaction_id from shelf_version where id > ? and id <= ? order by id, transaction_id",
                        0));
        assertThat(history(db, "select shelf_id - ? as id, label, operation_type, transaction_id, end_transaction_id "
                + "from shelf_label_version where shelf_id > ? and shelf_id <= ? order by shelf_id, label, "
                + "transaction_id", 1000))
                .hasSizeGreaterThan(20)
                .isEqualTo(history(db, "select shelf_id - ? as id, label, operation_type, transaction_id, "
                        + "end_transaction_id from shelf_label_version where shelf_id > ? and shelf_id <= ? "
                        + "order by shelf_id, label, transaction_id", 0));
        assertThat(db.count("transaction")).isEqualTo(6);
    }

    @DatabaseTest
    void aLaterFlushRewritesTheVersionAnEarlierFlushWroteByTheMergeRules(Db db) {
        db.run(em -> {
            em.persist(new Note(3L, "three"));
            em.persist(new Note(4L, "four"));
            em.persist(new Note(5L, "five"));
        });
        db.run(em -> em.remove(em.find(Note.class, 5L)));
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            Db.inTransaction(flush, em -> {
                em.persist(new Note(1L, "inserted"));
                em.persist(new Note(2L, "inserted"));
                em.find(Note.class, 3L).setText("updated");
                em.find(Note.class, 4L).setText("updated");
                em.persist(new Note(5L, "re-created"));
                flushAndClear(em);
                assertThat(((Number) em.createNativeQuery("select count(*) from note_version").getSingleResult())
                        .longValue()).as("written at the flush, before commit").isEqualTo(9);
                em.find(Note.class, 1L).setText("then updated");
                em.remove(em.find(Note.class, 2L));
                em.find(Note.class, 3L).setText("updated again");
                em.remove(em.find(Note.class, 4L));
                em.remove(em.find(Note.class, 5L));
                return null;
            });
        }

        assertThat(rows(db, 1)).containsExactly(List.of("then updated", 0, true));
        assertThat(rows(db, 2)).isEmpty();
        assertThat(rows(db, 3)).containsExactly(List.of("three", 0, false), List.of("updated again", 1, true));
        assertThat(rows(db, 4)).containsExactly(List.of("four", 0, false), List.of("updated", 2, true));
        // re-created then deleted again: nothing, and its deletion is the current version again
        assertThat(rows(db, 5)).containsExactly(List.of("five", 0, false), List.of("five", 2, true));
    }

    @DatabaseTest
    void aRollbackLeavesNoneOfTheVersionsItsFlushesWrote(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            EntityManager em = flush.createEntityManager();
            em.getTransaction().begin();
            for (long id = 1; id <= 100; id++) {
                em.persist(new Note(id, "n" + id));
                if (id % 10 == 0) {
                    flushAndClear(em);
                }
            }
            assertThat(db.count("note_version")).isZero(); // not committed: another connection sees nothing
            em.getTransaction().rollback();
            em.close();
        }

        assertThat(db.count("note")).isZero();
        assertThat(db.count("note_version")).isZero();
        assertThat(db.count("transaction")).isZero();
    }

    @DatabaseTest
    void aClosingThatMeetsAVersionOfALaterTransactionFailsTheTransaction(Db db) {
        // note 3 keeps the first transaction's version row of note 1000 out of the range the
        // second's closing of note 1 locks on InnoDB, which would wait for the first to end
        db.run(em -> {
            em.persist(new Note(1L, "first"));
            em.persist(new Note(3L, "between"));
        });
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            EntityManager a = flush.createEntityManager();
            a.getTransaction().begin();
            a.persist(new Note(1000L, "takes its id"));
            a.flush();
            // a second transaction takes the next id, changes note 1 and commits while the first is open
            Db.inTransaction(flush, b -> {
                b.find(Note.class, 1L).setText("by the second");
                return null;
            });
            a.find(Note.class, 1L).setText("by the first");

            Throwable thrown = catchThrowable(a::flush);

            assertThat(thrown).isInstanceOf(ConcurrentHistoryException.class)
                    .hasMessageContaining("note_version")
                    .hasMessageContaining("Retry the transaction");
            assertThat(a.getTransaction().getRollbackOnly()).isTrue();
            a.getTransaction().rollback();
            a.close();

            assertThat(rows(db, 1)).containsExactly(List.of("first", 0, false), List.of("by the second", 1, true));
            assertThat(rows(db, 1000)).isEmpty();

            Db.inTransaction(flush, retry -> {
                retry.persist(new Note(1000L, "takes its id"));
                retry.flush();
                retry.find(Note.class, 1L).setText("by the first");
                return null;
            });
        }
        assertThat(rows(db, 1)).containsExactly(List.of("first", 0, false), List.of("by the second", 1, false),
                List.of("by the first", 1, true));
    }

    @DatabaseTest
    void eachChangedEntityTypeIsRecordedOnceWhateverTheNumberOfFlushes(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            Db.inTransaction(flush, em -> {
                em.persist(new Note(1L, "one"));
                flushAndClear(em);
                em.persist(new Note(2L, "two"));
                flushAndClear(em);
                em.persist(new Shelf(1L, "shelf"));
                return null;
            });
        }

        assertThat(db.rows("select entity_name from transaction_changes"))
                .extracting(row -> row.get("entity_name"))
                .containsExactlyInAnyOrder(Note.class.getName(), Shelf.class.getName());
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void activitiesAreWrittenAtCommitPointingAtTheVersionsTheFlushesWrote(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            Db.inTransaction(flush, em -> {
                em.persist(new Note(1L, "one"));
                ActivityStream.of(em).record("wrote", em.find(Note.class, 1L));
                flushAndClear(em);
                em.find(Note.class, 1L).setText("edited");
                flushAndClear(em);
                ActivityStream.of(em).record("edited", em.find(Note.class, 1L));
                return null;
            });
        }

        Object transaction = db.rows("select id from transaction").get(0).get("id");
        assertThat(db.rows("select verb, transaction_id, object_transaction_id from transaction_activity "
                + "order by activity_index"))
                .extracting(row -> List.of(row.get("verb"), VersionRows.number(row.get("transaction_id")),
                        VersionRows.number(row.get("object_transaction_id"))))
                .containsExactly(List.of("wrote", VersionRows.number(transaction), VersionRows.number(transaction)),
                        List.of("edited", VersionRows.number(transaction), VersionRows.number(transaction)));
        assertThat(rows(db, 1)).containsExactly(List.of("edited", 0, true));
    }

    @DatabaseTest
    void featuresThatNeedTheWholeTransactionAreRefusedAtBoot(Db db) {
        assertThat(refusal(db, Map.of(ContinuumSettings.INTEGRITY, "hash-chain"), List.of(Note.class)))
                .contains(ContinuumSettings.INTEGRITY).contains("'commit'");
        assertThat(refusal(db, Map.of(ContinuumSettings.STRATEGY, "subquery"), List.of(Note.class)))
                .contains(ContinuumSettings.STRATEGY);
        assertThat(refusal(db, Map.of(ContinuumSettings.MODIFIED_FLAGS, "true"), List.of(Note.class)))
                .contains("Note has modification flags");
        assertThat(refusal(db, Map.of(), List.of(Crate.class)))
                .contains(Crate.class.getName() + ".items is a bag").contains("@OrderColumn");
        assertThat(refusal(db, Map.of(), List.of(Tray.class)))
                .contains(Tray.class.getName() + ".items has nullable element columns").contains("nullable = false");
        assertThat(refusal(db, Map.of(ContinuumSettings.WRITE_AT, "sometimes"), List.of(Note.class)))
                .contains(ContinuumSettings.WRITE_AT + " is 'sometimes'");
    }

    /** The message of the configuration error that building a unit with flush writes and {@code extra} fails with. */
    static String refusal(Db db, Map<String, String> extra, List<Class<?>> classes) {
        Map<String, String> properties = new HashMap<>(FLUSH);
        properties.put(ContinuumSettings.SCHEMA_VALIDATION, "false"); // refused before any table is needed
        properties.putAll(extra);
        Throwable thrown = catchThrowable(() -> db.build(properties, classes).close());
        Throwable root = thrown;
        while (root != null && !(root instanceof ConfigurationException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ConfigurationException.class);
        return root.getMessage();
    }

    /**
     * Three transactions over notes and shelves {@code base + 1}..., flushing and clearing the
     * session every few changes, each merge rule spread over two flushes.
     */
    private static void scenario(EntityManagerFactory factory, long base) {
        Db.inTransaction(factory, em -> {
            for (int i = 1; i <= 120; i++) {
                em.persist(new Note(base + i, "n" + i));
                if (i % 25 == 0) {
                    flushAndClear(em);
                }
            }
            for (int i = 1; i <= 12; i++) {
                Shelf shelf = new Shelf(base + i, "s" + i);
                shelf.getLabels().addAll(List.of("a", "b"));
                em.persist(shelf);
            }
            return null;
        });
        Db.inTransaction(factory, em -> {
            for (int i = 1; i <= 120; i++) {
                Note note = em.find(Note.class, base + i);
                if (i % 7 == 0) {
                    em.remove(note);
                } else {
                    note.setText("u" + i);
                }
                if (i % 25 == 0) {
                    flushAndClear(em);
                }
            }
            flushAndClear(em);
            for (int i = 1; i <= 20; i++) {
                if (i % 7 != 0) {
                    em.find(Note.class, base + i).setText("v" + i);
                }
            }
            for (int i = 1; i <= 10; i++) {
                Shelf shelf = em.find(Shelf.class, base + i);
                shelf.getLabels().add("c");
                shelf.getLabels().remove("a");
            }
            flushAndClear(em);
            for (int i = 1; i <= 10; i++) {
                Shelf shelf = em.find(Shelf.class, base + i);
                shelf.getLabels().remove("c");
                if (i % 2 == 0) {
                    shelf.setName("t" + i);
                }
            }
            return null;
        });
        Db.inTransaction(factory, em -> {
            for (int i = 121; i <= 140; i++) {
                em.persist(new Note(base + i, "n" + i));
            }
            for (int i = 22; i <= 34; i++) {
                if (i % 7 != 0) {
                    em.find(Note.class, base + i).setText(i <= 30 ? "w" + i : "x" + i);
                }
            }
            em.find(Shelf.class, base + 11).setName("renamed");
            Shelf added = new Shelf(base + 13, "added");
            added.getLabels().add("z");
            em.persist(added);
            flushAndClear(em);
            for (int i = 121; i <= 130; i++) {
                em.find(Note.class, base + i).setText("m" + i);
            }
            for (int i = 131; i <= 140; i++) {
                em.remove(em.find(Note.class, base + i));
            }
            for (int i = 22; i <= 27; i++) {
                em.remove(em.find(Note.class, base + i));
            }
            for (int i = 31; i <= 34; i++) {
                em.remove(em.find(Note.class, base + i));
            }
            flushAndClear(em);
            for (int i = 31; i <= 34; i++) {
                em.persist(new Note(base + i, "again" + i));
            }
            em.remove(em.find(Shelf.class, base + 11));
            em.remove(em.find(Shelf.class, base + 13));
            return null;
        });
    }

    static void flushAndClear(EntityManager em) {
        em.flush();
        em.clear();
    }

    /**
     * The rows of a version query whose first parameter is {@code base} and whose other two bound
     * the ids, the transaction ids replaced by their rank among the run's transactions.
     */
    private static List<List<Object>> history(Db db, String sql, long base) {
        List<Map<String, Object>> rows = db.rows(sql, base, base, base + 1000);
        TreeSet<Long> transactions = new TreeSet<>();
        rows.forEach(row -> transactions.add(VersionRows.number(row.get("transaction_id"))));
        List<Long> ranks = new ArrayList<>(transactions);
        List<List<Object>> normalized = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> values = new ArrayList<>();
            for (Map.Entry<String, Object> column : row.entrySet()) {
                Object value = column.getValue();
                if (column.getKey().endsWith("transaction_id")) {
                    value = value == null ? null : ranks.indexOf(VersionRows.number(value));
                } else if (value instanceof Number number) {
                    value = number.longValue();
                }
                values.add(value);
            }
            normalized.add(values);
        }
        return normalized;
    }

    /** The versions of note {@code id}, oldest first: text, operation, whether open. */
    private static List<List<Object>> rows(Db db, long id) {
        return db.rows("select text, operation_type, end_transaction_id from note_version where id = ? "
                + "order by transaction_id", id).stream()
                .map(row -> List.<Object>of(row.get("text"), VersionRows.operation(row),
                        row.get("end_transaction_id") == null))
                .toList();
    }
}
