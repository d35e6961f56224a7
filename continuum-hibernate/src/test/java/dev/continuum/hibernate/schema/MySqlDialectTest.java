package dev.continuum.hibernate.schema;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.Operation;
import dev.continuum.SchemaMismatchException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.continuum.hibernate.schema.Units.unit;
import static dev.continuum.hibernate.testing.VersionRows.number;
import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Continuum on Hibernate's {@code MySQLDialect}, which has no sequences: transaction ids come from
 * the transaction table's {@code auto_increment} column. Run against the MariaDB test server
 * described by the MySQL dialect, which is what a MySQL server gets.
 */
@Model(value = Note.class, properties = {StatementCounter.PROPERTY, MySqlDialectTest.MYSQL_DIALECT})
class MySqlDialectTest {

    static final String MYSQL_DIALECT = "hibernate.dialect=org.hibernate.dialect.MySQLDialect";

    private static final Map<String, String> NAMES = Map.of("continuum.transaction_table", "my_tx",
            "continuum.transaction_sequence", "my_tx_seq", "continuum.undo_table", "my_undo");

    private static void write(Db db, String... texts) {
        db.run(em -> em.persist(new Note(1L, texts[0])));
        for (int i = 1; i < texts.length; i++) {
            String text = texts[i];
            db.run(em -> em.find(Note.class, 1L).setText(text));
        }
    }

    private static List<Map<String, Object>> noteVersions(Db db) {
        return db.rows("select text, transaction_id, end_transaction_id, operation_type from note_version "
                + "order by transaction_id");
    }

    /** Records gizmo 1 through {@code factory} and reads back the weights of its history. */
    private static List<Integer> gizmoWeights(EntityManagerFactory factory) {
        Db.inTransaction(factory, em -> {
            Gizmos.After gizmo = new Gizmos.After();
            gizmo.id = 1L;
            gizmo.weight = 12;
            em.persist(gizmo);
            return null;
        });
        return Db.inTransaction(factory, em -> VersionHistory.of(em).versions(Gizmos.After.class, 1L).stream()
                .map(version -> version.entity().weight).toList());
    }

