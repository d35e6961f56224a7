package dev.continuum.hibernate.admin;

import dev.continuum.ErasureResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.Operation;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.admin.BaselineModel.Book;
import dev.continuum.hibernate.admin.BaselineModel.Disc;
import dev.continuum.hibernate.admin.BaselineModel.Media;
import dev.continuum.hibernate.admin.BaselineModel.Memo;
import dev.continuum.hibernate.admin.BaselineModel.Shelf;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Pruning history by retention rules, and erasing a subject. */
@Model({Book.class, Shelf.class, Media.class, Disc.class, Memo.class})
class RetentionTest {

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

    /** A book with {@code titles.length} versions: inserted with the first title, then retitled. */
    private static void book(Db db, long id, String... titles) {
        db.run(em -> em.persist(new Book(id, titles[0])));
        for (int i = 1; i < titles.length; i++) {
            String title = titles[i];
            db.run(em -> em.find(Book.class, id).title = title);
        }
    }

    private static List<String> titles(Db db, long id) {
        return read(db, h -> h.versions(Book.class, id).stream().map(v -> v.entity().title).toList());
    }

    @DatabaseTest
    void keepingTheLastVersionsKeepsThemAndTheFirst(Db db) {
        book(db, 1L, "a", "b", "c", "d", "e");

        PruneResult result = admin(db).prune(Book.class, RetentionPolicy.keepLast(2));

        assertThat(result.versions()).isEqualTo(2);
        assertThat(result.transactions()).isEqualTo(2);
        assertThat(titles(db, 1L)).containsExactly("a", "d", "e");
    }

