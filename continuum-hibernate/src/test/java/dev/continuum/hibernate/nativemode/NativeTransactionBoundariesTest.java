package dev.continuum.hibernate.nativemode;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Where transactions begin and end as the triggers see them: savepoints rolled back in the middle
 * of a transaction, statements in autocommit on interleaving connections, and transactions that
 * only read.
 */
@Model({Ticket.class, Remark.class})
class NativeTransactionBoundariesTest {

    /** JDBC work inside the session's transaction. */
    private interface Work {
        void run(Connection connection, Statement statement) throws SQLException;
    }

    private static void jdbc(EntityManager em, Work work) {
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                work.run(connection, statement);
            }
        });
    }

    @DatabaseTest
    void changesRolledBackToASavepointLeaveNoTraceAndTheRestIsOneTransaction(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "first", 1)));
        db.run(em -> {
            em.find(Ticket.class, 1L).setTitle("renamed");
            em.flush();
            jdbc(em, (connection, statement) -> {
                Savepoint savepoint = connection.setSavepoint();
                statement.executeUpdate("update ticket set priority = 5 where id = 1");
                statement.executeUpdate("insert into ticket (id, title, priority) values (2, 'rolled back', 1)");
                connection.rollback(savepoint);
                statement.executeUpdate("insert into ticket (id, title, priority) values (3, 'kept', 3)");
            });
            em.createQuery("update Ticket t set t.priority = 2 where t.id = 1").executeUpdate();
        });

        assertThat(TicketRows.of(db, 1L)).extracting(TicketRows.Row::title, TicketRows.Row::priority,
                TicketRows.Row::operation).containsExactly(tuple("first", 1, 0), tuple("renamed", 2, 1));
        assertThat(TicketRows.of(db, 2L)).isEmpty();
        assertThat(TicketRows.operations(db, 3L)).containsExactly(0);
        assertThat(TicketRows.of(db, 3L).get(0).transactionId()).isEqualTo(TicketRows.of(db, 1L).get(1).transactionId());
        assertThat(db.count("transaction")).isEqualTo(2);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void aSavepointRolledBackBeforeTheFirstKeptChangeLeavesOneTransactionRow(Db db) {
        db.run(em -> jdbc(em, (connection, statement) -> {
            Savepoint savepoint = connection.setSavepoint();
            statement.executeUpdate("insert into ticket (id, title, priority) values (1, 'rolled back', 1)");
            connection.rollback(savepoint);
            statement.executeUpdate("insert into ticket (id, title, priority) values (2, 'kept', 1)");
            statement.executeUpdate("update ticket set priority = 4 where id = 2");
        }));

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id, TicketRows.Row::priority,
                TicketRows.Row::operation).containsExactly(tuple(2L, 4, 0));
        assertThat(db.count("transaction")).isEqualTo(1);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void aChangeUndoneInsideASavepointThatIsRolledBackStaysOneVersion(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "first", 1)));
        db.run(em -> jdbc(em, (connection, statement) -> {
            statement.executeUpdate("update ticket set title = 'second' where id = 1");
            Savepoint savepoint = connection.setSavepoint();
            // undoes the transaction's only change: the triggers drop its version and its transaction row
            statement.executeUpdate("update ticket set title = 'first' where id = 1");
            connection.rollback(savepoint);
            // ... which the rollback brought back
            statement.executeUpdate("update ticket set priority = 2 where id = 1");
        }));

        assertThat(TicketRows.of(db, 1L)).extracting(TicketRows.Row::title, TicketRows.Row::priority,
                TicketRows.Row::operation).containsExactly(tuple("first", 1, 0), tuple("second", 2, 1));
        assertThat(db.count("transaction")).isEqualTo(2);
        TicketRows.assertChains(db);
    }

    // on PostgreSQL the transaction-local settings of the attribution go with the savepoint (see native-versioning.md)
    @DatabaseTest(only = {TestDatabase.H2, TestDatabase.MARIADB})
    void theAttributionOutlivesASavepointRolledBackAfterTheFirstWrite(Db db) {
        ChangeContext.run("alice", "192.0.2.7", () -> db.run(em -> {
            Savepoint[] savepoint = new Savepoint[1];
            jdbc(em, (connection, statement) -> savepoint[0] = connection.setSavepoint());
            em.createNativeQuery("insert into ticket (id, title, priority) values (1, 'rolled back', 1)")
                    .executeUpdate();
            jdbc(em, (connection, statement) -> connection.rollback(savepoint[0]));
            em.createNativeQuery("insert into ticket (id, title, priority) values (2, 'kept', 1)").executeUpdate();
        }));

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id).containsExactly(2L);
        assertThat(db.rows("select user_id, remote_addr from transaction")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("user_id", "alice")
                        .containsEntry("remote_addr", "192.0.2.7"));
    }

    // a failed statement aborts the whole transaction on PostgreSQL
    @DatabaseTest(only = {TestDatabase.H2, TestDatabase.MARIADB})
    void aStatementThatFailsHalfwayLeavesNoTraceAndTheTransactionGoesOn(Db db) {
        db.run(em -> jdbc(em, (connection, statement) -> {
            statement.executeUpdate("insert into ticket (id, title, priority) values (1, 'one', 1)");
            assertThatThrownBy(() -> statement.executeUpdate(
                    "insert into ticket (id, title, priority) values (2, 'two', 1), (1, 'duplicate', 1)"))
                    .isInstanceOf(SQLException.class);
            statement.executeUpdate("insert into ticket (id, title, priority) values (3, 'three', 1)");
        }));
        db.run(em -> jdbc(em, (connection, statement) -> {
            assertThatThrownBy(() -> statement.executeUpdate(
                    "insert into ticket (id, title, priority) values (4, 'four', 1), (1, 'duplicate', 1)"))
                    .isInstanceOf(SQLException.class);
            statement.executeUpdate("update ticket set priority = 2 where id = 3");
        }));

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id, TicketRows.Row::priority,
                TicketRows.Row::operation).containsExactly(tuple(1L, 1, 0), tuple(3L, 1, 0), tuple(3L, 2, 1));
        assertThat(db.count("transaction")).isEqualTo(2);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void statementsInAutocommitOnTwoInterleavingConnectionsAreTransactionsOfTheirOwn(Db db) throws SQLException {
        try (Connection one = db.connect(); Connection two = db.connect();
                Statement first = one.createStatement(); Statement second = two.createStatement()) {
            one.setAutoCommit(true);
            two.setAutoCommit(true);
            first.executeUpdate("insert into ticket (id, title, priority) values (1, 'one', 1)");
            second.executeUpdate("insert into ticket (id, title, priority) values (2, 'two', 1)");
            first.executeUpdate("update ticket set priority = 2 where id = 1");
            second.executeUpdate("update ticket set priority = 2 where id = 1");
            second.executeUpdate("update ticket set priority = 3 where id = 1");
            first.executeUpdate("update ticket set priority = 3 where id = 2");
            first.executeUpdate("update ticket set priority = 3 where id = 2");
            second.executeUpdate("delete from ticket where id = 2");
            first.executeUpdate("insert into ticket (id, title, priority) values (2, 'again', 1)");
        }

        assertThat(TicketRows.of(db, 1L)).extracting(TicketRows.Row::priority, TicketRows.Row::operation)
                .containsExactly(tuple(1, 0), tuple(2, 1), tuple(3, 1));
        assertThat(TicketRows.of(db, 2L)).extracting(TicketRows.Row::priority, TicketRows.Row::operation)
                .containsExactly(tuple(1, 0), tuple(3, 1), tuple(3, 2), tuple(1, 0));
        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::transactionId).doesNotHaveDuplicates();
        assertThat(db.count("transaction")).isEqualTo(7);
        assertThat(db.rows("select distinct user_id from transaction")).extracting(row -> row.get("user_id"))
                .containsExactly(NativeWritePathsTest.databaseUser(db));
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void aTransactionThatOnlyReadsWritesNoTransactionRow(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "a", 1)));
        ChangeContext.run("alice", "192.0.2.1", () -> db.run(em -> {
            assertThat(em.find(Ticket.class, 1L).getTitle()).isEqualTo("a");
            assertThat(em.createQuery("select t from Ticket t", Ticket.class).getResultList()).hasSize(1);
            assertThat(em.createNativeQuery("select title from ticket").getResultList().size()).isOne();
            assertThat(em.createQuery("update Ticket t set t.title = 'a' where t.id = 1").executeUpdate()).isOne();
        }));

        assertThat(db.count("transaction")).isEqualTo(1);
        assertThat(TicketRows.operations(db, 1L)).containsExactly(0);
    }

    @DatabaseTest
    void aPrimaryKeyChangedByNativeSqlIsADeletionOfTheOldKeyAndAnUpdateOfTheNewOne(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "moved", 1)));
        db.run(em -> em.createNativeQuery("update ticket set id = 2 where id = 1").executeUpdate());

        assertThat(TicketRows.of(db, 1L)).extracting(TicketRows.Row::title, TicketRows.Row::operation)
                .containsExactly(tuple("moved", 0), tuple("moved", 2));
        assertThat(TicketRows.of(db, 2L)).extracting(TicketRows.Row::title, TicketRows.Row::operation)
                .containsExactly(tuple("moved", 1));
        assertThat(TicketRows.of(db, 2L).get(0).transactionId()).isEqualTo(TicketRows.of(db, 1L).get(1).transactionId());
        assertThat(db.count("transaction")).isEqualTo(2);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void twoRowsSwappingTheirKeysThroughAThirdAreTwoUpdates(Db db) {
        db.run(em -> {
            em.persist(new Ticket(1L, "one", 1));
            em.persist(new Ticket(2L, "two", 2));
        });
        db.run(em -> {
            em.createNativeQuery("update ticket set id = 3 where id = 1").executeUpdate();
            em.createNativeQuery("update ticket set id = 1 where id = 2").executeUpdate();
            em.createNativeQuery("update ticket set id = 2 where id = 3").executeUpdate();
        });
        db.run(em -> em.createNativeQuery("update ticket set id = id + 10").executeUpdate());

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id, TicketRows.Row::title,
                TicketRows.Row::operation).containsExactly(tuple(1L, "one", 0), tuple(1L, "two", 1),
                        tuple(1L, "two", 2), tuple(2L, "two", 0), tuple(2L, "one", 1), tuple(2L, "one", 2),
                        tuple(11L, "two", 1), tuple(12L, "one", 1));
        assertThat(db.count("transaction")).isEqualTo(3);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void aPrimaryKeyChangedAndChangedBackInOneTransactionRecordsNothing(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "stays", 1)));
        db.run(em -> {
            em.createNativeQuery("update ticket set id = 2 where id = 1").executeUpdate();
            em.createNativeQuery("update ticket set id = 1 where id = 2").executeUpdate();
        });

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id, TicketRows.Row::operation)
                .containsExactly(tuple(1L, 0));
        assertThat(db.count("transaction")).isEqualTo(1);
        TicketRows.assertChains(db);
    }
}