    private static void dropAll(Db db) {
        unit(db, "drop", "my", List.of(Gizmos.After.class)).close();
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theTransactionRowTakesItsIdFromTheIdentityColumnInOneStatement(Db db) {
        StatementCounter.reset();
        db.run(em -> em.persist(new Note(1L, "first")));

        List<String> history = StatementCounter.statements().stream()
                .filter(sql -> sql.contains("transaction") || sql.contains("note_version")).toList();
        assertThat(history).first().asString()
                .isEqualTo("insert into transaction (issued_at, user_id, remote_addr) values (?, ?, ?)");
        assertThat(history).noneMatch(sql -> sql.contains("transaction_id_seq"));
        long transactionId = number(db.rows("select id from transaction").get(0).get("id"));
        assertThat(number(noteVersions(db).get(0).get("transaction_id"))).isEqualTo(transactionId);
        assertThat(db.rows("select extra from information_schema.columns where table_schema = database() "
                + "and table_name = 'transaction' and column_name = 'id'").get(0).get("extra"))
                .asString().containsIgnoringCase("auto_increment");
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void insertUpdateAndDeleteKeepAnUnbrokenValidityChain(Db db) {
        write(db, "first", "second");
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        db.run(em -> em.persist(new Note(1L, "again")));

        List<Map<String, Object>> rows = noteVersions(db);
        assertThat(rows).extracting(row -> row.get("text") + ":" + operation(row))
                .containsExactly("first:0", "second:1", "second:2", "again:0");
        for (int i = 0; i < rows.size() - 1; i++) {
            assertThat(number(rows.get(i).get("end_transaction_id")))
                    .isEqualTo(number(rows.get(i + 1).get("transaction_id")));
        }
        assertThat(rows.get(3).get("end_transaction_id")).isNull();
        List<Long> ids = db.rows("select id from transaction order by issued_at, id").stream()
                .map(row -> number(row.get("id"))).toList();
        assertThat(ids).hasSize(4).isSorted().doesNotHaveDuplicates();
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theTransactionTimeKeepsFractionsOfASecond(Db db) {
        write(db, "a", "b", "c", "d");

        assertThat(db.rows("select datetime_precision from information_schema.columns where table_schema = database()"
                + " and table_name = 'transaction' and column_name = 'issued_at'").get(0).get("datetime_precision"))
                .satisfies(precision -> assertThat(number(precision)).isEqualTo(6));
        List<Instant> times = db.read(history -> history.versions(Note.class, 1L).stream()
                .map(version -> version.transaction().issuedAt()).toList());
        assertThat(times).hasSize(4).isSorted().anyMatch(time -> time.getNano() % 1_000_000_000 != 0);
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void versionsAndAsOfReadTheHistory(Db db) {
        write(db, "a", "b", "c");

        List<Version<Note>> versions = db.read(history -> history.versions(Note.class, 1L));
        assertThat(versions).extracting(version -> version.entity().getText()).containsExactly("a", "b", "c");
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        long second = versions.get(1).transactionId();
        Optional<String> byId = db.read(history -> history.asOf(Note.class, 1L, second).map(v -> v.entity().getText()));
        assertThat(byId).contains("b");
        Instant afterSecond = versions.get(1).transaction().issuedAt();
        Optional<String> byTime = db.read(history -> history.asOf(Note.class, 1L, afterSecond)
                .map(v -> v.entity().getText()));
        assertThat(byTime).contains("b");
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void undoAndRevertRecordNewVersions(Db db) {
        write(db, "a", "b", "c");

        Optional<Version<Note>> undone = db.inTransaction(em -> VersionHistory.of(em).undo(em.find(Note.class, 1L)));
        assertThat(undone.map(version -> version.entity().getText())).contains("b");
        db.run(em -> VersionHistory.of(em).versions(Note.class, 1L).get(0).revert());

        String text = db.inTransaction(em -> em.find(Note.class, 1L).getText());
        assertThat(text).isEqualTo("a");
        assertThat(noteVersions(db)).extracting(row -> row.get("text")).containsExactly("a", "b", "c", "b", "a");
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theBaselineRecordsLegacyRowsInOneIdentityTransaction(Db db) {
        write(db, "versioned before the baseline");
        db.execute("delete from note_version");
        db.execute("insert into note (id, text) values (2, 'legacy 2')");
        db.execute("insert into note (id, text) values (3, 'legacy 3')");

        BaselineResult result = HistoryAdmin.of(db.emf()).baseline(Note.class, 2);

        assertThat(result.versions()).isEqualTo(3);
        assertThat(result.transactionId()).isGreaterThan(number(db.rows("select min(id) as id from transaction")
                .get(0).get("id")));
        assertThat(db.rows("select distinct transaction_id from note_version"))
                .extracting(row -> number(row.get("transaction_id"))).containsExactly(result.transactionId());
        assertThat(db.rows("select user_id from transaction where id = ?", result.transactionId()))
                .extracting(row -> row.get("user_id")).containsExactly(HistoryAdmin.BASELINE_USER);
        List<String> texts = db.read(history -> history.versions(Note.class, 3L).stream()
                .map(version -> version.entity().getText()).toList());
        assertThat(texts).containsExactly("legacy 3");
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void concurrentTransactionsGetDistinctIds(Db db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (long id = 1; id <= 12; id++) {
                long noteId = id;
                writers.add(() -> {
                    writeRetryingLockConflicts(db, noteId);
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(db.rows("select transaction_id from note_version")).extracting(row -> number(row.get("transaction_id")))
                .hasSize(12).doesNotHaveDuplicates();
        assertThat(db.count("transaction")).isEqualTo(12);
    }

    /** InnoDB may pick concurrent inserts as deadlock victims; such a transaction is simply retried. */
    private static void writeRetryingLockConflicts(Db db, long noteId) {
        while (true) {
            try {
                db.run(em -> em.persist(new Note(noteId, "n" + noteId)));
                return;
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof SQLTransactionRollbackException)) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    throw e;
                }
            }
        }
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theCreateScriptHasAnIdentityColumnAndNoSequenceAndPassesTheCheck(Db db) {
        try {
            dropAll(db);
            db.execute("create table gizmo (id bigint not null, name varchar(100), weight integer, primary key (id))");

            List<String> script = ContinuumSchema.createStatements(db.configuration(NAMES, List.of(Gizmos.After.class)));
            script.forEach(db::execute);

            assertThat(script).noneMatch(statement -> statement.contains("sequence"))
                    .anySatisfy(statement -> assertThat(statement).startsWith("create table my_tx")
                            .contains("id bigint not null auto_increment").contains("issued_at datetime(6)"));
            // "none": the boot's schema check compares Continuum's objects with the database
            try (EntityManagerFactory factory = unit(db, "none", "my", List.of(Gizmos.After.class))) {
                assertThat(gizmoWeights(factory)).containsExactly(12);
            }
            assertThat(ContinuumSchema.migrationStatements(db.configuration(NAMES, List.of(Gizmos.After.class))))
                    .isEmpty();
        } finally {
            dropAll(db);
        }
    }

    @Test
    void theOfflineCreateScriptNeedsOnlyTheDialect() {
        PersistenceConfiguration unit = new PersistenceConfiguration("offline")
                .provider(HibernatePersistenceProvider.class.getName())
                .managedClass(Gizmos.After.class)
                .property("hibernate.dialect", "org.hibernate.dialect.MySQLDialect")
                .property("hibernate.boot.allow_jdbc_metadata_access", "false");

        List<String> script = ContinuumSchema.createStatements(unit);

        assertThat(script.get(0)).startsWith("create table transaction (id bigint not null auto_increment, "
                + "issued_at datetime(6) not null,");
        assertThat(script).noneMatch(statement -> statement.contains("sequence"));
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void aTransactionIdWithoutAutoIncrementFailsTheBootWithTheFix(Db db) {
        try {
            unit(db, "create", "my", List.of(Gizmos.After.class)).close();
            db.execute("alter table my_tx modify column id bigint not null");

            Throwable thrown = catchThrowable(() -> unit(db, "none", "my", List.of(Gizmos.After.class)).close());

            String message = Units.cause(thrown, SchemaMismatchException.class).getMessage();
            assertThat(message).contains("has column 'id' without auto_increment");
            assertThat(Units.fixes(message)).containsExactly("alter table my_tx modify column id bigint not null auto_increment");
            Units.fixes(message).forEach(db::execute);
            try (EntityManagerFactory factory = unit(db, "none", "my", List.of(Gizmos.After.class))) {
                assertThat(gizmoWeights(factory)).containsExactly(12);
            }
        } finally {
            dropAll(db);
        }
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theMigrationOfAnEntityThatGainedAPropertyAddsItsVersionColumn(Db db) {
        try {
            unit(db, "create", "my", List.of(Gizmos.Before.class)).close();
            db.execute("alter table gizmo add column weight integer");

            List<String> migration = ContinuumSchema.migrationStatements(
                    db.configuration(NAMES, List.of(Gizmos.After.class)));

            assertThat(migration).containsExactly("alter table gizmo_version add column weight integer");
            migration.forEach(db::execute);
            try (EntityManagerFactory factory = unit(db, "none", "my", List.of(Gizmos.After.class))) {
                assertThat(gizmoWeights(factory)).containsExactly(12);
            }
        } finally {
            dropAll(db);
        }
    }
}