    @DatabaseTest
    void aGapKeepsTheTrueEndOfTheVersionBeforeIt(Db db) {
        book(db, 1L, "a", "b", "c", "d");
        long endOfFirst = read(db, h -> h.versions(Book.class, 1L).get(0).endTransactionId().orElseThrow());

        admin(db).prune(Book.class, RetentionPolicy.keepLast(1));

        List<Version<Book>> versions = read(db, h -> h.versions(Book.class, 1L));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).endTransactionId()).hasValue(endOfFirst);
        assertThat(versions.get(0).endTransactionId().getAsLong()).isLessThan(versions.get(1).transactionId());
        assertThat(versions.get(1).changeset().asMap()).containsKey("title");
    }

    @DatabaseTest
    void withoutKeepingTheFirstOnlyTheCurrentVersionStays(Db db) {
        book(db, 1L, "a", "b", "c");
        book(db, 2L, "x");
        db.run(em -> em.remove(em.find(Book.class, 2L)));

        admin(db).prune(Book.class, RetentionPolicy.keepLast(1).pruningFirst());

        assertThat(titles(db, 1L)).containsExactly("c");
        List<Operation> deleted = read(db, h -> h.versions(Book.class, 2L).stream().map(Version::operation).toList());
        assertThat(deleted).containsExactly(Operation.DELETE);
    }

    @DatabaseTest
    void versionsThatWereCurrentWithinTheWindowStay(Db db) {
        book(db, 1L, "a", "b", "c", "d");
        List<Long> transactions = read(db, h -> h.versions(Book.class, 1L).stream().map(Version::transactionId).toList());
        ageTransactions(db, Duration.ofDays(400), transactions.subList(0, 3));

        PruneResult result = admin(db).prune(Book.class, RetentionPolicy.keepNewerThan(Duration.ofDays(365)));

        // b ended when c was written, 400 days ago; c was current until d, within the year
        assertThat(result.versions()).isEqualTo(1);
        assertThat(titles(db, 1L)).containsExactly("a", "c", "d");
    }

    @DatabaseTest
    void collectionRowsThatNoRemainingVersionNeedsGoWithThem(Db db) {
        db.run(em -> {
            Book book = new Book(1L, "a");
            book.keywords.add("kept");
            em.persist(book);
        });
        db.run(em -> em.find(Book.class, 1L).keywords.add("brief"));
        db.run(em -> em.find(Book.class, 1L).keywords.remove("brief"));
        db.run(em -> em.find(Book.class, 1L).title = "b");

        PruneResult result = admin(db).prune(Book.class, RetentionPolicy.keepLast(1));

        assertThat(result.collectionRows()).isEqualTo(2);
        assertThat(db.rows("select keyword from bl_book_keyword_version")).extracting(r -> r.get("keyword"))
                .containsExactly("kept");
        List<String> keywordsNow = read(db, h -> List.copyOf(h.versions(Book.class, 1L).get(1).entity().keywords));
        assertThat(keywordsNow).containsExactly("kept");
    }

    @DatabaseTest
    void aJoinedSubclassLosesItsLevelRowsToo(Db db) {
        db.run(em -> {
            Disc disc = new Disc();
            disc.id = 1L;
            disc.label = "one";
            em.persist(disc);
        });
        db.run(em -> em.find(Disc.class, 1L).label = "two");
        db.run(em -> em.find(Disc.class, 1L).tracks = 9);

        admin(db).prune(Media.class, RetentionPolicy.keepLast(1));

        assertThat(db.count("bl_media_version")).isEqualTo(2);
        assertThat(db.count("bl_disc_version")).isEqualTo(2);
    }

    @DatabaseTest
    void undoPositionsThatReferToPrunedVersionsAreReset(Db db) {
        book(db, 1L, "a", "b", "c");
        db.run(em -> VersionHistory.of(em).undo(Book.class, 1L));
        assertThat(db.count("continuum_undo")).isEqualTo(1);

        PruneResult result = admin(db).prune(Book.class, RetentionPolicy.keepLast(1).pruningFirst());

        assertThat(result.undoPositions()).isEqualTo(1);
        assertThat(db.count("continuum_undo")).isZero();
        db.run(em -> VersionHistory.of(em).undo(Book.class, 1L));
    }

    @DatabaseTest
    void pruneAppliesTheRulesEachEntityDeclares(Db db) {
        db.run(em -> em.persist(new Memo(1L, "one")));
        db.run(em -> em.find(Memo.class, 1L).text = "two");
        db.run(em -> em.find(Memo.class, 1L).text = "three");
        book(db, 1L, "a", "b", "c");

        PruneResult result = admin(db).prune();

        assertThat(result.versions()).isEqualTo(2);
        assertThat(db.count("bl_memo_version")).isEqualTo(1);
        assertThat(titles(db, 1L)).containsExactly("a", "b", "c");
    }

    @DatabaseTest
    void aSecondPruneFindsNothingLeftToRemove(Db db) {
        book(db, 1L, "a", "b", "c", "d");
        admin(db).prune(Book.class, RetentionPolicy.keepLast(1));

        PruneResult again = admin(db).prune(Book.class, RetentionPolicy.keepLast(1));

        assertThat(again.versions()).isZero();
        assertThat(titles(db, 1L)).containsExactly("a", "d");
    }

    @DatabaseTest
    void erasingAnEntityRemovesItsWholeHistoryAndLeavesOthers(Db db) {
        db.run(em -> {
            Book book = new Book(1L, "secret");
            book.keywords.add("private");
            em.persist(book);
            em.persist(new Book(2L, "other"));
        });
        db.run(em -> em.find(Book.class, 1L).title = "still secret");

        ErasureResult result = admin(db).erase(Book.class, 1L);

        assertThat(result.versions()).isEqualTo(2);
        assertThat(result.collectionRows()).isEqualTo(1);
        assertThat(result.transactions()).isEqualTo(1);
        List<Version<Book>> erased = read(db, h -> h.versions(Book.class, 1L));
        assertThat(erased).isEmpty();
        assertThat(titles(db, 2L)).containsExactly("other");
        assertThat(db.rows("select id from bl_book where id = 1")).hasSize(1);
        assertThat(db.count("bl_book_keyword_version")).isZero();
    }

    @DatabaseTest
    void erasingAUserClearsWhoAndWhereButKeepsTheVersions(Db db) {
        dev.continuum.ChangeContext.run("alice", "198.51.100.4", () -> book(db, 1L, "a", "b"));
        dev.continuum.ChangeContext.run("bob", null, () -> db.run(em -> em.find(Book.class, 1L).title = "c"));

        ErasureResult result = admin(db).eraseUser("alice");

        assertThat(result.transactions()).isEqualTo(2);
        assertThat(db.rows("select user_id, remote_addr from transaction order by id"))
                .extracting(r -> r.get("user_id") + "@" + r.get("remote_addr"))
                .containsExactly("null@null", "null@null", "bob@null");
        assertThat(titles(db, 1L)).containsExactly("a", "b", "c");
    }

    private static void ageTransactions(Db db, Duration age, List<Long> ids) {
        Timestamp then = Timestamp.from(Instant.now().minus(age));
        try (var connection = db.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "update transaction set issued_at = ? where id = ?")) {
            for (long id : ids) {
                statement.setTimestamp(1, then);
                statement.setLong(2, id);
                statement.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Timestamp aged = Timestamp.from(Instant.now().minus(age.dividedBy(2)));
        assertThat(number(db.rows("select count(*) as n from transaction where issued_at < ?", aged).get(0).get("n")))
                .isEqualTo((long) ids.size());
    }
}
