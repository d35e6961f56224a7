package dev.continuum.hibernate.admin;

import dev.continuum.Changeset;
import dev.continuum.ErasureResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
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
import dev.continuum.hibernate.testing.StatementCounter;
import jakarta.persistence.EntityManager;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Pruning history by retention rules, and erasing a subject. */
@Model(value = {Book.class, Shelf.class, Media.class, Disc.class, Memo.class}, properties = StatementCounter.PROPERTY)
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
        Changeset<Book> acrossTheGap = read(db, h -> h.versions(Book.class, 1L).get(1).changeset());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).endTransactionId()).hasValue(endOfFirst);
        assertThat(versions.get(0).endTransactionId().getAsLong()).isLessThan(versions.get(1).transactionId());
        assertThat(acrossTheGap.asMap()).containsKey("title");
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

    /** Book 1 titled a, b, c, d, e, pruned to a, d, e: the transactions of the versions that remain. */
    private static List<Long> bookWithAGap(Db db) {
        book(db, 1L, "a", "b", "c", "d", "e");
        admin(db).prune(Book.class, RetentionPolicy.keepLast(2));
        return read(db, h -> h.versions(Book.class, 1L).stream().map(Version::transactionId).toList());
    }

    @DatabaseTest
    void aVersionReadOnItsOwnAfterAGapHasTheLastVersionBeforeItAsPrevious(Db db) {
        List<Long> remaining = bookWithAGap(db);

        String previous = read(db, h -> h.asOf(Book.class, 1L, remaining.get(1)).orElseThrow()
                .previous().orElseThrow().entity().title);

        assertThat(previous).isEqualTo("a");
    }

    @DatabaseTest
    void aVersionReadOnItsOwnBeforeAGapHasTheFirstVersionAfterItAsNext(Db db) {
        List<Long> remaining = bookWithAGap(db);

        String next = read(db, h -> h.recordedIn(Book.class, 1L, remaining.get(0)).orElseThrow()
                .next().orElseThrow().entity().title);

        assertThat(next).isEqualTo("d");
    }

    @DatabaseTest
    void aVersionReadOnItsOwnCountsTheRemainingVersionsBeforeIt(Db db) {
        List<Long> remaining = bookWithAGap(db);

        List<Integer> indexes = read(db, h -> remaining.stream()
                .map(tx -> h.recordedIn(Book.class, 1L, tx).orElseThrow().index()).toList());

        assertThat(indexes).containsExactly(0, 1, 2);
    }

    @DatabaseTest
    void theChangesetOfAVersionReadOnItsOwnAfterAGapComparesWithTheVersionBeforeTheGap(Db db) {
        List<Long> remaining = bookWithAGap(db);

        Optional<PropertyChange<?>> title = read(db, h -> h.changedIn(remaining.get(1)).get(0).changeset().get("title"));

        assertThat(title).contains(PropertyChange.of("a", "d"));
    }

    @DatabaseTest
    void aVersionReadOnItsOwnNavigatesLikeTheLoadedList(Db db) {
        List<Long> remaining = bookWithAGap(db);

        List<String> loaded = read(db, h -> h.versions(Book.class, 1L).stream()
                .map(v -> v.previous().map(p -> p.entity().title).orElse("-") + "<" + v.entity().title + ">"
                        + v.next().map(n -> n.entity().title).orElse("-") + "@" + v.index()).toList());
        List<String> alone = read(db, h -> remaining.stream()
                .map(tx -> h.recordedIn(Book.class, 1L, tx).orElseThrow())
                .map(v -> v.previous().map(p -> p.entity().title).orElse("-") + "<" + v.entity().title + ">"
                        + v.next().map(n -> n.entity().title).orElse("-") + "@" + v.index()).toList());

        assertThat(alone).isEqualTo(loaded).containsExactly("-<a>d@0", "a<d>e@1", "d<e>-@2");
    }

    @DatabaseTest
    void aPageAfterAGapFindsItsNeighboursAcrossIt(Db db) {
        bookWithAGap(db);

        String neighbours = read(db, h -> {
            Version<Book> page = h.versions(Book.class, 1L, 1, 1).get(0);
            return page.previous().orElseThrow().entity().title + " " + page.entity().title + " "
                    + page.next().orElseThrow().entity().title + " " + page.index();
        });

        assertThat(neighbours).isEqualTo("a d e 1");
    }

    @DatabaseTest
    void steppingOverAGapCostsOneStatementEachWay(Db db) {
        List<Long> remaining = bookWithAGap(db);

        List<Integer> counts = read(db, h -> {
            Version<Book> middle = h.recordedIn(Book.class, 1L, remaining.get(1)).orElseThrow();
            List<Integer> statements = new java.util.ArrayList<>();
            StatementCounter.reset();
            middle.previous().orElseThrow();
            statements.add(StatementCounter.statements().size());
            middle.next().orElseThrow();
            statements.add(StatementCounter.statements().size());
            middle.index();
            statements.add(StatementCounter.statements().size());
            return statements;
        });

        assertThat(counts).containsExactly(1, 2, 3);
    }

    @DatabaseTest
    void undoWhosePositionWasPrunedStartsAgainFromTheCurrentVersion(Db db) {
        book(db, 1L, "a", "b", "c");
        db.run(em -> VersionHistory.of(em).undo(Book.class, 1L));
        Map<String, Object> position = db.rows("select * from continuum_undo").get(0);
        admin(db).prune(Book.class, RetentionPolicy.keepLast(2));
        restore(db, position);

        String shown = db.inTransaction(em -> VersionHistory.of(em).undo(Book.class, 1L).orElseThrow().entity().title);

        String now = db.inTransaction(em -> em.find(Book.class, 1L).title);
        assertThat(shown).isEqualTo("c");
        assertThat(now).isEqualTo("c");
    }

    @DatabaseTest
    void redoWhosePositionWasPrunedHasNothingToRedo(Db db) {
        book(db, 1L, "a", "b", "c");
        db.run(em -> VersionHistory.of(em).undo(Book.class, 1L));
        Map<String, Object> position = db.rows("select * from continuum_undo").get(0);
        admin(db).prune(Book.class, RetentionPolicy.keepLast(2));
        restore(db, position);

        Optional<Version<Book>> redone = db.inTransaction(em -> VersionHistory.of(em).redo(Book.class, 1L));

        String now = db.inTransaction(em -> em.find(Book.class, 1L).title);
        assertThat(redone).isEmpty();
        assertThat(now).isEqualTo("b");
    }

    /** Puts an undo position back as a prune interrupted before resetting it would have left it. */
    private static void restore(Db db, Map<String, Object> position) {
        assertThat(db.count("continuum_undo")).isZero();
        try (var connection = db.connect(); PreparedStatement statement = connection.prepareStatement(
                "insert into continuum_undo (entity_name, entity_id, origin_transaction_id, position_transaction_id, "
                        + "base_transaction_id) values (?, ?, ?, ?, ?)")) {
            statement.setString(1, (String) position.get("entity_name"));
            statement.setString(2, (String) position.get("entity_id"));
            statement.setLong(3, number(position.get("origin_transaction_id")));
            statement.setLong(4, number(position.get("position_transaction_id")));
            statement.setLong(5, number(position.get("base_transaction_id")));
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
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
        // whole milliseconds, which every database stores exactly, so that the check below holds
        Timestamp then = Timestamp.from(Instant.now().minus(age).truncatedTo(ChronoUnit.MILLIS));
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
