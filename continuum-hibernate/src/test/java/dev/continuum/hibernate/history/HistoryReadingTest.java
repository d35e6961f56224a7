package dev.continuum.hibernate.history;

import dev.continuum.ChangeContext;
import dev.continuum.Changeset;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Article;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Dimensions;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Product;
import dev.continuum.hibernate.model.Status;
import dev.continuum.hibernate.model.Unversioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.SingularAttribute;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading history: versions, snapshots, changesets, navigation, point in time, transactions. */
@Model(value = {Article.class, Author.class, Note.class, Product.class, Unversioned.class},
        properties = StatementCounter.PROPERTY)
class HistoryReadingTest {

    private static <R> R read(Db db, Function<VersionHistory, R> work) {
        EntityManager em = db.emf().createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    private static void writeNote(Db db, String... texts) {
        db.run(em -> em.persist(new Note(1L, texts[0])));
        for (int i = 1; i < texts.length; i++) {
            String text = texts[i];
            db.run(em -> em.find(Note.class, 1L).setText(text));
        }
    }

    @DatabaseTest
    void aPageOfVersionsIsReadByTheDatabaseAndLinkedAcrossItsEdges(Db db) {
        writeNote(db, "v0", "v1", "v2", "v3", "v4");

        read(db, history -> {
            StatementCounter.reset();
            List<Version<Note>> page = history.versions(Note.class, 1L, 1, 2);
            assertThat(StatementCounter.statements()).hasSize(1);
            assertThat(page).extracting(v -> v.entity().getText()).containsExactly("v1", "v2");
            assertThat(page).extracting(Version::index).containsExactly(1, 2);
            assertThat(page.get(0).next()).containsSame(page.get(1));
            assertThat(StatementCounter.statements()).hasSize(1);

            assertThat(page.get(0).previous()).map(v -> v.entity().getText()).contains("v0");
            assertThat(page.get(1).next()).map(v -> v.entity().getText()).contains("v3");
            assertThat(page.get(0).changeset().asMap()).containsKey("text");

            assertThat(history.versions(Note.class, 1L, 4, 10)).extracting(Version::index).containsExactly(4);
            assertThat(history.versions(Note.class, 1L, 4, 10).get(0).next()).isEmpty();
            assertThat(history.versions(Note.class, 1L, 5, 10)).isEmpty();
            return null;
        });
        assertThatThrownBy(() -> read(db, h -> h.versions(Note.class, 1L, -1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(db, h -> h.versions(Note.class, 1L, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @DatabaseTest
    void versionsAreOldestFirstWithTheirOperationsAndTransactions(Db db) {
        ChangeContext.run("alice", "203.0.113.7", () -> {
            writeNote(db, "one", "two");
            db.run(em -> em.remove(em.find(Note.class, 1L)));
        });

        List<Version<Note>> versions = read(db, h -> h.versions(Note.class, 1L));

        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
        assertThat(versions).extracting(v -> v.entity().getText()).containsExactly("one", "two", "two");
        assertThat(versions).extracting(Version::transactionId).isSorted().doesNotHaveDuplicates();
        Transaction transaction = versions.get(0).transaction();
        assertThat(transaction.id()).isEqualTo(versions.get(0).transactionId());
        assertThat(transaction.userId()).contains("alice");
        assertThat(transaction.remoteAddress()).contains("203.0.113.7");
        assertThat(versions.get(0).endTransactionId()).hasValue(versions.get(1).transactionId());
        assertThat(versions.get(2).endTransactionId()).isEmpty();
    }

    @DatabaseTest
    void historyOfFiftyVersionsIsReadInOneStatement(Db db) {
        db.run(em -> em.persist(new Note(1L, "v0")));
        for (int i = 1; i < 50; i++) {
            String text = "v" + i;
            db.run(em -> em.find(Note.class, 1L).setText(text));
        }

        StatementCounter.reset();
        List<Version<Note>> versions = read(db, h -> h.versions(Note.class, 1L));

        assertThat(versions).hasSize(50);
        assertThat(StatementCounter.statements()).hasSize(1);
    }

    @DatabaseTest
    void walkingTheLoadedListRunsNoStatement(Db db) {
        writeNote(db, "a", "b", "c", "d");
        List<Version<Note>> versions = read(db, h -> h.versions(Note.class, 1L));

        StatementCounter.reset();
        Version<Note> version = versions.get(0);
        int steps = 0;
        while (version.next().isPresent()) {
            version.changeset();
            version = version.next().get();
            steps++;
        }
        while (version.previous().isPresent()) {
            assertThat(version.index()).isEqualTo(steps--);
            version = version.previous().get();
        }

        assertThat(version).isSameAs(versions.get(0));
        assertThat(StatementCounter.statements()).isEmpty();
    }

    @DatabaseTest
    void indexCountsOnlyTheEntitysOwnVersionsWhenOthersInterleave(Db db) {
        db.run(em -> em.persist(new Note(1L, "a0")));
        db.run(em -> em.persist(new Note(2L, "b0")));
        db.run(em -> em.find(Note.class, 2L).setText("b1"));
        db.run(em -> em.find(Note.class, 1L).setText("a1"));
        db.run(em -> em.find(Note.class, 2L).setText("b2"));
        db.run(em -> em.find(Note.class, 1L).setText("a2"));

        List<Version<Note>> first = read(db, h -> h.versions(Note.class, 1L));
        List<Version<Note>> second = read(db, h -> h.versions(Note.class, 2L));
        long lastOfFirst = first.get(2).transactionId();
        int standaloneIndex = read(db, h -> h.asOf(Note.class, 2L, lastOfFirst).orElseThrow().index());

        assertThat(first).extracting(Version::index).containsExactly(0, 1, 2);
        assertThat(second).extracting(Version::index).containsExactly(0, 1, 2);
        assertThat(standaloneIndex).isEqualTo(2);
    }

    @DatabaseTest
    void snapshotIsDetachedAndChangingItWritesNothing(Db db) {
        writeNote(db, "original");

        db.run(em -> {
            Note snapshot = VersionHistory.of(em).versions(Note.class, 1L).get(0).entity();
            assertThat(em.contains(snapshot)).isFalse();
            snapshot.setText("tampered");
        });

        assertThat(db.count("note_version")).isEqualTo(1);
        String live = db.inTransaction(em -> em.find(Note.class, 1L).getText());
        assertThat(live).isEqualTo("original");
    }

    @DatabaseTest
    void snapshotHoldsVersionedValuesAndLeavesUnversionedPropertiesAtTheirDefaults(Db db) {
        Long id = db.inTransaction(em -> {
            Author author = new Author("Ada");
            em.persist(author);
            Article article = new Article("Title", "Body");
            article.setStatus(Status.PUBLISHED);
            article.setViewCount(42);
            article.setCachedSummary("cached");
            article.setAuthor(author);
            em.persist(article);
            return article.getId();
        });
        Long authorId = db.inTransaction(em -> em.find(Article.class, id).getAuthor().getId());

        db.run(em -> {
            Article snapshot = VersionHistory.of(em).versions(Article.class, id).get(0).entity();
            assertThat(snapshot.getId()).isEqualTo(id);
            assertThat(snapshot.getTitle()).isEqualTo("Title");
            assertThat(snapshot.getStatus()).isEqualTo(Status.PUBLISHED);
            assertThat(snapshot.getViewCount()).isZero();
            assertThat(snapshot.getCachedSummary()).isNull();
            assertThat(snapshot.getAuthor().getId()).isEqualTo(authorId);
            assertThat(snapshot.getAuthor().getName()).isEqualTo("Ada");
            assertThat(em.contains(snapshot.getAuthor())).isFalse();
        });
    }

    @DatabaseTest
    void embeddableAndDecimalAreRebuilt(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("199.90"));
            product.setDimensions(new Dimensions(120, 75));
            em.persist(product);
            return product.getId();
        });

        Product snapshot = read(db, h -> h.versions(Product.class, id).get(0).entity());

        assertThat(snapshot.getDimensions()).isEqualTo(new Dimensions(120, 75));
        assertThat(snapshot.getPrice()).isEqualByComparingTo("199.90");
    }

    @DatabaseTest
    void firstVersionChangesetShowsEveryNonNullPropertyFromNothing(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("10.00"));
            em.persist(product);
            return product.getId();
        });

        Changeset<Product> changeset = read(db, h -> h.versions(Product.class, id).get(0).changeset());

        assertThat(changeset.properties()).containsExactlyInAnyOrder("name", "price");
        assertThat(changeset.get("name")).contains(PropertyChange.of(null, "Desk"));
    }

    @DatabaseTest
    void updateChangesetShowsOnlyTheChangedPropertiesWithOldAndNewValues(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("10.00"));
            em.persist(product);
            return product.getId();
        });
        db.run(em -> em.find(Product.class, id).setName("Table"));

        Changeset<Product> changeset = read(db, h -> h.versions(Product.class, id).get(1).changeset());

        assertThat(changeset.asMap()).containsOnlyKeys("name");
        assertThat(changeset.get("name")).contains(PropertyChange.of("Desk", "Table"));
    }

    @DatabaseTest
    void changesetIsReadableThroughTheJpaMetamodel(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("10.00"));
            em.persist(product);
            return product.getId();
        });
        db.run(em -> em.find(Product.class, id).setName("Table"));

        db.run(em -> {
            SingularAttribute<? super Product, String> name =
                    em.getMetamodel().entity(Product.class).getSingularAttribute("name", String.class);
            SingularAttribute<? super Product, BigDecimal> price =
                    em.getMetamodel().entity(Product.class).getSingularAttribute("price", BigDecimal.class);
            Changeset<Product> changeset = VersionHistory.of(em).versions(Product.class, id).get(1).changeset();

            Optional<PropertyChange<String>> change = changeset.get(name);
            assertThat(change.flatMap(PropertyChange::newValue)).contains("Table");
            assertThat(changeset.get(price)).isEmpty();
        });
    }

    @DatabaseTest
    void deleteChangesetShowsEveryNonNullPropertyGoingToNothing(Db db) {
        writeNote(db, "last words");
        db.run(em -> em.remove(em.find(Note.class, 1L)));

        Changeset<Note> changeset = read(db, h -> h.versions(Note.class, 1L).get(1).changeset());

        assertThat(changeset.asMap()).containsOnlyKeys("text");
        assertThat(changeset.get("text")).contains(PropertyChange.of("last words", null));
    }

    @DatabaseTest
    void aPageAsOfATransactionReadsTheVersionTableFirstOnMariaDb(Db db) {
        for (long id = 1; id <= 3; id++) {
            long note = id;
            db.run(em -> em.persist(new Note(note, "note " + note)));
        }
        long point = read(db, h -> h.versions(Note.class, 3L).get(0).transactionId());
        db.run(em -> em.find(Note.class, 1L).setText("changed"));

        StatementCounter.reset();
        List<Version<Note>> page = read(db, h -> h.allAsOf(Note.class, point, 0, 2));

        assertThat(page).extracting(v -> v.entity().getText()).containsExactly("note 1", "note 2");
        // MariaDB would read the transactions up to the point first and sort every version valid then
        assertThat(StatementCounter.statements()).singleElement()
                .satisfies(sql -> assertThat(sql.contains(" straight_join "))
                        .isEqualTo(db.database() == TestDatabase.MARIADB));
    }

    @DatabaseTest
    void asOfATransactionReturnsTheVersionValidThen(Db db) {
        writeNote(db, "a", "b", "c");
        List<Version<Note>> versions = read(db, h -> h.versions(Note.class, 1L));
        long second = versions.get(1).transactionId();

        Optional<Version<Note>> asOf = read(db, h -> h.asOf(Note.class, 1L, second));
        Optional<Version<Note>> before = read(db, h -> h.asOf(Note.class, 1L, versions.get(0).transactionId() - 1));

        assertThat(asOf.map(v -> v.entity().getText())).contains("b");
        assertThat(before).isEmpty();
    }

    @DatabaseTest
    void asOfAfterADeleteIsEmpty(Db db) {
        writeNote(db, "a");
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        long delete = read(db, h -> h.versions(Note.class, 1L).get(1).transactionId());

        Optional<Version<Note>> atDelete = read(db, h -> h.asOf(Note.class, 1L, delete));
        Optional<Version<Note>> afterDelete = read(db, h -> h.asOf(Note.class, 1L, delete + 100));
        assertThat(atDelete).isEmpty();
        assertThat(afterDelete).isEmpty();
    }

    @DatabaseTest
    void asOfAnInstantReturnsTheVersionOfTheLastTransactionIssuedByThen(Db db) {
        writeNote(db, "a", "b", "c");
        List<Version<Note>> versions = read(db, h -> h.versions(Note.class, 1L));

        Optional<Version<Note>> asOf = read(db, h -> h.asOf(Note.class, 1L, versions.get(1).transaction().issuedAt()));
        Optional<Version<Note>> before = read(db, h -> h.asOf(Note.class, 1L,
                versions.get(0).transaction().issuedAt().minusSeconds(3600)));

        assertThat(asOf.map(Version::transactionId)).contains(versions.get(1).transactionId());
        assertThat(before).isEmpty();
    }

    @DatabaseTest
    void pointInTimeOfOneEntityTakesOneStatement(Db db) {
        writeNote(db, "a", "b", "c");
        long second = read(db, h -> h.versions(Note.class, 1L).get(1).transactionId());

        StatementCounter.reset();
        read(db, h -> h.asOf(Note.class, 1L, second).orElseThrow());
        int byTransaction = StatementCounter.statements().size();
        StatementCounter.reset();
        read(db, h -> h.asOf(Note.class, 1L, java.time.Instant.now()).orElseThrow());

        assertThat(byTransaction).isEqualTo(1);
        assertThat(StatementCounter.statements()).hasSize(1);
    }

    @DatabaseTest
    void standaloneVersionFindsEachNeighbourWithOneStatement(Db db) {
        writeNote(db, "a", "b", "c");
        long second = read(db, h -> h.versions(Note.class, 1L).get(1).transactionId());

        db.run(em -> {
            Version<Note> middle = VersionHistory.of(em).asOf(Note.class, 1L, second).orElseThrow();
            StatementCounter.reset();
            assertThat(middle.previous().map(v -> v.entity().getText())).contains("a");
            assertThat(StatementCounter.statements()).hasSize(1);
            assertThat(middle.next().map(v -> v.entity().getText())).contains("c");
            assertThat(middle.next().flatMap(Version::next)).isEmpty();
            assertThat(middle.changeset().get("text")).contains(PropertyChange.of("a", "b"));
            assertThat(StatementCounter.statements()).hasSize(2);
        });
    }

    @DatabaseTest
    void allAsOfPagesTheEntitiesThatExistedThenOrderedById(Db db) {
        for (long id = 1; id <= 5; id++) {
            long noteId = id;
            db.run(em -> em.persist(new Note(noteId, "n" + noteId)));
        }
        db.run(em -> em.remove(em.find(Note.class, 2L)));
        long then = read(db, h -> h.versions(Note.class, 2L).get(1).transactionId());
        db.run(em -> em.find(Note.class, 3L).setText("later"));
        db.run(em -> em.persist(new Note(6L, "later")));

        List<Version<Note>> firstPage = read(db, h -> h.allAsOf(Note.class, then, 0, 2));
        List<Version<Note>> secondPage = read(db, h -> h.allAsOf(Note.class, then, 2, 2));

        assertThat(firstPage).extracting(Version::id).containsExactly(1L, 3L);
        assertThat(secondPage).extracting(Version::id).containsExactly(4L, 5L);
        assertThat(firstPage.get(1).entity().getText()).isEqualTo("n3");
    }

    @DatabaseTest
    void allAsOfAnInstantUsesTheLastTransactionIssuedByThen(Db db) {
        db.run(em -> em.persist(new Note(1L, "one")));
        java.time.Instant then = read(db, h -> h.versions(Note.class, 1L).get(0).transaction().issuedAt());
        db.run(em -> em.persist(new Note(2L, "two")));

        List<Version<Note>> all = read(db, h -> h.allAsOf(Note.class, then, 0, 10));

        assertThat(all).extracting(Version::id).containsExactly(1L);
    }

    @DatabaseTest
    void transactionIsFoundByIdAndAnUnknownIdIsEmpty(Db db) {
        ChangeContext.run("bob", null, () -> {
            writeNote(db, "a");
        });
        long id = read(db, h -> h.versions(Note.class, 1L).get(0).transactionId());

        Optional<Transaction> transaction = read(db, h -> h.transaction(id));

        assertThat(transaction.flatMap(Transaction::userId)).contains("bob");
        assertThat(transaction.flatMap(Transaction::remoteAddress)).isEmpty();
        Optional<Transaction> unknown = read(db, h -> h.transaction(id + 1000));
        assertThat(unknown).isEmpty();
    }

    @DatabaseTest
    void changedInListsTheVersionsOfEveryEntityOfTheTransaction(Db db) {
        Long articleId = db.inTransaction(em -> {
            em.persist(new Note(1L, "a"));
            em.persist(new Note(2L, "b"));
            Article article = new Article("t", "b");
            em.persist(article);
            return article.getId();
        });
        long id = read(db, h -> h.versions(Note.class, 1L).get(0).transactionId());

        List<Version<?>> changed = read(db, h -> h.changedIn(id));

        assertThat(changed).extracting(v -> v.entity().getClass().getSimpleName() + "#" + v.id())
                .containsExactly("Article#" + articleId, "Note#1", "Note#2");
        assertThat(changed).allMatch(v -> v.transactionId() == id && v.operation() == Operation.INSERT);
    }

    @DatabaseTest
    void propertyHistoryListsOnlyTheVersionsThatChangedTheProperty(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("10.00"));
            em.persist(product);
            return product.getId();
        });
        db.run(em -> em.find(Product.class, id).setName("Table"));
        ChangeContext.run("carol", null, () -> {
            db.run(em -> em.find(Product.class, id).setPrice(new BigDecimal("12.50")));
        });

        List<PropertyRevision<?>> history = read(db, h -> h.propertyHistory(Product.class, id, "price"));

        assertThat(history).hasSize(2);
        assertThat(history.get(0).change().newValue()).hasValueSatisfying(
                v -> assertThat((BigDecimal) v).isEqualByComparingTo("10.00"));
        assertThat(history.get(1).operation()).isEqualTo(Operation.UPDATE);
        assertThat(history.get(1).transaction().userId()).contains("carol");
        assertThat(history.get(1).change().oldValue()).hasValueSatisfying(
                v -> assertThat((BigDecimal) v).isEqualByComparingTo("10.00"));
    }

    @DatabaseTest
    void typedPropertyHistoryUsesTheMetamodelAttribute(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("10.00"));
            em.persist(product);
            return product.getId();
        });
        db.run(em -> em.find(Product.class, id).setName("Table"));

        List<String> names = db.inTransaction(em -> {
            SingularAttribute<? super Product, String> name =
                    em.getMetamodel().entity(Product.class).getSingularAttribute("name", String.class);
            return VersionHistory.of(em).propertyHistory(Product.class, id, name).stream()
                    .map(r -> r.change().newValue().orElseThrow()).toList();
        });

        assertThat(names).containsExactly("Desk", "Table");
    }

    @DatabaseTest
    void propertyHistoryOfAnUnversionedPropertyNamesTheVersionedOnes(Db db) {
        assertThatThrownBy(() -> read(db, h -> h.propertyHistory(Article.class, 1L, "viewCount")))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Article has no versioned property 'viewCount'")
                .hasMessageContaining("title");
    }

    @DatabaseTest
    void countCountsTheVersionsOfOneEntityInOneStatement(Db db) {
        writeNote(db, "a", "b", "c");
        db.run(em -> em.persist(new Note(2L, "other")));

        StatementCounter.reset();
        long count = read(db, h -> h.count(Note.class, 1L));

        assertThat(count).isEqualTo(3);
        assertThat(StatementCounter.statements()).hasSize(1);
        long other = db.inTransaction(em -> VersionHistory.of(em).count(em.find(Note.class, 2L)));
        assertThat(other).isEqualTo(1);
    }

    @DatabaseTest
    void versionsOfAManagedEntityUseItsIdentifier(Db db) {
        writeNote(db, "a", "b");

        List<String> texts = db.inTransaction(em -> VersionHistory.of(em).versions(em.find(Note.class, 1L)).stream()
                .map(v -> v.entity().getText()).toList());

        assertThat(texts).containsExactly("a", "b");
    }

    @DatabaseTest
    void anUnversionedEntityTypeIsALookupErrorNamingTheFix(Db db) {
        assertThatThrownBy(() -> read(db, h -> h.versions(Unversioned.class, 1L)))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Unversioned is not @Versioned")
                .hasMessageContaining("annotate dev.continuum.hibernate.model.Unversioned with @dev.continuum.Versioned");
    }

    @DatabaseTest
    void anIdentifierOfTheWrongTypeIsALookupError(Db db) {
        assertThatThrownBy(() -> read(db, h -> h.versions(Note.class, "1")))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("identifier of Note is a Long");
    }

    @DatabaseTest
    void aNeverPersistedEntityIsALookupError(Db db) {
        assertThatThrownBy(() -> read(db, h -> h.versions(new Article("t", "b"))))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("has no identifier yet");
    }
}
