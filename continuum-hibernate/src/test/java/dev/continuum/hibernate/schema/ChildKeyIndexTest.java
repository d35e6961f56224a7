package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.Versioned;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A one-to-many read as of a point finds the children's versions by the owner's key: their version
 * table has an index on it, so that the read stays an index probe however long the history grows,
 * and the schema check reports it when it is missing.
 */
@Model(Note.class)
class ChildKeyIndexTest {

    private static final List<Class<?>> SHELVES = List.of(Shelf.class, Book.class);

    @Entity(name = "CkShelf")
    @Table(name = "ck_shelf")
    @Versioned
    static class Shelf {
        @Id
        Long id;
        String label;
        @OneToMany(mappedBy = "shelf")
        Set<Book> books = new HashSet<>();
    }

    @Entity(name = "CkBook")
    @Table(name = "ck_book")
    @Versioned
    static class Book {
        @Id
        Long id;
        String title;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "shelf_id")
        Shelf shelf;
    }

    @DatabaseTest
    void theChildrensVersionTableIsIndexedByTheOwnersKeyAndTheReadFindsThem(Db db) throws Exception {
        try (EntityManagerFactory factory = unit(db, "create-drop", "ck", SHELVES)) {
            Db.inTransaction(factory, em -> {
                Shelf shelf = new Shelf();
                shelf.id = 1L;
                shelf.label = "poetry";
                em.persist(shelf);
                Book book = new Book();
                book.id = 10L;
                book.title = "Odes";
                book.shelf = shelf;
                em.persist(book);
                return null;
            });
            long point = Db.inTransaction(factory, em -> VersionHistory.of(em).versions(Shelf.class, 1L).get(0)
                    .transactionId());
            Db.inTransaction(factory, em -> {
                em.find(Book.class, 10L).title = "Odes, revised";
                return null;
            });

            List<String> titles = Db.inTransaction(factory, em -> VersionHistory.of(em)
                    .asOf(Shelf.class, 1L, point).orElseThrow().entity().books.stream().map(b -> b.title).toList());
            assertThat(titles).containsExactly("Odes");
            assertThat(indexColumns(db, "ck_book_version", "ix_ck_book_version_shelf_id"))
                    .containsExactly("shelf_id", "transaction_id");
        }
    }

    @DatabaseTest
    void aMissingIndexOnTheOwnersKeyFailsTheBootWithTheDdlThatCreatesIt(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "ck", SHELVES);
        try {
            Units.dropIndex(db, "ck_book_version", "ix_ck_book_version_shelf_id");

            Throwable thrown = catchThrowable(() -> unit(db, "none", "ck", SHELVES).close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage()).contains("- Version table "
                    + "'ck_book_version' of entity CkBook has no index on (shelf_id, transaction_id), which reading "
                    + "a one-to-many's children as of a point relies on. Fix: create index ix_ck_book_version_shelf_id "
                    + "on ck_book_version (shelf_id, transaction_id)");
        } finally {
            created.close();
        }
    }

    /** The columns of the index, in order, as the driver reports them. */
    private static List<String> indexColumns(Db db, String table, String index) throws Exception {
        Map<Integer, String> columns = new TreeMap<>();
        try (Connection connection = db.connect();
                ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), null,
                        db.database() == TestDatabase.H2
                                ? table.toUpperCase(Locale.ROOT) : table, false, false)) {
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    columns.put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return new ArrayList<>(columns.values());
    }
}
