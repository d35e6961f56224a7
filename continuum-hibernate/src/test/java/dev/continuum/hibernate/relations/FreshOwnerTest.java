package dev.continuum.hibernate.relations;

import dev.continuum.Versioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The links of an owner inserted in the same transaction under a generated id cannot have an
 * earlier version, so recording them closes nothing; links added later still close and chain.
 */
@Model(value = {FreshOwnerTest.Shelf.class, FreshOwnerTest.Book.class},
        properties = {StatementCounter.PROPERTY, "continuum.transaction_table=fresh_tx",
                "continuum.transaction_sequence=fresh_tx_seq", "continuum.undo_table=fresh_undo"})
class FreshOwnerTest {

    @Entity(name = "FreshShelf")
    @Table(name = "fresh_shelf")
    @Versioned
    static class Shelf {
        @Id
        @GeneratedValue
        Long id;
        @ManyToMany
        @JoinTable(name = "fresh_shelf_book", joinColumns = @JoinColumn(name = "shelf_id"),
                inverseJoinColumns = @JoinColumn(name = "book_id"))
        Set<Book> books = new HashSet<>();
    }

    @Entity(name = "FreshBook")
    @Table(name = "fresh_book")
    @Versioned
    static class Book {
        @Id
        @GeneratedValue
        Long id;
        String title;
    }

    private static List<String> closingUpdates() {
        return StatementCounter.statements().stream()
                .filter(sql -> sql.startsWith("update ") && sql.contains("_version")).toList();
    }

    @DatabaseTest
    void linksOfANewOwnerWithAGeneratedIdCloseNothing(Db db) {
        StatementCounter.reset();
        Long shelfId = db.inTransaction(em -> {
            Shelf shelf = new Shelf();
            for (int i = 0; i < 3; i++) {
                Book book = new Book();
                book.title = "book " + i;
                em.persist(book);
                shelf.books.add(book);
            }
            em.persist(shelf);
            return shelf.id;
        });

        assertThat(closingUpdates()).isEmpty();
        assertThat(db.rows("select operation_type from fresh_shelf_book_version where shelf_id = ?", shelfId))
                .hasSize(3).allSatisfy(row -> assertThat(((Number) row.get("operation_type")).intValue()).isZero());
    }

    @DatabaseTest
    void aLinkRemovedAndAddedAgainLaterStillChainsItsVersions(Db db) {
        Long[] ids = db.inTransaction(em -> {
            Shelf shelf = new Shelf();
            Book book = new Book();
            book.title = "again";
            em.persist(book);
            shelf.books.add(book);
            em.persist(shelf);
            return new Long[] {shelf.id, book.id};
        });
        db.run(em -> em.find(Shelf.class, ids[0]).books.clear());
        StatementCounter.reset();
        db.run(em -> em.find(Shelf.class, ids[0]).books.add(em.find(Book.class, ids[1])));

        assertThat(closingUpdates()).isNotEmpty();
        List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type "
                + "from fresh_shelf_book_version where shelf_id = ? order by transaction_id", ids[0]);
        assertThat(rows).extracting(r -> ((Number) r.get("operation_type")).intValue()).containsExactly(0, 2, 0);
        assertThat(rows.get(0).get("end_transaction_id")).isEqualTo(rows.get(1).get("transaction_id"));
        assertThat(rows.get(1).get("end_transaction_id")).isEqualTo(rows.get(2).get("transaction_id"));
        assertThat(rows.get(2).get("end_transaction_id")).isNull();
    }

    @DatabaseTest
    void removingManyLinksInOneTransactionClosesEachOfThemWithOneStatement(Db db) {
        Long shelfId = db.inTransaction(em -> {
            Shelf shelf = new Shelf();
            for (int i = 0; i < 20; i++) {
                Book book = new Book();
                book.title = "book " + i;
                em.persist(book);
                shelf.books.add(book);
            }
            em.persist(shelf);
            return shelf.id;
        });
        StatementCounter.reset();
        db.run(em -> em.find(Shelf.class, shelfId).books.clear());

        assertThat(closingUpdates()).filteredOn(sql -> sql.contains("fresh_shelf_book_version")).hasSize(1);
        List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type "
                + "from fresh_shelf_book_version where shelf_id = ? order by transaction_id", shelfId);
        assertThat(rows).hasSize(40);
        Object removal = rows.get(39).get("transaction_id");
        assertThat(rows.subList(0, 20)).allSatisfy(row -> {
            assertThat(((Number) row.get("operation_type")).intValue()).isZero();
            assertThat(row.get("end_transaction_id")).isEqualTo(removal);
        });
        assertThat(rows.subList(20, 40)).allSatisfy(row -> {
            assertThat(((Number) row.get("operation_type")).intValue()).isEqualTo(2);
            assertThat(row.get("end_transaction_id")).isNull();
        });
    }
}
