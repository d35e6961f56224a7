package dev.continuum.hibernate.writes;

import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.DynamicInsert;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @DynamicInsert} entity leaves its null columns out of the insert, so the database fills
 * those with a {@code @ColumnDefault}: the INSERT version holds what the live row holds.
 */
@Model(DynamicInsertDefaultsTest.Ticket.class)
class DynamicInsertDefaultsTest {

    private static List<Map<String, Object>> versions(Db db, long id) {
        return db.rows("select state, priority, operation_type, end_transaction_id from ticket_version "
                + "where id = ? order by transaction_id", id);
    }

    private static Map<String, Object> live(Db db, long id) {
        return db.rows("select state, priority from ticket where id = ?", id).get(0);
    }

    @DatabaseTest
    void theInsertVersionHoldsTheDefaultsTheDatabaseFilledIn(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "defaults", null, null)));
        db.run(em -> em.persist(new Ticket(2L, "given", "closed", 1)));

        assertThat(live(db, 1L).get("state")).isEqualTo("open");
        assertThat(versions(db, 1L)).singleElement().satisfies(row -> {
            assertThat(row.get("state")).isEqualTo("open");
            assertThat(((Number) row.get("priority")).intValue()).isEqualTo(3);
        });
        assertThat(versions(db, 2L)).singleElement().satisfies(row -> {
            assertThat(row.get("state")).isEqualTo("closed");
            assertThat(((Number) row.get("priority")).intValue()).isEqualTo(1);
        });
    }

    @DatabaseTest
    void laterVersionsHoldTheDefaultUntilTheApplicationChangesIt(Db db) {
        db.run(em -> em.persist(new Ticket(3L, "first", null, null)));
        db.run(em -> em.find(Ticket.class, 3L).setTitle("second"));
        db.run(em -> em.find(Ticket.class, 3L).setState(null));

        assertThat(versions(db, 3L)).extracting(row -> row.get("state")).containsExactly("open", "open", null);
        assertThat(live(db, 3L).get("state")).isNull();
        assertThat(versions(db, 3L)).filteredOn(row -> row.get("end_transaction_id") == null).hasSize(1);
    }

    @DatabaseTest
    void anUpdateInTheInsertingTransactionWritesTheEntitysNullOverTheDefaultAndSoDoesTheVersion(Db db) {
        db.run(em -> {
            em.persist(new Ticket(5L, "first", null, null));
            em.flush();
            em.find(Ticket.class, 5L).setTitle("renamed in the same transaction");
        });

        assertThat(live(db, 5L).get("state")).isNull();
        assertThat(versions(db, 5L)).extracting(row -> row.get("state")).containsExactly((Object) null);
    }

    @DatabaseTest
    void aStatelessInsertRecordsTheDefaultsToo(Db db) {
        db.sessionFactory().inStatelessTransaction(session -> session.insert(new Ticket(4L, "stateless", null, 9)));

        assertThat(versions(db, 4L)).singleElement().satisfies(row -> {
            assertThat(row.get("state")).isEqualTo("open");
            assertThat(((Number) row.get("priority")).intValue()).isEqualTo(9);
        });
    }

    /** A ticket whose state and priority default in the database. */
    @Entity(name = "Ticket")
    @Table(name = "ticket")
    @Versioned
    @DynamicInsert
    public static class Ticket {
        @Id
        private Long id;
        private String title;
        @ColumnDefault("'open'")
        private String state;
        @ColumnDefault("3")
        private Integer priority;

        protected Ticket() {
        }

        Ticket(Long id, String title, String state, Integer priority) {
            this.id = id;
            this.title = title;
            this.state = state;
            this.priority = priority;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public void setState(String state) {
            this.state = state;
        }
    }
}
