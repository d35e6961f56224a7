package dev.continuum.hibernate.flushwrites;

import dev.continuum.ChangeContext;
import dev.continuum.ContinuumSettings;
import dev.continuum.Version;
import dev.continuum.hibernate.flushwrites.BatchModel.Bin;
import dev.continuum.hibernate.flushwrites.BatchModel.Meter;
import dev.continuum.hibernate.flushwrites.BatchModel.Slot;
import dev.continuum.hibernate.flushwrites.BatchModel.Spot;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.nativemode.Ticket;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.VersionRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.flushwrites.FlushWritesTest.flushAndClear;
import static dev.continuum.hibernate.flushwrites.FlushWritesTest.refusal;
import static dev.continuum.hibernate.flushwrites.FlushWritesBatchTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Probes of {@code continuum.write_at=flush} around transaction boundaries, failures, reads and boot. */
@Model(value = {Note.class, Slot.class, Bin.class}, properties = ContinuumSettings.TRANSACTION_CHANGES + "=true")
class FlushWritesProbeTest {

    private static final Map<String, String> FLUSH = Map.of(ContinuumSettings.WRITE_AT, "flush",
            "hibernate.hbm2ddl.auto", "none");

    @DatabaseTest
    void anEntityManagerReusedAfterARollbackAndACommitWritesEachTransactionItsOwnRow(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH); EntityManager em = flush.createEntityManager()) {
            em.getTransaction().begin();
            em.persist(new Note(1L, "rolled back"));
            em.flush();
            em.getTransaction().rollback();
            em.getTransaction().begin();
            em.persist(new Note(2L, "two"));
            flushAndClear(em);
            em.persist(new Note(3L, "three"));
            em.getTransaction().commit();
            em.getTransaction().begin();
            em.find(Note.class, 2L).setText("two'");
            em.flush();
            em.getTransaction().commit();
        }

        List<Long> transactions = FlushWritesBatchTest.transactionIds(db);
        assertThat(transactions).hasSize(2);
        assertThat(db.rows("select id, text, transaction_id from note_version order by id, transaction_id"))
                .extracting(row -> List.of(VersionRows.number(row.get("id")), row.get("text"),
                        transactions.indexOf(VersionRows.number(row.get("transaction_id")))))
                .containsExactly(List.of(2L, "two", 0), List.of(2L, "two'", 1), List.of(3L, "three", 0));
    }

    @DatabaseTest
    void aFlushThatFailsMidwayThenARollbackLeavesNothingAndTheNextTransactionNothingOfIt(Db db) {
        db.run(em -> em.persist(new Note(1L, "committed")));
        try (EntityManagerFactory flush = db.build(FLUSH); EntityManager em = flush.createEntityManager()) {
            em.getTransaction().begin();
            for (long id = 10; id < 15; id++) {
                em.persist(new Note(id, "n" + id));
            }
            flushAndClear(em);
            em.find(Note.class, 11L).setText("changed");
            em.remove(em.find(Note.class, 12L));
            em.persist(new Note(20L, "before the failure"));
            em.persist(new Note(1L, "duplicate"));
            Throwable thrown = catchThrowable(em::flush);
            assertThat(thrown).isInstanceOf(PersistenceException.class);
            em.getTransaction().rollback();
            em.clear();
            em.getTransaction().begin();
            em.persist(new Note(30L, "next"));
            em.getTransaction().commit();
        }

        assertThat(db.rows("select id, text from note_version order by id"))
                .extracting(row -> List.of(VersionRows.number(row.get("id")), row.get("text")))
                .containsExactly(List.of(1L, "committed"), List.of(30L, "next"));
        assertThat(db.count("transaction")).isEqualTo(2);
        assertThat(db.count("transaction_changes")).isEqualTo(2);
    }

    @DatabaseTest
    @SuppressWarnings("try")
    void theUserAndMetadataAreThoseSetWhenTheFirstFlushWritesTheTransactionRow(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH);
                ChangeContext.Scope user = ChangeContext.open("alice", "10.0.0.1");
                ChangeContext.Scope before = ChangeContext.meta("job", "import")) {
            run(flush, em -> {
                em.persist(new Note(1L, "one"));
                flushAndClear(em);
                try (ChangeContext.Scope after = ChangeContext.meta("phase", "two");
                        ChangeContext.Scope other = ChangeContext.open("bob", null)) {
                    em.persist(new Note(2L, "two"));
                    flushAndClear(em);
                }
            });
        }

        assertThat(db.rows("select user_id, remote_addr from transaction"))
                .extracting(row -> List.of(row.get("user_id"), row.get("remote_addr")))
                .containsExactly(List.of("alice", "10.0.0.1"));
        assertThat(db.rows("select meta_key, meta_value from transaction_meta"))
                .extracting(row -> List.of(row.get("meta_key"), row.get("meta_value")))
                .containsExactly(List.of("job", "import"));
    }

    @DatabaseTest
    @SuppressWarnings("try")
    void anInsertDeletedAtALaterFlushLeavesWhatACommitLeaves(Db db) {
        run(db.emf(), em -> {
            em.persist(new Note(1L, "one"));
            em.flush();
            em.remove(em.find(Note.class, 1L));
        });
        Map<String, List<String>> atCommit = FlushWritesBatchTest.versionRows(db);
        assertThat(atCommit.get("transactions")).containsExactly("0");
        try (EntityManagerFactory flush = db.build(FLUSH);
                ChangeContext.Scope job = ChangeContext.meta("job", "import")) {
            run(flush, em -> {
                em.persist(new Note(1L, "one"));
                flushAndClear(em);
                assertThat(db.rows("select * from transaction_meta")).isEmpty(); // not committed yet
                em.remove(em.find(Note.class, 1L));
            });
        }

        assertThat(FlushWritesBatchTest.versionRows(db)).isEqualTo(atCommit);
        assertThat(db.rows("select * from transaction_meta")).isEmpty();
    }

    @DatabaseTest
    void aTransactionKeepsItsRowWhenACancelledTypeLeavesAndAnotherStays(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            run(flush, em -> {
                em.persist(new Note(1L, "one"));
                em.persist(new Note(2L, "two"));
                flushAndClear(em);
                em.remove(em.find(Note.class, 1L));
            });
            run(flush, em -> {
                em.persist(new Note(3L, "three"));
                em.persist(new Bin(1, "b", new Spot("A", 1)));
                flushAndClear(em);
                em.remove(em.find(Bin.class, 1L));
            });
        }

        assertThat(FlushWritesBatchTest.transactionIds(db)).hasSize(2);
        assertThat(db.rows("select entity_name from transaction_changes order by transaction_id, entity_name"))
                .extracting(row -> row.get("entity_name").toString())
                .allMatch(name -> name.endsWith("Note"))
                .hasSize(2);
        // Note 2 in the first transaction (Note 1's insert cancelled), Note 3 in the second; no Bin
        assertThat(db.rows("select * from note_version")).hasSize(2);
        assertThat(db.rows("select * from fw_bin_version")).isEmpty();
    }

    @DatabaseTest
    void aQueryThatFlushesWritesTheVersionsOfWhatItFlushed(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            run(flush, em -> {
                em.persist(new Note(1L, "one"));
                assertThat(em.createQuery("select n from Note n", Note.class).getResultList()).hasSize(1);
                assertThat(((Number) em.createNativeQuery("select count(*) from note_version").getSingleResult())
                        .longValue()).isEqualTo(1);
                em.find(Note.class, 1L).setText("one'");
            });
        }

        assertThat(db.rows("select text, operation_type from note_version"))
                .extracting(row -> List.of(row.get("text"), VersionRows.operation(row)))
                .containsExactly(List.of("one'", 0));
    }

    @DatabaseTest
    void changesUndoneAtALaterFlushRecordTheDocumentedVersions(Db db) {
        run(db.emf(), em -> {
            em.persist(new Note(1L, "a"));
            Bin bin = new Bin(1, "b", new Spot("A", 1));
            bin.tags.add("x");
            em.persist(bin);
        });
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            run(flush, em -> {
                em.find(Note.class, 1L).setText("b");
                em.find(Bin.class, 1L).tags.remove("x");
                flushAndClear(em);
                em.find(Note.class, 1L).setText("a");
                em.find(Bin.class, 1L).tags.add("x");
            });
        }

        assertThat(db.rows("select text, operation_type from note_version order by transaction_id"))
                .extracting(row -> List.of(row.get("text"), VersionRows.operation(row)))
                .containsExactly(List.of("a", 0), List.of("a", 1));
        List<Version<Note>> versions = db.read(history -> history.versions(Note.class, 1L));
        assertThat(versions).hasSize(2);
        assertThat(db.<Boolean>read(history -> history.versions(Note.class, 1L).get(1).changeset().isEmpty()))
                .isTrue();
        assertThat(db.<List<String>>read(history -> history.versions(Bin.class, 1L).stream()
                .map(version -> version.entity().tags.toString()).toList()))
                .containsExactly("[x]", "[x]");
    }

    @DatabaseTest
    void aStatelessSessionWritesItsVersionsAtCommit(Db db) {
        try (EntityManagerFactory flush = db.build(FLUSH)) {
            try (StatelessSession session = flush.unwrap(SessionFactory.class).openStatelessSession()) {
                session.beginTransaction();
                session.insert(new Note(1L, "one"));
                session.update(new Note(1L, "one'"));
                session.insert(new Note(2L, "two"));
                session.getTransaction().commit();
            }
        }

        assertThat(db.rows("select id, text, operation_type from note_version order by id"))
                .extracting(row -> List.of(VersionRows.number(row.get("id")), row.get("text"),
                        VersionRows.operation(row)))
                .containsExactly(List.of(1L, "one'", 0), List.of(2L, "two", 0));
    }

    @DatabaseTest
    void aMisspeltSettingAndTheRefusedFeaturesFailTheBootByName(Db db) {
        assertThat(refusal(db, Map.of(ContinuumSettings.WRITE_AT, "flsh"), List.of(Note.class)))
                .contains(ContinuumSettings.WRITE_AT).contains("'flsh'").contains("'commit'").contains("'flush'");
        assertThat(refusal(db, Map.of(ContinuumSettings.TRANSACTION_CHANGES, "false"), List.of(Ticket.class)))
                .contains(Ticket.class.getName() + " is versioned natively").contains(ContinuumSettings.WRITE_AT);
        assertThat(refusal(db, Map.of(ContinuumSettings.NATIVE_VERSIONING, "true",
                ContinuumSettings.TRANSACTION_CHANGES, "false"), List.of(Note.class)))
                .contains("versioned natively").contains(ContinuumSettings.WRITE_AT);
        assertThat(refusal(db, Map.of(), List.of(Meter.class)))
                .contains("@Compact").contains(Meter.class.getName());
    }
}
