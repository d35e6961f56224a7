package dev.continuum.hibernate.nativemode;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The triggers merge the changes of one transaction as the event listeners do: one version per
 * row and transaction, from the row as it is at commit; and a transaction that also writes
 * entities versioned through the listeners has one transaction row for both.
 */
@Model({Ticket.class, Remark.class})
class NativeMergingTest {

    @DatabaseTest
    void insertThenUpdateInOneTransactionIsOneInsertWithTheFinalState(Db db) {
        db.run(em -> {
            em.persist(new Ticket(1L, "draft", 1));
            em.flush();
            em.createQuery("update Ticket t set t.title = 'final'").executeUpdate();
        });

        List<TicketRows.Row> rows = TicketRows.of(db, 1L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0);
        assertThat(rows.get(0).title()).isEqualTo("final");
    }

    @DatabaseTest
    void updateThenDeleteInOneTransactionIsOneDeleteKeepingTheLastState(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "old", 1)));
        db.run(em -> {
            em.createNativeQuery("update ticket set title = 'changed' where id = 1").executeUpdate();
            em.createNativeQuery("delete from ticket where id = 1").executeUpdate();
        });

        List<TicketRows.Row> rows = TicketRows.of(db, 1L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0, 2);
        assertThat(rows.get(1).title()).isEqualTo("changed");
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void insertThenDeleteInOneTransactionRecordsNothing(Db db) {
        db.run(em -> {
            em.createNativeQuery("insert into ticket (id, title, priority) values (1, 'gone', 1)").executeUpdate();
            em.createNativeQuery("delete from ticket where id = 1").executeUpdate();
        });

        assertThat(db.count("ticket_version")).isZero();
        assertThat(db.count("transaction")).isZero();
    }

    @DatabaseTest
    void anUpdateThatChangesNothingRecordsNothing(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "same", 1)));
        db.run(em -> em.createNativeQuery("update ticket set title = 'same', priority = 1").executeUpdate());
        db.run(em -> {
            em.createNativeQuery("update ticket set title = 'other' where id = 1").executeUpdate();
            em.createNativeQuery("update ticket set title = 'same' where id = 1").executeUpdate();
        });

        assertThat(TicketRows.operations(db, 1L)).containsExactly(0);
        assertThat(db.count("transaction")).isEqualTo(1);
    }

    @DatabaseTest
    void deletedReinsertedAndDeletedAgainKeepsTheStateOfTheLastDeletion(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "first", 1)));
        db.run(em -> {
            em.createNativeQuery("delete from ticket where id = 1").executeUpdate();
            em.createNativeQuery("insert into ticket (id, title, priority) values (1, 'second', 2)").executeUpdate();
            em.createNativeQuery("delete from ticket where id = 1").executeUpdate();
        });

        List<TicketRows.Row> rows = TicketRows.of(db, 1L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0, 2);
        assertThat(rows.get(1).title()).isEqualTo("second");
        assertThat(rows.get(1).priority()).isEqualTo(2);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void deleteThenInsertOfTheSameIdIsOneUpdate(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "first", 1)));
        db.run(em -> {
            em.createNativeQuery("delete from ticket where id = 1").executeUpdate();
            em.createNativeQuery("insert into ticket (id, title, priority) values (1, 'second', 1)").executeUpdate();
        });

        List<TicketRows.Row> rows = TicketRows.of(db, 1L);
        assertThat(rows).extracting(TicketRows.Row::operation).containsExactly(0, 1);
        assertThat(rows.get(1).title()).isEqualTo("second");
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void entityWritesAndBulkChangesOfOneTransactionShareItsTransactionRow(Db db) {
        db.run(em -> {
            em.persist(new Ticket(1L, "a", 1));
            em.persist(new Ticket(2L, "b", 1));
        });
        db.run(em -> {
            em.persist(new Remark(1L, "listeners version me"));
            em.find(Ticket.class, 1L).setTitle("a2");
            em.flush();
            em.createQuery("update Ticket t set t.priority = 7").executeUpdate();
        });

        long remarkTransaction = number(db.rows("select transaction_id from remark_version").get(0)
                .get("transaction_id"));
        long ticketTransaction = TicketRows.of(db, 1L).get(1).transactionId();
        assertThat(TicketRows.of(db, 2L).get(1).transactionId()).isEqualTo(ticketTransaction);
        if (db.database() != TestDatabase.POSTGRESQL) {
            // the triggers took their row at the first write, the listeners take theirs after the last flush
            assertThat(db.count("transaction")).isEqualTo(3);
            assertThat(ticketTransaction).isLessThan(remarkTransaction);
        } else {
            assertThat(db.count("transaction")).isEqualTo(2);
            assertThat(ticketTransaction).isEqualTo(remarkTransaction);
        }
        assertThat(TicketRows.of(db, 1L).get(1).title()).isEqualTo("a2");
        assertThat(TicketRows.of(db, 1L).get(1).priority()).isEqualTo(7);
        // the listeners leave natively versioned entities to the triggers: one version each, not two
        assertThat(TicketRows.operations(db, 1L)).containsExactly(0, 1);
        TicketRows.assertChains(db);
    }

    @DatabaseTest
    void theUserAndAddressTheApplicationGivesReachTheTransactionRow(Db db) {
        ChangeContext.run("alice", "198.51.100.4", () -> db.run(em -> em.persist(new Ticket(1L, "a", 1))));
        ChangeContext.run("bob", null, () -> db.run(em -> em.createQuery("update Ticket t set t.priority = 2")
                .executeUpdate()));
        db.run(em -> em.createNativeQuery("update ticket set priority = 3").executeUpdate());

        List<Map<String, Object>> rows = db.rows("select user_id, remote_addr from transaction order by id");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("user_id", "alice").containsEntry("remote_addr", "198.51.100.4");
        assertThat(rows.get(1)).containsEntry("user_id", "bob").containsEntry("remote_addr", null);
        // the application gave nobody: nobody, as in the listeners' transactions, not the database's user
        assertThat(rows.get(2)).containsEntry("user_id", null).containsEntry("remote_addr", null);
    }

    @DatabaseTest
    void aRolledBackTransactionLeavesNoVersionAndItsAttributionDoesNotLeakIntoTheNext(Db db) {
        var em = db.emf().createEntityManager();
        try {
            ChangeContext.run("mallory", null, () -> {
                em.getTransaction().begin();
                em.createNativeQuery("insert into ticket (id, title, priority) values (1, 'x', 1)").executeUpdate();
                em.getTransaction().rollback();
            });
            em.getTransaction().begin();
            em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("insert into ticket (id, title, priority) values (2, 'y', 1)");
                }
            });
            em.getTransaction().commit();
        } finally {
            em.close();
        }

        assertThat(TicketRows.all(db)).extracting(TicketRows.Row::id).containsExactly(2L);
        Object user = db.rows("select user_id from transaction").get(0).get("user_id");
        assertThat(user).isNotEqualTo("mallory").isEqualTo(NativeWritePathsTest.databaseUser(db));
    }

    @DatabaseTest
    void anAttributedTransactionThatChangesNoRowDoesNotLendItsUserToTheNextOfTheConnection(Db db) {
        var em = db.emf().createEntityManager();
        try {
            ChangeContext.run("mallory", null, () -> {
                em.getTransaction().begin();
                assertThat(em.createQuery("update Ticket t set t.priority = 2 where t.id = 99").executeUpdate()).isZero();
                em.getTransaction().commit();
            });
            em.getTransaction().begin();
            em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("insert into ticket (id, title, priority) values (3, 'z', 1)");
                }
            });
            em.getTransaction().commit();
        } finally {
            em.close();
        }

        assertThat(db.rows("select user_id from transaction")).extracting(row -> row.get("user_id"))
                .containsExactly(NativeWritePathsTest.databaseUser(db));
    }
}
