package dev.continuum.hibernate.integrity;

import dev.continuum.ChangeContext;
import dev.continuum.ConfigurationException;
import dev.continuum.HistoryAdmin;
import dev.continuum.IntegrityReport;
import dev.continuum.IntegrityReport.BrokenLink;
import dev.continuum.RetentionPolicy;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.Verify;
import dev.continuum.hibernate.integrity.IntegrityModel.Asset;
import dev.continuum.hibernate.integrity.IntegrityModel.Ledger;
import dev.continuum.hibernate.integrity.IntegrityModel.Vehicle;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tamper evidence: every kind of change made to the history outside the library is found, and nothing else. */
@Model(value = {Ledger.class, Asset.class, Vehicle.class}, properties = "continuum.integrity=hash-chain")
class TamperEvidenceTest {

    private static final String VERSIONS = "ig_ledger_version";

    static IntegrityReport verify(Db db) {
        return HistoryAdmin.of(db.emf()).verify();
    }

    /** Ledger {@code id}: inserted, tagged, then retitled {@code times} times. */
    static void ledger(Db db, long id, int times) {
        db.run(em -> em.persist(new Ledger(id, "t0")));
        db.run(em -> em.find(Ledger.class, id).tags.add("a"));
        for (int i = 1; i <= times; i++) {
            retitle(db, id, "t" + i);
        }
    }

    static void retitle(Db db, long id, String title) {
        db.run(em -> {
            Ledger ledger = em.find(Ledger.class, id);
            ledger.title = title;
            ledger.amount = ledger.amount.add(BigDecimal.ONE);
        });
    }

    /** The transaction ids of ledger {@code id}'s versions, oldest first. */
    static List<Long> transactions(Db db, long id) {
        return db.rows("select transaction_id from " + VERSIONS + " where id = " + id + " order by transaction_id")
                .stream().map(row -> ((Number) row.get("transaction_id")).longValue()).toList();
    }

    private static BrokenLink broken(IntegrityReport report) {
        assertThat(report.intact()).as("the report finds a broken link").isFalse();
        return report.brokenLink().orElseThrow();
    }

    private static void assertIntact(IntegrityReport report) {
        assertThat(report.brokenLink()).as("no broken link").isEmpty();
    }

    @DatabaseTest
    void anUntouchedHistoryIsIntact(Db db) {
        ledger(db, 1L, 3);
        ledger(db, 2L, 1);
        db.run(em -> em.persist(new Vehicle(5L, "van", 4)));
        db.run(em -> em.find(Vehicle.class, 5L).wheels = 6);
        db.run(em -> em.remove(em.find(Ledger.class, 2L)));

        IntegrityReport report = verify(db);

        assertIntact(report);
        assertThat(report.versions()).isEqualTo(db.count(VERSIONS) + db.count("ig_ledger_tag_version")
                + db.count("ig_asset_version") + db.count("ig_vehicle_version"));
        assertThat(report.transactions()).isEqualTo(db.count("transaction_hash")).isEqualTo(11);
    }

    @DatabaseTest
    void aChangedVersionColumnIsFound(Db db) {
        ledger(db, 1L, 3);
        ledger(db, 2L, 1);
        long tx = transactions(db, 1L).get(2);
        db.execute("update " + VERSIONS + " set amount = 1000 where id = 1 and transaction_id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger");
        assertThat(link.id()).isEqualTo("1");
        assertThat(link.transactionId()).isEqualTo(tx);
        assertThat(link.problem()).contains("does not match its hash");
    }

