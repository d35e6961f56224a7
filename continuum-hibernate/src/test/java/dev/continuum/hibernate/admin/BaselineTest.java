package dev.continuum.hibernate.admin;

import dev.continuum.BaselineResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.admin.BaselineModel.Book;
import dev.continuum.hibernate.admin.BaselineModel.Disc;
import dev.continuum.hibernate.admin.BaselineModel.Media;
import dev.continuum.hibernate.admin.BaselineModel.Pair;
import dev.continuum.hibernate.admin.BaselineModel.PairKey;
import dev.continuum.hibernate.admin.BaselineModel.Shelf;
import dev.continuum.hibernate.model.Unversioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows that existed before versioning get one INSERT version each from the baseline. */
@Model({Book.class, Shelf.class, Media.class, Disc.class, Pair.class, Unversioned.class})
class BaselineTest {

    /** Writes live rows behind Continuum's back, as an application did before versioning was on. */
    private static void legacyBooks(Db db, int from, int to) {
        for (int i = from; i <= to; i++) {
            db.execute("insert into bl_book (id, title) values (" + i + ", 'Book " + i + "')");
            db.execute("insert into bl_book_detail (book_id, blurb) values (" + i + ", 'About " + i + "')");
            db.execute("insert into bl_book_keyword (book_id, keyword) values (" + i + ", 'k" + i + "')");
        }
    }

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    private static HistoryAdmin admin(Db db) {
        return HistoryAdmin.of(db.emf());
    }

    @DatabaseTest
    void everyRowWithoutHistoryGetsOneInsertVersionInOneBaselineTransaction(Db db) {
        legacyBooks(db, 1, 3);

        BaselineResult result = admin(db).baseline(Book.class);

        assertThat(result.versions()).isEqualTo(3);
        assertThat(result.collectionRows()).isEqualTo(3);
        assertThat(result.transactionId()).isPositive();
        List<Version<Book>> versions = read(db, h -> h.versions(Book.class, 2L));
        assertThat(versions).hasSize(1);
        Version<Book> baseline = versions.get(0);
        assertThat(baseline.operation()).isEqualTo(Operation.INSERT);
        assertThat(baseline.transaction().userId()).contains(HistoryAdmin.BASELINE_USER);
        assertThat(baseline.transactionId()).isEqualTo(result.transactionId());
        String state = read(db, h -> {
            Book book = h.versions(Book.class, 2L).get(0).entity();
            return book.title + "/" + book.blurb + "/" + book.keywords;
        });
        assertThat(state).isEqualTo("Book 2/About 2/[k2]");
        assertThat(db.rows("select id from transaction")).hasSize(1);
    }

    @DatabaseTest
    void theFirstUpdateAfterTheBaselineClosesItsVersion(Db db) {
        legacyBooks(db, 1, 1);
        admin(db).baseline(Book.class);

        db.run(em -> em.find(Book.class, 1L).title = "Retitled");

        List<Version<Book>> versions = read(db, h -> h.versions(Book.class, 1L));
        Set<String> changed = read(db, h -> h.versions(Book.class, 1L).get(1).changeset().properties());
        assertThat(versions).extracting(Version::operation).containsExactly(Operation.INSERT, Operation.UPDATE);
        assertThat(versions.get(0).endTransactionId()).hasValue(versions.get(1).transactionId());
        assertThat(changed).containsExactly("title");
    }

    @DatabaseTest
    void rowsWithHistoryAreLeftAloneAndASecondRunRecordsNothing(Db db) {
        db.run(em -> em.persist(new Book(10L, "Versioned from the start")));
        legacyBooks(db, 1, 2);

        BaselineResult first = admin(db).baseline(Book.class);
        BaselineResult second = admin(db).baseline(Book.class);

        assertThat(first.versions()).isEqualTo(2);
        assertThat(second.versions()).isZero();
        assertThat(second.transactionId()).isZero();
        List<Version<Book>> untouched = read(db, h -> h.versions(Book.class, 10L));
        assertThat(untouched).hasSize(1);
        assertThat(db.rows("select id from transaction")).hasSize(2);
    }

    @DatabaseTest
    void batchesCommitOnTheirOwnAndShareOneTransactionRow(Db db) {
        legacyBooks(db, 1, 25);

        BaselineResult result = admin(db).baseline(Book.class, 10);

        assertThat(result.versions()).isEqualTo(25);
        assertThat(result.batches()).isEqualTo(3);
        assertThat(db.rows("select distinct transaction_id from bl_book_version")).hasSize(1);
    }

