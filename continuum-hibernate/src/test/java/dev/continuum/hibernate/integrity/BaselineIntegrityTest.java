package dev.continuum.hibernate.integrity;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.IntegrityReport;
import dev.continuum.hibernate.integrity.IntegrityModel.Asset;
import dev.continuum.hibernate.integrity.IntegrityModel.Ledger;
import dev.continuum.hibernate.integrity.IntegrityModel.Vehicle;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import static org.assertj.core.api.Assertions.assertThat;

/** The versions a baseline records are hashed like any others, so that the history stays checkable. */
@Model(value = {Ledger.class, Asset.class, Vehicle.class}, properties = "continuum.integrity=hash-chain")
class BaselineIntegrityTest {

    /** Live rows written behind Continuum's back, as before versioning was turned on. */
    private static void legacyLedgers(Db db, int from, int to) {
        for (int i = from; i <= to; i++) {
            db.execute("insert into ig_ledger (id, title) values (" + i + ", 'Ledger " + i + "')");
            db.execute("insert into ig_ledger_tag (ledger_id, tag) values (" + i + ", 't" + i + "')");
        }
    }

    @DatabaseTest
    void baselineVersionsAndTheirTransactionAreHashedAndVerify(Db db) {
        db.run(em -> em.persist(new Ledger(100L, "versioned from the start")));
        legacyLedgers(db, 1, 5);

        BaselineResult result = HistoryAdmin.of(db.emf()).baseline(Ledger.class, 2);

        assertThat(result.versions()).isEqualTo(5);
        assertThat(db.rows("select count(*) as n from ig_ledger_version where row_hash is null").get(0).get("n"))
                .isIn(0L, 0);
        assertThat(db.rows("select count(*) as n from transaction_hash where transaction_id = ?",
                result.transactionId()).get(0).get("n")).isIn(1L, 1);
        IntegrityReport report = HistoryAdmin.of(db.emf()).verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        // six ledger versions and the baseline's five tag rows
        assertThat(report.versions()).isEqualTo(11);
    }

    @DatabaseTest
    void aLaterBaselineRecordsItsOwnHashedTransaction(Db db) {
        legacyLedgers(db, 1, 2);
        BaselineResult first = HistoryAdmin.of(db.emf()).baseline(Ledger.class);
        legacyLedgers(db, 3, 4);

        BaselineResult second = HistoryAdmin.of(db.emf()).baseline(Ledger.class);

        assertThat(second.versions()).isEqualTo(2);
        assertThat(second.transactionId()).isNotEqualTo(first.transactionId());
        db.run(em -> em.find(Ledger.class, 3L).title = "changed after the baseline");
        IntegrityReport report = HistoryAdmin.of(db.emf()).verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
    }

    @DatabaseTest
    void aBaselineRowChangedAfterwardsIsFound(Db db) {
        legacyLedgers(db, 1, 2);
        HistoryAdmin.of(db.emf()).baseline(Ledger.class);

        db.execute("update ig_ledger_version set title = 'forged' where id = 2");

        assertThat(HistoryAdmin.of(db.emf()).verify().intact()).isFalse();
    }
}
