package dev.continuum.hibernate.history;

import dev.continuum.ChangeContext;
import dev.continuum.Changeset;
import dev.continuum.CollectionChange;
import dev.continuum.PropertyChange;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Dimensions;
import dev.continuum.hibernate.model.Owner;
import dev.continuum.hibernate.model.Pet;
import dev.continuum.hibernate.model.Product;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.ListAttribute;
import jakarta.persistence.metamodel.SingularAttribute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of {@code docs/history.md}, compiled and run: each {@code // snippet:} block below
 * is quoted in the guide.
 */
@Model({Product.class, Author.class, Owner.class, Pet.class})
class HistoryGuideTest {

    private static Long productWithThreeVersions(Db db) {
        Long id = db.inTransaction(em -> {
            Product product = new Product("Desk", new BigDecimal("199.00"));
            product.setDimensions(new Dimensions(120, 75));
            em.persist(product);
            return product.getId();
        });
        ChangeContext.run("alice", null, () -> {
            db.run(em -> em.find(Product.class, id).setPrice(new BigDecimal("149.00")));
        });
        db.run(em -> em.find(Product.class, id).setName("Standing desk"));
        return id;
    }

    @DatabaseTest
    void readingAHistory(Db db) {
        Long id = productWithThreeVersions(db);
        List<String> lines = db.inTransaction(em -> {
            Product product = em.find(Product.class, id);
            List<String> out = new ArrayList<>();
            // snippet: versions
            VersionHistory history = VersionHistory.of(em);
            for (Version<Product> version : history.versions(product)) {
                Transaction tx = version.transaction();
                out.add(version.index() + " " + version.operation() + " by " + tx.userId().orElse("-")
                        + ": " + version.changeset().properties());
            }
            // end snippet
            return out;
        });

        assertThat(lines).containsExactly("0 INSERT by -: [dimensions, name, price]",
                "1 UPDATE by alice: [price]", "2 UPDATE by -: [name]");
    }

    @DatabaseTest
    void comparingVersions(Db db) {
        Long id = productWithThreeVersions(db);
        db.run(em -> {
            // snippet: changeset
            List<Version<Product>> versions = VersionHistory.of(em).versions(Product.class, id);
            Version<Product> latest = versions.get(versions.size() - 1);
            Changeset<Product> changes = latest.changeset();            // against latest.previous()
            Optional<PropertyChange<?>> byName = changes.get("name");
            SingularAttribute<? super Product, String> name =
                    em.getMetamodel().entity(Product.class).getSingularAttribute("name", String.class);
            Optional<PropertyChange<String>> typed = changes.get(name);   // or Product_.name
            Product before = latest.previous().orElseThrow().entity();   // no statement: the list is linked
            // end snippet
            assertThat(byName).isPresent();
            assertThat(typed.flatMap(PropertyChange::oldValue)).contains("Desk");
            assertThat(before.getName()).isEqualTo("Desk");
        });
    }

    @DatabaseTest
    void collectionsInAChangeset(Db db) {
        db.run(em -> {
            em.persist(new Owner(1L, "Ann"));
            em.persist(new Pet(1L, "Rex"));
        });
        db.run(em -> em.find(Owner.class, 1L).getPets().add(em.find(Pet.class, 1L)));
        Long id = 1L;
        db.run(em -> {
            // snippet: collection changeset
            Version<Owner> adopted = VersionHistory.of(em).versions(Owner.class, id).get(1);
            ListAttribute<? super Owner, Pet> pets =
                    em.getMetamodel().entity(Owner.class).getList("pets", Pet.class);   // or Owner_.pets
            CollectionChange<Pet> change = adopted.changeset().collection(pets).orElseThrow();
            List<Pet> added = change.added();        // the pets' snapshots as of this version
            List<Pet> removed = change.removed();    // as of the previous version: none here
            // end snippet
            assertThat(adopted.changeset().asMap()).isEmpty();
            assertThat(adopted.changeset().properties()).containsExactly("pets");
            assertThat(added).extracting(Pet::getName).containsExactly("Rex");
            assertThat(removed).isEmpty();
        });
    }

    @DatabaseTest
    void pointInTime(Db db) {
        Long id = productWithThreeVersions(db);
        Instant yesterday = Instant.now().minusSeconds(86_400);
        db.run(em -> {
            VersionHistory history = VersionHistory.of(em);
            long transactionId = history.versions(Product.class, id).get(1).transactionId();
            // snippet: point in time
            Optional<Version<Product>> then = history.asOf(Product.class, id, transactionId);
            Optional<Version<Product>> notYet = history.asOf(Product.class, id, yesterday);
            List<Version<Product>> firstPage = history.allAsOf(Product.class, Instant.now(), 0, 50);
            List<Version<?>> changed = history.changedIn(transactionId);
            // end snippet
            assertThat(then.map(v -> v.entity().getPrice())).hasValueSatisfying(
                    price -> assertThat(price).isEqualByComparingTo("149.00"));
            assertThat(notYet).isEmpty();
            assertThat(firstPage).hasSize(1);
            assertThat(changed).hasSize(1);
        });
    }

    @DatabaseTest
    void whoChangedThePrice(Db db) {
        Long id = productWithThreeVersions(db);
        List<String> lines = db.inTransaction(em -> {
            List<String> out = new ArrayList<>();
            // snippet: property history
            for (PropertyRevision<?> change : VersionHistory.of(em).propertyHistory(Product.class, id, "price")) {
                out.add(change.transaction().userId().orElse("-") + " "
                        + change.change().oldValue().orElse(null) + " -> " + change.change().newValue().orElse(null));
            }
            // end snippet
            return out;
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("alice 199");
    }

    @DatabaseTest
    void revertingAndUndoing(Db db) {
        Long id = productWithThreeVersions(db);
        db.run(em -> {
            // snippet: revert
            Version<Product> first = VersionHistory.of(em).versions(Product.class, id).get(0);
            first.revert();      // the managed Product now has the first version's values
            // end snippet
        });
        db.run(em -> {
            // snippet: undo
            VersionHistory history = VersionHistory.of(em);
            history.undo(em.find(Product.class, id));    // back to the state before the revert
            // end snippet
        });
        String name = db.inTransaction(em -> em.find(Product.class, id).getName());
        assertThat(name).isEqualTo("Standing desk");
        db.run(em -> {
            // snippet: redo
            VersionHistory.of(em).redo(Product.class, id);   // forward again: the revert's state
            // end snippet
        });
        EntityManager em = db.emf().createEntityManager();
        try {
            assertThat(em.find(Product.class, id).getName()).isEqualTo("Desk");
        } finally {
            em.close();
        }
    }
}