    @DatabaseTest
    void aLaterRunReusesTheTransactionRowOfTheEarlierOne(Db db) {
        legacyBooks(db, 1, 5);
        BaselineResult first = admin(db).baseline(Book.class, 2);
        legacyBooks(db, 6, 8);

        BaselineResult again = admin(db).baseline(Book.class, 2);

        assertThat(again.versions()).isEqualTo(3);
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(db.rows("select id from transaction")).hasSize(1);
    }

    @DatabaseTest
    void manyToManyLinksAreRecordedWithTheirOwner(Db db) {
        db.execute("insert into bl_shelf (id, name) values (1, 'Top')");
        legacyBooks(db, 1, 1);
        db.execute("insert into bl_book_shelf (book_id, shelf_id) values (1, 1)");

        admin(db).baseline(Shelf.class);
        BaselineResult books = admin(db).baseline(Book.class);

        assertThat(books.collectionRows()).isEqualTo(2);
        List<String> shelves = read(db, h -> h.versions(Book.class, 1L).get(0).entity().shelves.stream()
                .map(shelf -> shelf.name).toList());
        assertThat(shelves).containsExactly("Top");
    }

    @DatabaseTest
    void aJoinedSubclassGetsARowInEachLevelTable(Db db) {
        db.execute("insert into bl_media (id, label) values (1, 'Plain')");
        db.execute("insert into bl_media (id, label) values (2, 'Album')");
        db.execute("insert into bl_disc (id, tracks) values (2, 12)");

        BaselineResult result = admin(db).baseline(Disc.class);

        assertThat(result.versions()).isEqualTo(2);
        assertThat(db.rows("select id from bl_disc_version")).extracting(r -> number(r.get("id"))).containsExactly(2L);
        Version<Media> album = read(db, h -> h.versions(Media.class, 2L).get(0));
        assertThat(album.entity()).isInstanceOfSatisfying(Disc.class, disc -> assertThat(disc.tracks).isEqualTo(12));
    }

    @DatabaseTest
    void aCompositeKeyIsRecordedInOneBatch(Db db) {
        db.execute("insert into bl_pair (area, slot, weight) values ('a', 'b', 3)");
        db.execute("insert into bl_pair (area, slot, weight) values ('a', 'c', 4)");

        BaselineResult result = admin(db).baseline(Pair.class, 1);

        assertThat(result.versions()).isEqualTo(2);
        assertThat(result.batches()).isEqualTo(1);
        int weight = read(db, h -> h.versions(Pair.class, new PairKey("a", "c")).get(0).entity().weight);
        assertThat(weight).isEqualTo(4);
    }

    @DatabaseTest
    void aTypeThatIsNotVersionedIsRefused(Db db) {
        assertThatThrownBy(() -> admin(db).baseline(Unversioned.class))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining(Unversioned.class.getName() + " is not a versioned entity");
        assertThatThrownBy(() -> admin(db).baseline(Book.class, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @DatabaseTest
    void writersDuringTheBaselineKeepOneOpenVersionPerEntity(Db db) throws Exception {
        legacyBooks(db, 1, 120);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger updates = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                for (int round = 0; !done.get() || round < 3; round++) {
                    for (long id = 1 + round % 7; id <= 120; id += 7) {
                        long book = id;
                        db.run(em -> em.find(Book.class, book).title = "Edited " + System.nanoTime());
                        updates.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        writer.start();
        admin(db).baseline(Book.class, 5);
        done.set(true);
        writer.join();

        assertThat(failures).isEmpty();
        assertThat(updates.get()).isPositive();
        List<Map<String, Object>> open = db.rows("select id, count(*) as n from bl_book_version "
                + "where end_transaction_id is null group by id having count(*) <> 1");
        assertThat(open).isEmpty();
        assertThat(db.rows("select distinct id from bl_book_version")).hasSize(120);
        List<Map<String, Object>> rows = db.rows("select id, transaction_id, end_transaction_id from bl_book_version "
                + "order by id, transaction_id");
        for (int i = 0; i + 1 < rows.size(); i++) {
            if (number(rows.get(i).get("id")).equals(number(rows.get(i + 1).get("id")))) {
                assertThat(number(rows.get(i).get("end_transaction_id")))
                        .isEqualTo(number(rows.get(i + 1).get("transaction_id")));
            }
        }
    }
}
