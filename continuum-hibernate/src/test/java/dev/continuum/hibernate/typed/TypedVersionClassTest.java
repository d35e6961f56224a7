package dev.continuum.hibernate.typed;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumException;
import dev.continuum.HistoryAdmin;
import dev.continuum.Operation;
import dev.continuum.RetentionPolicy;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Address;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The typed version class the annotation processor generated for {@link Article} maps its version
 * table: history is queryable with JPQL, and a stale class fails the boot.
 */
@Model(value = {Article.class, Writer.class, ArticleVersion.class}, properties = StatementCounter.PROPERTY)
class TypedVersionClassTest {

    private static void write(Db db, long id, String title, Status status) {
        db.run(em -> {
            Article article = em.find(Article.class, id);
            if (article == null) {
                em.persist(new Article(id, title, status));
            } else {
                article.setTitle(title);
                article.setStatus(status);
            }
        });
    }

    private static ConfigurationException bootFailure(Db db, Class<?>... managed) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(managed)).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException configuration) {
                return configuration;
            }
        }
        throw new AssertionError("expected a ConfigurationException in the cause chain of " + thrown, thrown);
    }

    @DatabaseTest
    void jpqlSelectsTheVersionsWhoseStatusWasArchived(Db db) {
        write(db, 1L, "Kept", Status.DRAFT);
        write(db, 1L, "Kept", Status.ARCHIVED);
        write(db, 1L, "Kept again", Status.PUBLISHED);
        write(db, 2L, "Gone", Status.DRAFT);
        write(db, 2L, "Gone", Status.ARCHIVED);
        write(db, 3L, "Fresh", Status.DRAFT);

        List<ArticleVersion> archived = db.inTransaction(em -> em.createQuery(
                "select v from ArticleVersion v where v.status = :status order by v.id, v.transactionId",
                ArticleVersion.class).setParameter("status", Status.ARCHIVED).getResultList());

        assertThat(archived).extracting(ArticleVersion::getId).containsExactly(1L, 2L);
        assertThat(archived).extracting(ArticleVersion::getOperation).containsOnly(Operation.UPDATE);
        assertThat(archived).extracting(ArticleVersion::getTitle).containsExactly("Kept", "Gone");
    }

    @DatabaseTest
    void aTypedVersionLoadedByAQueryStepsOverVersionsThatRetentionPruned(Db db) {
        write(db, 1L, "a", Status.DRAFT);
        write(db, 1L, "b", Status.DRAFT);
        write(db, 1L, "c", Status.DRAFT);
        write(db, 1L, "d", Status.PUBLISHED);
        HistoryAdmin.of(db.emf()).prune(Article.class, RetentionPolicy.keepLast(1));

        String neighbours = db.inTransaction(em -> {
            List<ArticleVersion> remaining = em.createQuery(
                    "select v from ArticleVersion v where v.id = 1 order by v.transactionId", ArticleVersion.class)
                    .getResultList();
            ArticleVersion first = remaining.get(0);
            ArticleVersion last = remaining.get(1);
            return first.next().orElseThrow().entity().getTitle() + " " + last.previous().orElseThrow().entity()
                    .getTitle() + " " + last.index();
        });

        assertThat(neighbours).isEqualTo("d a 1");
    }

    @DatabaseTest
    void typedGettersReturnWhatWasWritten(Db db) {
        db.run(em -> {
            Writer writer = new Writer(7L, "Ada");
            em.persist(writer);
            Article article = new Article(1L, "First", Status.PUBLISHED);
            article.setColor(new Rgb(255, 128, 0));
            article.setAddress(new Address("Main Street 1", "Springfield"));
            article.setAuthor(writer);
            article.setViews(99);
            article.setDraftNotes("not recorded");
            em.persist(article);
        });
        db.run(em -> em.find(Article.class, 1L).setTitle("Second"));

        List<ArticleVersion> versions = db.inTransaction(em -> em.createQuery(
                "select v from ArticleVersion v where v.id = 1 order by v.transactionId", ArticleVersion.class)
                .getResultList());

        assertThat(versions).hasSize(2);
        ArticleVersion first = versions.get(0);
        ArticleVersion second = versions.get(1);
        assertThat(first.getId()).isEqualTo(1L);
        assertThat(first.getTitle()).isEqualTo("First");
        assertThat(first.getStatus()).isEqualTo(Status.PUBLISHED);
        assertThat(first.getColor()).isEqualTo(new Rgb(255, 128, 0));
        assertThat(first.getAddress().getStreet()).isEqualTo("Main Street 1");
        assertThat(first.getAddress().getCity()).isEqualTo("Springfield");
        assertThat(first.getAuthorId()).isEqualTo(7L);
        assertThat(first.getOperation()).isEqualTo(Operation.INSERT);
        assertThat(first.getOperationType()).isEqualTo((short) 0);
        assertThat(first.getEndTransactionId()).isEqualTo(second.getTransactionId());
        assertThat(second.getTitle()).isEqualTo("Second");
        assertThat(second.getOperation()).isEqualTo(Operation.UPDATE);
        assertThat(second.getEndTransactionId()).isNull();
        assertThat(second.getTransactionId()).isGreaterThan(first.getTransactionId());
    }

    @DatabaseTest
    void excludedNotVersionedAndLockingPropertiesHaveNoGetter(Db db) {
        assertThat(Arrays.stream(ArticleVersion.class.getDeclaredMethods()).map(Method::getName))
                .contains("getTitle", "getStatus", "getColor", "getAddress", "getAuthorId", "getAuthor",
                        "getTransactionId")
                .doesNotContain("getViews", "getDraftNotes", "getRevision")
                .noneMatch(name -> name.startsWith("set"));
        assertThat(db.rows("select * from typed_article_version")).isEmpty();
    }

    @DatabaseTest
    void asVersionReadsTheVersionInOneStatement(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        write(db, 1L, "Second", Status.PUBLISHED);
        ArticleVersion first = db.inTransaction(em -> em.createQuery(
                "select v from ArticleVersion v where v.title = 'First'", ArticleVersion.class).getSingleResult());

        db.run(em -> {
            StatementCounter.reset();
            Version<Article> version = first.asVersion(em);

            assertThat(StatementCounter.statements()).hasSize(1);
            assertThat(version.transactionId()).isEqualTo(first.getTransactionId());
            assertThat(version.operation()).isEqualTo(Operation.INSERT);
            assertThat(version.entity().getTitle()).isEqualTo("First");
            assertThat(version.entity().getStatus()).isEqualTo(Status.DRAFT);
            assertThat(version.transaction().issuedAt()).isNotNull();
        });
    }

    @DatabaseTest
    void versionReadsExactlyTheRowOfOneTransaction(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        write(db, 2L, "Other", Status.DRAFT);
        db.run(em -> em.remove(em.find(Article.class, 1L)));
        List<ArticleVersion> versions = db.inTransaction(em -> em.createQuery(
                "select v from ArticleVersion v order by v.transactionId", ArticleVersion.class).getResultList());
        long deletion = versions.get(2).getTransactionId();
        long otherInsert = versions.get(1).getTransactionId();

        Optional<Version<Article>> deleted = db.inTransaction(em ->
                VersionHistory.of(em).recordedIn(Article.class, 1L, deletion));
        Optional<Version<Article>> untouched = db.inTransaction(em ->
                VersionHistory.of(em).recordedIn(Article.class, 1L, otherInsert));

        assertThat(deleted).hasValueSatisfying(version -> {
            assertThat(version.operation()).isEqualTo(Operation.DELETE);
            assertThat(version.entity().getTitle()).isEqualTo("First");
        });
        assertThat(untouched).isEmpty();
    }

    @DatabaseTest
    void typedVersionsAreOrderedByTransactionInOneStatement(Db db) {
        write(db, 1L, "One", Status.DRAFT);
        write(db, 2L, "Interleaved", Status.DRAFT);
        write(db, 1L, "Two", Status.PUBLISHED);
        write(db, 1L, "Three", Status.ARCHIVED);

        db.run(em -> {
            StatementCounter.reset();
            List<ArticleVersion> versions = VersionHistory.of(em).typedVersions(ArticleVersion.class, 1L);

            assertThat(StatementCounter.statements()).hasSize(1);
            assertThat(versions).extracting(ArticleVersion::getTitle).containsExactly("One", "Two", "Three");
            assertThat(versions).extracting(ArticleVersion::getTransactionId).isSorted().doesNotHaveDuplicates();
        });
    }

    @DatabaseTest
    void aVersionLoadedWithJpqlIsAVersionOfItsEntity(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        write(db, 1L, "Second", Status.PUBLISHED);
        write(db, 1L, "Third", Status.PUBLISHED);

        db.run(em -> {
            ArticleVersion second = em.createQuery(
                    "select v from ArticleVersion v where v.title = 'Second'", ArticleVersion.class).getSingleResult();
            Version<Article> version = second;

            assertThat(version.id()).isEqualTo(1L);
            assertThat(version.transactionId()).isEqualTo(second.getTransactionId());
            assertThat(version.operation()).isEqualTo(Operation.UPDATE);
            assertThat(version.endTransactionId()).hasValue(second.getEndTransactionId());
            assertThat(version.entityName()).isEqualTo(Article.class.getName());
            assertThat(version.entity().getTitle()).isEqualTo("Second");
            assertThat(version.entity().getStatus()).isEqualTo(Status.PUBLISHED);
            assertThat(version.transaction().id()).isEqualTo(second.getTransactionId());
            assertThat(version.transaction().issuedAt()).isNotNull();
            assertThat(version.index()).isEqualTo(1);
            assertThat(version.previous()).hasValueSatisfying(previous -> {
                assertThat(previous.entity().getTitle()).isEqualTo("First");
                assertThat(previous.operation()).isEqualTo(Operation.INSERT);
            });
            assertThat(version.next()).hasValueSatisfying(next -> assertThat(next.entity().getTitle())
                    .isEqualTo("Third"));
            assertThat(version.changeset().asMap()).containsOnlyKeys("title", "status");
            assertThat(version.changeset().asMap().get("title").oldValue()).isEqualTo(Optional.of("First"));
            assertThat(version.changeset().asMap().get("title").newValue()).isEqualTo(Optional.of("Second"));
        });
    }

    @DatabaseTest
    void aVersionLoadedWithJpqlReadsItsVersionInOneStatementOnFirstUse(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        write(db, 1L, "Second", Status.PUBLISHED);

        db.run(em -> {
            StatementCounter.reset();
            ArticleVersion second = em.find(ArticleVersion.class, new ArticleVersion.Key(1L,
                    em.createQuery("select max(v.transactionId) from ArticleVersion v", Long.class)
                            .getSingleResult()));
            assertThat(StatementCounter.statements()).hasSize(2);

            StatementCounter.reset();
            assertThat(second.transactionId()).isEqualTo(second.getTransactionId());
            assertThat(second.operation()).isEqualTo(Operation.UPDATE);
            assertThat(second.id()).isEqualTo(1L);
            assertThat(StatementCounter.statements()).isEmpty();

            assertThat(second.transaction().issuedAt()).isNotNull();
            assertThat(second.entity().getTitle()).isEqualTo("Second");
            assertThat(StatementCounter.statements()).hasSize(1);

            assertThat(second.changeset().asMap().get("status").oldValue()).isEqualTo(Optional.of(Status.DRAFT));
            assertThat(StatementCounter.statements()).hasSize(2);
        });
    }

    @DatabaseTest
    void typedVersionsAreBoundTogetherSoThatWalkingThemCostsOneStatement(Db db) {
        write(db, 1L, "One", Status.DRAFT);
        write(db, 2L, "Interleaved", Status.DRAFT);
        write(db, 1L, "Two", Status.PUBLISHED);
        write(db, 1L, "Three", Status.ARCHIVED);

        db.run(em -> {
            StatementCounter.reset();
            List<ArticleVersion> versions = VersionHistory.of(em).typedVersions(ArticleVersion.class, 1L);
            for (ArticleVersion version : versions) {
                version.entity();
                version.transaction();
                version.changeset();
                version.previous();
                version.next();
                version.index();
            }

            assertThat(StatementCounter.statements()).hasSize(2);
            assertThat(versions).extracting(version -> version.entity().getTitle())
                    .containsExactly("One", "Two", "Three");
            assertThat(versions).extracting(Version::index).containsExactly(0, 1, 2);
            assertThat(versions.get(2).previous()).hasValueSatisfying(previous ->
                    assertThat(previous.transactionId()).isEqualTo(versions.get(1).getTransactionId()));
            assertThat(versions.get(0).previous()).isEmpty();
            assertThat(versions.get(2).next()).isEmpty();
            assertThat(versions.get(1).changeset().asMap().get("title").oldValue()).isEqualTo(Optional.of("One"));
            assertThat(versions.get(2).changeset().asMap().get("status").newValue())
                    .isEqualTo(Optional.of(Status.ARCHIVED));
            assertThat(versions).extracting(version -> version.transaction().id())
                    .containsExactlyElementsOf(versions.stream().map(ArticleVersion::getTransactionId).toList());
            assertThat(StatementCounter.statements()).hasSize(2);
        });
    }

    @DatabaseTest
    void theVersionsOfAJpqlResultAreReadTogetherFiveHundredPerStatement(Db db) {
        db.run(em -> {
            for (long id = 1; id <= 600; id++) {
                em.persist(new Article(id, "Article " + id, Status.DRAFT));
            }
        });

        db.run(em -> {
            List<ArticleVersion> versions = em.createQuery("select v from ArticleVersion v order by v.id",
                    ArticleVersion.class).getResultList();
            StatementCounter.reset();

            assertThat(versions.get(599).entity().getTitle()).isEqualTo("Article 600");
            assertThat(StatementCounter.statements()).hasSize(2);
            assertThat(versions).extracting(version -> version.entity().getTitle())
                    .allMatch(title -> title.startsWith("Article "));
            assertThat(versions.get(0).transaction().id()).isEqualTo(versions.get(0).getTransactionId());
            assertThat(StatementCounter.statements()).hasSize(2);
        });
    }

    @DatabaseTest
    void revertThroughATypedVersionWritesTheLiveEntityBack(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        write(db, 1L, "Second", Status.PUBLISHED);

        db.run(em -> {
            ArticleVersion first = em.createQuery("select v from ArticleVersion v where v.title = 'First'",
                    ArticleVersion.class).getSingleResult();

            Optional<Article> reverted = first.revert();

            assertThat(reverted).hasValueSatisfying(article -> {
                assertThat(article.getTitle()).isEqualTo("First");
                assertThat(article.getStatus()).isEqualTo(Status.DRAFT);
            });
        });

        String live = db.inTransaction(em -> em.find(Article.class, 1L).getTitle());
        assertThat(live).isEqualTo("First");
        List<ArticleVersion> versions = db.inTransaction(em ->
                VersionHistory.of(em).typedVersions(ArticleVersion.class, 1L));
        assertThat(versions).extracting(ArticleVersion::getTitle).containsExactly("First", "Second", "First");
    }

    @DatabaseTest
    void aTypedVersionOfAClosedEntityManagerSaysHowToReadItsHistory(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        ArticleVersion first = db.inTransaction(em -> em.createQuery("select v from ArticleVersion v",
                ArticleVersion.class).getSingleResult());

        Throwable thrown = catchThrowable(first::entity);

        assertThat(first.operation()).isEqualTo(Operation.INSERT);
        assertThat(thrown).isInstanceOf(ContinuumException.class)
                .hasMessage("The version of Article 1 of transaction " + first.getTransactionId() + " was loaded by "
                        + "an EntityManager that is now closed, so it cannot read its history; use its Version "
                        + "methods while that EntityManager is open, or call asVersion(em) with an open one");
        String title = db.inTransaction(em -> first.asVersion(em).entity().getTitle());
        assertThat(title).isEqualTo("First");
    }

    @DatabaseTest
    void typedVersionsAreEqualByTheirKey(Db db) {
        write(db, 1L, "First", Status.DRAFT);
        ArticleVersion loaded = db.inTransaction(em -> em.createQuery("select v from ArticleVersion v",
                ArticleVersion.class).getSingleResult());
        ArticleVersion again = db.inTransaction(em -> VersionHistory.of(em)
                .typedVersions(ArticleVersion.class, 1L).get(0));

        assertThat(again).isNotSameAs(loaded).isEqualTo(loaded).hasSameHashCodeAs(loaded);
        assertThat(loaded).hasToString("ArticleVersion[id=1, transactionId=" + loaded.getTransactionId()
                + ", INSERT]");
    }

    @DatabaseTest
    void aVersionClassLackingAColumnIsStaleAndFailsTheBoot(Db db) {
        ConfigurationException failure = bootFailure(db, Article.class, Writer.class, StaleArticleVersion.class);

        assertThat(failure.getMessage()).isEqualTo("StaleArticleVersion, the version class of Article, has no "
                + "column 'color', which the version table typed_article_version of Article has; StaleArticleVersion "
                + "is stale: recompile so that the annotation processor generates it anew (a single-table root's "
                + "subclasses and the parents of join-column collections must be compiled with it)");
    }

    @DatabaseTest
    void aVersionClassWithAnotherColumnTypeIsStaleAndFailsTheBoot(Db db) {
        ConfigurationException failure = bootFailure(db, Article.class, Writer.class, RetypedArticleVersion.class);

        assertThat(failure.getMessage())
                .startsWith("RetypedArticleVersion, the version class of Article, maps column 'status' as integer, "
                        + "but the version table typed_article_version of Article has it as ")
                .endsWith("; RetypedArticleVersion is stale: recompile so that the annotation processor generates "
                        + "it anew (a single-table root's subclasses and the parents of join-column collections must "
                        + "be compiled with it)");
    }

    @DatabaseTest
    void aVersionClassOfAnEntityThatIsNotVersionedFailsTheBoot(Db db) {
        ConfigurationException failure = bootFailure(db, Article.class, Writer.class, WriterVersion.class);

        assertThat(failure.getMessage()).isEqualTo("dev.continuum.hibernate.typed.WriterVersion is the version class "
                + "of dev.continuum.hibernate.typed.Writer (@VersionOf), but Writer is not @Versioned, so it has no "
                + "version table; dev.continuum.hibernate.typed.WriterVersion is stale: recompile so that the "
                + "annotation processor removes it, or annotate Writer with @Versioned again");
    }
}
