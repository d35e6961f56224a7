package dev.continuum.hibernate.nativemode;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import jakarta.persistence.EntityManagerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The triggers are part of Continuum's schema: created by Hibernate's schema management, checked
 * at boot (a missing or outdated one is named, with its fix), written by the migration scripts.
 */
@Model(Ticket.class)
class NativeSchemaTest {

    private static String mismatch(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SchemaMismatchException e) {
                return e.getMessage();
            }
        }
        throw new AssertionError("expected a SchemaMismatchException, got " + thrown, thrown);
    }

    private static void validates(Db db) {
        db.build(Map.of("hibernate.hbm2ddl.auto", "validate")).close();
    }

    private static void recordsAnUpdate(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "a", 1)));
        db.run(em -> em.createQuery("update Ticket t set t.title = 'b'").executeUpdate());
        assertThat(TicketRows.operations(db, 1L)).containsExactly(0, 1);
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void aMissingTriggerFailsTheBootCheckAndTheMigrationScriptRestoresIt(Db db) {
        db.execute("drop trigger ticket_version_trg on ticket");

        String message = mismatch(catchThrowable(() -> validates(db)));
        assertThat(message).contains("The native versioning trigger ticket_version_trg of entity Ticket on table "
                + "ticket is missing").contains("create constraint trigger ticket_version_trg");

        List<String> script = ContinuumSchema.migrationStatements(
                db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"), List.of(Ticket.class)));
        assertThat(script).anyMatch(statement -> statement.startsWith("create constraint trigger ticket_version_trg"));
        script.forEach(db::execute);
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void anOutdatedTriggerFunctionFailsTheBootCheckAndSchemaUpdateReplacesIt(Db db) {
        db.execute("create or replace function ticket_version_trg() returns trigger language plpgsql as "
                + "$$ begin return null; end $$");

        assertThat(mismatch(catchThrowable(() -> validates(db))))
                .contains("has an outdated function ticket_version_trg");

        db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void theCreateScriptEndsWithTheFunctionsAndTriggers(Db db) {
        List<String> script = ContinuumSchema.createStatements(
                db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"), List.of(Ticket.class)));

        int table = indexOf(script, "create table ticket_version");
        int allocator = indexOf(script, "create or replace function transaction_native_id()");
        int function = indexOf(script, "create or replace function ticket_version_trg()");
        int trigger = indexOf(script, "create constraint trigger ticket_version_trg after insert or update or delete "
                + "on ticket deferrable initially deferred");
        assertThat(table).isLessThan(allocator);
        assertThat(allocator).isLessThan(function);
        assertThat(function).isLessThan(trigger);
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void closingTheFactoryOfACreateDropSchemaDropsTheFunctions(Db db) {
        EntityManagerFactory other = db.build(Map.of("continuum.transaction_table", "other_tx",
                "continuum.transaction_sequence", "other_tx_seq", "continuum.table_suffix", "_hist"));
        assertThat(db.rows("select 1 from pg_proc where proname = 'ticket_hist_trg'")).hasSize(1);
        other.close();

        assertThat(db.rows("select 1 from pg_proc where proname in ('ticket_hist_trg', 'other_tx_native_id')")).isEmpty();
        // the other unit dropped the live table too: schema update gives it back, with its trigger
        db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void aMissingMariaDbTriggerFailsTheBootCheckAndTheMigrationScriptRestoresIt(Db db) {
        db.execute("drop trigger ticket_version_trg_u");

        String message = mismatch(catchThrowable(() -> validates(db)));
        assertThat(message).contains("The native versioning trigger ticket_version_trg_u of entity Ticket on table "
                + "ticket (after update) is missing").contains("TRIGGER privilege")
                .contains("create trigger ticket_version_trg_u after update on ticket for each row");

        List<String> script = ContinuumSchema.migrationStatements(
                db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"), List.of(Ticket.class)));
        assertThat(script).anyMatch(statement -> statement.startsWith("create trigger ticket_version_trg_u"));
        script.forEach(db::execute);
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void anOutdatedMariaDbTriggerFailsTheBootCheckAndSchemaUpdateReplacesIt(Db db) {
        db.execute("drop trigger ticket_version_trg_u");
        db.execute("create trigger ticket_version_trg_u after update on ticket for each row set @nothing = 1");

        assertThat(mismatch(catchThrowable(() -> validates(db))))
                .contains("The native versioning trigger ticket_version_trg_u of entity Ticket on table ticket "
                        + "(after update) is outdated");

        db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theMariaDbCreateScriptEndsWithTheTriggersAndNeedsNoProcedure(Db db) {
        List<String> script = ContinuumSchema.createStatements(
                db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"), List.of(Ticket.class)));

        int table = indexOf(script, "create table ticket_version");
        assertThat(table).isLessThan(indexOf(script, "create trigger ticket_version_trg_i after insert on ticket"));
        assertThat(script).noneMatch(statement -> statement.contains("procedure"));
        // without a procedure nothing holds a metadata lock that would stall the next create-drop cycle;
        // without comments a trigger created through the mariadb client (which strips them) is as checked
        assertThat(script).noneMatch(statement -> statement.contains("--"));
    }

    @DatabaseTest(only = TestDatabase.H2)
    void aMissingH2TriggerFailsTheBootCheckAndTheMigrationScriptRestoresIt(Db db) {
        db.execute("drop trigger ticket_version_trg");

        String message = mismatch(catchThrowable(() -> validates(db)));
        assertThat(message).contains("The native versioning trigger ticket_version_trg of entity Ticket on table "
                + "ticket is missing").contains("create trigger ticket_version_trg after insert, update, delete on "
                + "ticket for each row call \"dev.continuum.hibernate.internal.nativemode.H2Trigger\"");

        List<String> script = ContinuumSchema.migrationStatements(
                db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"), List.of(Ticket.class)));
        assertThat(script).anyMatch(statement -> statement.startsWith("comment on trigger ticket_version_trg is "));
        script.forEach(db::execute);
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.H2)
    void anOutdatedH2TriggerFailsTheBootCheckAndSchemaUpdateReplacesIt(Db db) {
        db.execute("comment on trigger ticket_version_trg is 'continuum native versioning 1'");

        assertThat(mismatch(catchThrowable(() -> validates(db))))
                .contains("The native versioning trigger ticket_version_trg of entity Ticket on table ticket "
                        + "is outdated");

        db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        validates(db);
        recordsAnUpdate(db);
    }

    @DatabaseTest(only = TestDatabase.H2)
    void anH2TriggerWithoutItsCommentRefusesTheChangeRatherThanRecordNothing(Db db) {
        db.execute("drop trigger ticket_version_trg");
        db.execute("create trigger ticket_version_trg after insert, update, delete on ticket for each row call "
                + "\"dev.continuum.hibernate.internal.nativemode.H2Trigger\"");

        assertThat(catchThrowable(() -> db.run(em -> em.persist(new Ticket(1L, "a", 1)))))
                .hasStackTraceContaining("has no comment saying what it versions");
        assertThat(db.count("ticket")).isZero();
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void aMariaDbUserWithoutTheTriggerPrivilegeFailsTheBootNamingTheEntityAndTheFix(Db db) throws Exception {
        String database;
        try (java.sql.Connection connection = db.connect()) {
            database = connection.getCatalog();
        }
        String user = "cv_notrg_" + Integer.toHexString(database.hashCode());
        try {
            db.execute("create user if not exists '" + user + "'@'%' identified by 'secret'");
            db.execute("grant select, insert, update, delete, create, drop, alter, index, references on `" + database
                    + "`.* to '" + user + "'@'%'");
        } catch (IllegalStateException e) {
            org.junit.jupiter.api.Assumptions.abort("the test database's user cannot create users: " + e.getMessage());
        }
        try {
            db.execute("drop trigger ticket_version_trg_u");

            String message = mismatch(catchThrowable(() -> db.build(Map.of("hibernate.hbm2ddl.auto", "update",
                    "jakarta.persistence.jdbc.user", user, "jakarta.persistence.jdbc.password", "secret")).close()));

            assertThat(message).contains("The native versioning trigger ticket_version_trg_u of entity Ticket on "
                    + "table ticket (after update) is missing (creating it takes the TRIGGER privilege on the table")
                    .contains("TRIGGER command denied to user '" + user + "'");
        } finally {
            db.execute("drop user if exists '" + user + "'@'%'");
            ContinuumSchema.migrationStatements(db.configuration(Map.of("hibernate.hbm2ddl.auto", "none"),
                    List.of(Ticket.class))).forEach(db::execute);
        }
        recordsAnUpdate(db);
    }

    private static int indexOf(List<String> script, String start) {
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no statement starts with '" + start + "' in " + script);
    }
}