    @DatabaseTest
    void aChangedCollectionRowIsFound(Db db) {
        ledger(db, 1L, 1);
        long tx = ((Number) db.rows("select transaction_id from ig_ledger_tag_version where ledger_id = 1")
                .get(0).get("transaction_id")).longValue();
        db.execute("update ig_ledger_tag_version set tag = 'z' where ledger_id = 1");

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger.tags");
        assertThat(link.id()).isEqualTo("1, z");
        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void aDeletedCollectionRowIsFoundByItsTransaction(Db db) {
        ledger(db, 1L, 1);
        long tx = ((Number) db.rows("select transaction_id from ig_ledger_tag_version where ledger_id = 1")
                .get(0).get("transaction_id")).longValue();
        db.execute("delete from ig_ledger_tag_version where ledger_id = 1");

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(tx);
        assertThat(link.problem()).contains("version rows of the transaction");
    }

    @DatabaseTest
    void aChangedColumnOfAJoinedLevelIsFound(Db db) {
        db.run(em -> em.persist(new Vehicle(5L, "van", 4)));
        db.run(em -> em.find(Vehicle.class, 5L).wheels = 6);
        long tx = ((Number) db.rows("select max(transaction_id) as tx from ig_vehicle_version").get(0).get("tx"))
                .longValue();
        db.execute("update ig_vehicle_version set wheels = 8 where transaction_id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Vehicle");
        assertThat(link.id()).isEqualTo("5");
        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void aDeletedVersionRowIsFound(Db db) {
        ledger(db, 1L, 3);
        long tx = transactions(db, 1L).get(2);
        db.execute("delete from " + VERSIONS + " where id = 1 and transaction_id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger");
        assertThat(link.id()).isEqualTo("1");
        assertThat(link.transactionId()).isEqualTo(tx);
        assertThat(link.problem()).contains("missing");
    }

    @DatabaseTest
    void aDeletedVersionRowWhoseGapIsClosedIsFound(Db db) {
        ledger(db, 1L, 3);
        List<Long> txs = transactions(db, 1L);
        db.execute("delete from " + VERSIONS + " where id = 1 and transaction_id = " + txs.get(2));
        db.execute("update " + VERSIONS + " set end_transaction_id = " + txs.get(3) + " where id = 1 and transaction_id = "
                + txs.get(1));

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger");
        assertThat(link.id()).isEqualTo("1");
        assertThat(link.transactionId()).isEqualTo(txs.get(3));
    }

    @DatabaseTest
    void aDeletedCurrentVersionIsFound(Db db) {
        ledger(db, 1L, 2);
        List<Long> txs = transactions(db, 1L);
        long last = txs.get(txs.size() - 1);
        db.execute("delete from " + VERSIONS + " where id = 1 and transaction_id = " + last);

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger");
        assertThat(link.id()).isEqualTo("1");
        assertThat(link.transactionId()).isEqualTo(last);
    }

    @DatabaseTest
    void aForgedVersionRowIsFound(Db db) {
        ledger(db, 1L, 1);
        long tx = transactions(db, 1L).get(0);
        db.execute("insert into " + VERSIONS + " (id, title, amount, transaction_id, operation_type) values (7, 'forged', 1, "
                + tx + ", 0)");

        BrokenLink link = broken(verify(db));

        assertThat(link.entityName()).endsWith("Ledger");
        assertThat(link.id()).isEqualTo("7");
        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void aVersionRowWithACopiedHashIsFound(Db db) {
        ledger(db, 1L, 1);
        ledger(db, 2L, 1);
        long tx = transactions(db, 2L).get(0);
        String hash = (String) db.rows("select row_hash from " + VERSIONS + " where id = 2 and transaction_id = " + tx)
                .get(0).get("row_hash");
        db.execute("update " + VERSIONS + " set title = 'forged', row_hash = '" + hash + "' where id = 2 and transaction_id = "
                + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.id()).isEqualTo("2");
        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void aChangedTransactionRowIsFound(Db db) {
        ledger(db, 1L, 2);
        long tx = transactions(db, 1L).get(1);
        db.execute("update " + transactionTable(db) + " set user_id = 'mallory' where id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(tx);
        assertThat(link.id()).isEmpty();
        assertThat(link.problem()).contains("transaction row does not match its hash");
    }

    @DatabaseTest
    void aDeletedTransactionIsFound(Db db) {
        ledger(db, 1L, 2);
        List<Long> txs = transactions(db, 1L);
        long tx = txs.get(1);
        db.execute("delete from ig_ledger_tag_version where transaction_id = " + tx);
        db.execute("delete from " + VERSIONS + " where transaction_id = " + tx);
        db.execute("delete from " + transactionTable(db) + " where id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void aDeletedTransactionRowIsFoundByItsHash(Db db) {
        ledger(db, 1L, 2);
        List<Long> txs = transactions(db, 1L);
        long tx = txs.get(3);
        db.execute("delete from " + VERSIONS + " where transaction_id = " + tx);
        db.execute("delete from " + transactionTable(db) + " where id = " + tx);
        db.execute("update " + VERSIONS + " set end_transaction_id = null where transaction_id = " + txs.get(2));

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(tx);
        assertThat(link.entityName()).containsIgnoringCase("transaction");
    }

    @DatabaseTest
    void aForgedTransactionRowIsFound(Db db) {
        ledger(db, 1L, 1);
        db.execute("insert into " + transactionTable(db) + " (id, issued_at, user_id) values (999999, "
                + "current_timestamp, 'mallory')");

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(999999L);
        assertThat(link.problem()).contains("no hash");
    }

    @DatabaseTest
    void aTransactionDeletedWithEveryTraceIsFoundByTheSeal(Db db) {
        ledger(db, 1L, 3);
        IntegrityReport sealed = HistoryAdmin.of(db.emf()).seal(Duration.ZERO);
        assertIntact(sealed);
        assertThat(sealed.lastSeal()).isPresent();
        List<Long> txs = transactions(db, 1L);
        long last = txs.get(txs.size() - 1);
        db.execute("delete from " + VERSIONS + " where transaction_id = " + last);
        db.execute("delete from transaction_hash where transaction_id = " + last);
        db.execute("delete from " + transactionTable(db) + " where id = " + last);
        db.execute("update " + VERSIONS + " set end_transaction_id = null where transaction_id = " + txs.get(txs.size() - 2));

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(sealed.lastSeal().orElseThrow().lastTransactionId());
        assertThat(link.problem()).contains("seal");
    }

    @DatabaseTest
    void sealsChainAndStayIntact(Db db) {
        ledger(db, 1L, 2);
        HistoryAdmin admin = HistoryAdmin.of(db.emf());
        IntegrityReport first = admin.seal(Duration.ZERO);
        ledger(db, 2L, 2);

        IntegrityReport second = admin.seal(Duration.ZERO);

        assertIntact(second);
        assertThat(second.lastSeal().orElseThrow().lastTransactionId())
                .isGreaterThan(first.lastSeal().orElseThrow().lastTransactionId());
        assertThat(db.count("transaction_seal")).isEqualTo(2);
        assertIntact(verify(db));
    }

    @DatabaseTest
    void pruningLeavesTheHistoryIntact(Db db) {
        ledger(db, 1L, 5);
        ledger(db, 2L, 2);
        db.run(em -> em.find(Ledger.class, 1L).tags.remove("a"));
        retitle(db, 1L, "after");
        HistoryAdmin admin = HistoryAdmin.of(db.emf());

        admin.prune(Ledger.class, RetentionPolicy.keepLast(2));
        IntegrityReport afterKeepingTheFirst = verify(db);
        admin.prune(Ledger.class, RetentionPolicy.keepLast(1).pruningFirst());
        IntegrityReport afterPruningTheFirst = verify(db);

        assertIntact(afterKeepingTheFirst);
        assertIntact(afterPruningTheFirst);
        assertThat(afterPruningTheFirst.removedVersions()).isPositive();
        assertThat(transactions(db, 1L)).hasSize(1);
    }

    @DatabaseTest
    void aVersionDeletedAfterPruningIsStillFound(Db db) {
        ledger(db, 1L, 5);
        HistoryAdmin.of(db.emf()).prune(Ledger.class, RetentionPolicy.keepLast(2));
        List<Long> txs = transactions(db, 1L);
        db.execute("delete from " + VERSIONS + " where id = 1 and transaction_id = " + txs.get(1));

        BrokenLink link = broken(verify(db));

        assertThat(link.id()).isEqualTo("1");
        assertThat(link.transactionId()).isEqualTo(txs.get(1));
    }

    @DatabaseTest
    void erasureLeavesTheHistoryIntact(Db db) {
        ChangeContext.run("alice", "10.0.0.1", () -> ledger(db, 1L, 2));
        ChangeContext.run("bob", null, () -> ledger(db, 2L, 2));
        db.run(em -> em.persist(new Vehicle(5L, "van", 4)));
        HistoryAdmin admin = HistoryAdmin.of(db.emf());

        admin.erase(Ledger.class, 2L);
        admin.eraseUser("alice");
        IntegrityReport report = verify(db);

        assertIntact(report);
        assertThat(report.erasedUsers()).isEqualTo(transactions(db, 1L).size());
    }

    @DatabaseTest
    void aUserPutBackAfterErasureIsFound(Db db) {
        ChangeContext.run("alice", null, () -> ledger(db, 1L, 1));
        HistoryAdmin.of(db.emf()).eraseUser("alice");
        long tx = transactions(db, 1L).get(0);
        db.execute("update " + transactionTable(db) + " set user_id = 'mallory' where id = " + tx);

        BrokenLink link = broken(verify(db));

        assertThat(link.transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void undoAndRevertLeaveTheHistoryIntact(Db db) {
        ledger(db, 1L, 3);
        db.run(em -> VersionHistory.of(em).undo(Ledger.class, 1L));
        db.run(em -> VersionHistory.of(em).undo(Ledger.class, 1L));
        db.run(em -> VersionHistory.of(em).versions(Ledger.class, 1L).get(0).revert());
        db.run(em -> em.remove(em.find(Ledger.class, 1L)));
        db.run(em -> VersionHistory.of(em).versions(Ledger.class, 1L).get(1).revert());

        assertIntact(verify(db));
    }

    @DatabaseTest
    void oneEntityIsCheckedOnItsOwn(Db db) {
        ledger(db, 1L, 2);
        ledger(db, 2L, 2);
        long tx = transactions(db, 1L).get(1);
        db.execute("update " + VERSIONS + " set title = 'forged' where id = 1 and transaction_id = " + tx);
        HistoryAdmin admin = HistoryAdmin.of(db.emf());

        IntegrityReport other = admin.verify(Ledger.class, 2L);
        IntegrityReport tampered = admin.verify(Ledger.class, 1L);

        assertIntact(other);
        assertThat(other.versions()).isEqualTo(db.count(VERSIONS + " where id = 2")
                + db.count("ig_ledger_tag_version where ledger_id = 2"));
        assertThat(broken(tampered).transactionId()).isEqualTo(tx);
    }

    @DatabaseTest
    void concurrentWritersLeaveTheHistoryIntact(Db db) throws Exception {
        for (long id = 1; id <= 4; id++) {
            long ledger = id;
            db.run(em -> em.persist(new Ledger(ledger, "t0")));
        }
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < 4; t++) {
            long own = t + 1;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 15; i++) {
                        String title = "own" + i;
                        retryingDeadlocks(() -> retitle(db, own, title));
                        if (i % 5 == 0) {
                            String tag = "tag" + i;
                            retryingDeadlocks(() -> db.run(em -> em.find(Ledger.class, own).tags.add(tag)));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();

        IntegrityReport report = verify(db);

        assertIntact(report);
        assertThat(report.transactions()).isEqualTo(4 + 4 * 15 + 4 * 3);
    }

    /**
     * Runs {@code work} again when the database chose it as the victim of a deadlock (MariaDB's
     * gap locks under repeatable read), as an application would.
     */
    private static void retryingDeadlocks(Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (attempt == 10 || !message.contains("deadlock")) {
                    throw e;
                }
            }
        }
    }

    @DatabaseTest
    void withoutTamperEvidenceThereIsNothingToVerify(Db db) {
        try (EntityManagerFactory plain = db.build(Map.of("continuum.integrity", "none", "hibernate.hbm2ddl.auto", "none"))) {
            assertThatThrownBy(() -> HistoryAdmin.of(plain).verify()).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("continuum.integrity=hash-chain");
        }
    }

    @DatabaseTest
    void theSchemaScriptsHaveTheHashesOnlyWhenTheyAreOn(Db db) {
        List<Class<?>> classes = List.of(Ledger.class, Asset.class, Vehicle.class);
        String on = String.join(";\n", ContinuumSchema.createStatements(db.configuration(Map.of(), classes)));
        String off = String.join(";\n", ContinuumSchema.createStatements(
                db.configuration(Map.of("continuum.integrity", "none"), classes)));

        assertThat(on).containsIgnoringCase("row_hash").containsIgnoringCase("transaction_hash")
                .containsIgnoringCase("transaction_seal").containsIgnoringCase("transaction_removed");
        assertThat(off).doesNotContainIgnoringCase("row_hash").doesNotContainIgnoringCase("transaction_hash");
        assertThat(ContinuumSchema.migrationStatements(db.configuration(Map.of(), classes))).isEmpty();
    }

    @DatabaseTest
    void theCommandExitsWithZeroWhenIntactAndOneWhenBroken(Db db) {
        ledger(db, 1L, 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);

        int intact = Verify.run(db.emf(), List.of(), print, System.err);
        int entityIntact = Verify.run(db.emf(), List.of("--entity", Ledger.class.getName(), "1"), print, System.err);
        long tx = transactions(db, 1L).get(1);
        db.execute("update " + VERSIONS + " set title = 'forged' where transaction_id = " + tx);
        int broken = Verify.run(db.emf(), List.of(), print, System.err);
        int unusable = Verify.run(new String[0], print, print);

        assertThat(List.of(intact, entityIntact, broken, unusable)).containsExactly(0, 0, 1, 2);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("INTACT ")
                .contains("BROKEN ").contains("transaction " + tx);
    }

    /** The transaction table's name as SQL on this database. */
    static String transactionTable(Db db) {
        return switch (db.database()) {
            case H2 -> "\"TRANSACTION\"";
            case POSTGRESQL -> "\"transaction\"";
            case MARIADB -> "`transaction`";
        };
    }
}
