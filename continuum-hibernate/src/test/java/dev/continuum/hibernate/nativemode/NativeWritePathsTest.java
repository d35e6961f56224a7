package dev.continuum.hibernate.nativemode;

import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import org.hibernate.Session;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native versioning records every way a row changes: Hibernate's entity writes, bulk HQL, native
 * SQL, JDBC through the session, and another program; each with its transaction row.
 */
@Model(Ticket.class)
class NativeWritePathsTest {

    @DatabaseTest
    void entityWritesThroughTheSessionAreRecordedByTheTriggers(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "printer jams", 2)));
        db.run(em -> em.find(Ticket.class, 1L).setTitle("printer jams daily"));
        db.run(em -> em.remove(em.find(Ticket.class, 1L)));

        List<TicketRows.Row> rows = TicketRows.of(db, 1L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0, 1, 2);
        assertThat(rows).extracting(TicketRows.Row::title)
                .containsExactly("printer jams", "printer jams daily", "printer jams daily");
        TicketRows.assertChains(db);
        assertThat(db.count("transaction")).isEqualTo(3);
    }

    @DatabaseTest
    void bulkHqlUpdateAndDeleteAreRecorded(Db db) {
        db.run(em -> {
            em.persist(new Ticket(1L, "a", 1));
            em.persist(new Ticket(2L, "b", 1));
            em.persist(new Ticket(3L, "c", 5));
        });
        db.run(em -> em.createQuery("update Ticket t set t.priority = t.priority + 1 where t.priority < 5")
                .executeUpdate());
        db.run(em -> em.createQuery("delete from Ticket t where t.id = 3").executeUpdate());

        assertThat(TicketRows.operations(db, 1L)).containsExactly(0, 1);
        assertThat(TicketRows.of(db, 1L).get(1).priority()).isEqualTo(2);
        assertThat(TicketRows.operations(db, 3L)).containsExactly(0, 2);
        assertThat(TicketRows.of(db, 3L).get(1).title()).isEqualTo("c");
        // the two updates of one statement share one transaction
        assertThat(TicketRows.of(db, 1L).get(1).transactionId()).isEqualTo(TicketRows.of(db, 2L).get(1).transactionId());
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void nativeSqlInsertUpdateAndDeleteAreRecorded(Db db) {
        db.run(em -> em.createNativeQuery("insert into ticket (id, title, priority) values (7, 'disk full', 3)")
                .executeUpdate());
        db.run(em -> em.createNativeQuery("update ticket set title = 'disk almost full' where id = 7")
                .executeUpdate());
        db.run(em -> em.createNativeQuery("delete from ticket where id = 7").executeUpdate());

        assertThat(TicketRows.operations(db, 7L)).containsExactly(0, 1, 2);
        assertThat(TicketRows.of(db, 7L).get(1).title()).isEqualTo("disk almost full");
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void jdbcThroughDoWorkIsRecorded(Db db) {
        db.run(em -> em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into ticket (id, title, priority) values (4, 'vpn down', 1)");
                statement.executeUpdate("update ticket set priority = 9 where id = 4");
            }
        }));

        List<TicketRows.Row> rows = TicketRows.of(db, 4L);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).operation()).isZero();
        assertThat(rows.get(0).priority()).isEqualTo(9);
        TicketRows.assertChains(db);
    }

    @DatabaseTest(only = {TestDatabase.POSTGRESQL, TestDatabase.MARIADB}) // H2 has no command-line client to test
    void aWriteByTheCommandLineClientIsRecordedWithWhatTheDatabaseKnows(Db db) throws Exception {
        db.run(em -> em.persist(new Ticket(5L, "mail bounces", 2)));

        commandLine(db, "begin; update ticket set priority = 1 where id = 5; "
                + "insert into ticket (id, title, priority) values (6, 'new laptop', 4); commit;");

        assertThat(TicketRows.operations(db, 5L)).containsExactly(0, 1);
        assertThat(TicketRows.operations(db, 6L)).containsExactly(0);
        long transaction = TicketRows.of(db, 6L).get(0).transactionId();
        assertThat(TicketRows.of(db, 5L).get(1).transactionId()).isEqualTo(transaction);
        Map<String, Object> row = db.rows("select user_id from transaction where id = ?", transaction).get(0);
        assertThat(row.get("user_id")).isEqualTo(databaseUser(db));
        TicketRows.assertChains(db);
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void eachStatementOfTheCommandLineClientInAutocommitIsATransactionOfItsOwn(Db db) throws Exception {
        commandLine(db, "insert into ticket (id, title, priority) values (8, 'fan noise', 1); "
                + "update ticket set priority = 2 where id = 8; update ticket set priority = 2 where id = 8; "
                + "delete from ticket where id = 8;");

        List<TicketRows.Row> rows = TicketRows.of(db, 8L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0, 1, 2);
        assertThat(rows).extracting(TicketRows.Row::transactionId).doesNotHaveDuplicates();
        assertThat(db.count("transaction")).isEqualTo(3);
        TicketRows.assertChains(db);
    }

    /** The name under which the test's connections log in, as the database reports it. */
    static Object databaseUser(Db db) {
        return db.rows(db.database() == TestDatabase.MARIADB ? "select substring_index(user(), '@', 1) as u"
                : "select session_user as u").get(0).get("u");
    }

    /** Runs {@code sql} with the database's command-line client ({@code psql} or {@code mariadb}). */
    static void commandLine(Db db, String sql) throws IOException, InterruptedException, java.sql.SQLException {
        if (db.database() == TestDatabase.MARIADB) {
            mariadb(db, sql);
        } else {
            psql(db, sql);
        }
    }

    /** Runs {@code sql} with {@code psql} against the test database. */
    static void psql(Db db, String sql) throws IOException, InterruptedException, java.sql.SQLException {
        String url;
        String user;
        try (var connection = db.connect()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p",
                Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", user, "-d",
                uri.getPath().substring(1), "-c", sql).redirectErrorStream(true);
        run(builder, "psql");
    }

    /** Runs {@code sql} with the {@code mariadb} client against the test database. */
    static void mariadb(Db db, String sql) throws IOException, InterruptedException, java.sql.SQLException {
        String url;
        String user;
        try (var connection = db.connect()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        }
        URI uri = URI.create(url.substring("jdbc:".length()).replaceFirst("\\?.*", ""));
        String password = Optional.ofNullable(System.getenv("CONTINUUM_TEST_MARIADB_PASSWORD")).orElse("");
        ProcessBuilder builder = new ProcessBuilder("mariadb", "-h", uri.getHost(), "-P",
                Integer.toString(uri.getPort() < 0 ? 3306 : uri.getPort()), "-u", user, "-D",
                uri.getPath().substring(1), "-e", sql).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", password);
        run(builder, "mariadb");
    }

    private static void run(ProcessBuilder builder, String client) throws IOException, InterruptedException {
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(client + " did not finish within a minute");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s: %s", client, output).isZero();
    }

    static long transactions(Db db) {
        return number(db.rows("select count(*) as n from transaction").get(0).get("n"));
    }
}
