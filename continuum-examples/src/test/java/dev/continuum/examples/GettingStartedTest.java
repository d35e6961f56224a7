package dev.continuum.examples;

import com.example.blog.Article;
import com.example.blog.ArticleService;
import com.example.blog.ArticleVersion;
import com.example.blog.BlogPersistenceUnit;
import dev.continuum.ChangeContext;
import dev.continuum.PropertyChange;
import dev.continuum.SchemaMismatchException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The project {@code docs/getting-started.md} builds, run as the guide runs it: the blog of
 * {@code com.example.blog} with the {@code blog} persistence unit of {@code META-INF/persistence.xml},
 * on H2 and, when configured, PostgreSQL and MariaDB. The guide and the README quote its code and
 * the marked blocks below; {@link DocumentationSnippetsTest} keeps them equal.
 */
class GettingStartedTest {

    private static final Map<ExampleDatabase, EntityManagerFactory> UNITS = new EnumMap<>(ExampleDatabase.class);

    @TempDir
    Path tempDir;

    /** A test run once per {@link ExampleDatabase}. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(ExampleDatabase.class)
    @interface OnEachDatabase {
    }

    private static EntityManagerFactory blog(ExampleDatabase database) {
        return UNITS.computeIfAbsent(database, db -> Persistence.createEntityManagerFactory("blog", db.properties()));
    }

    @AfterAll
    static void close() {
        UNITS.values().forEach(EntityManagerFactory::close);
        UNITS.clear();
    }

    @OnEachDatabase
    void everyCommittedChangeIsAVersionThatSaysWhoMadeIt(ExampleDatabase database) {
        EntityManagerFactory emf = blog(database);

        // snippet: who
        ArticleService articles = new ArticleService(emf);
        Long id = articles.write("Hello", "First words.");
        ChangeContext.run("alice", "203.0.113.7", () -> articles.edit(id, "Hello, history", "First words."));
        articles.countView(id);
        // end snippet

        assertThat(articles.history(id)).containsExactly("0 INSERT by -: [body, title]", "1 UPDATE by alice: [title]");
    }

    @OnEachDatabase
    void aDeletedArticleKeepsItsHistory(ExampleDatabase database) {
        ArticleService articles = new ArticleService(blog(database));
        Long id = articles.write("Hello", "First words.");

        articles.delete(id);

        assertThat(articles.history(id)).containsExactly("0 INSERT by -: [body, title]",
                "1 DELETE by -: [body, title]");
    }

    @OnEachDatabase
    void theLatestChangesetHasTheTitleBeforeAndAfter(ExampleDatabase database) {
        ArticleService articles = new ArticleService(blog(database));
        Long id = articleEditedOnce(articles);

        Optional<PropertyChange<?>> change = articles.latestTitleChange(id);

        assertThat(change).contains(PropertyChange.of("Hello", "Hello, history"));
    }

    @OnEachDatabase
    void asOfAnInstantIsTheArticleAsItWasThen(ExampleDatabase database) {
        ArticleService articles = new ArticleService(blog(database));
        Instant beforeWriting = Instant.now();
        Long id = articles.write("Hello", "First words.");
        Instant beforeEditing = Instant.now();
        articles.edit(id, "Hello, history", "More words.");

        assertThat(articles.asOf(id, beforeEditing)).map(Article::getTitle).contains("Hello");
        assertThat(articles.asOf(id, Instant.now())).map(Article::getTitle).contains("Hello, history");
        assertThat(articles.asOf(id, beforeWriting)).isEmpty();
    }

    @OnEachDatabase
    void revertWritesAnEarlierStateBackAndUndoRedoStepThroughIt(ExampleDatabase database) {
        EntityManagerFactory emf = blog(database);
        ArticleService articles = new ArticleService(emf);
        Long id = articleEditedOnce(articles);

        articles.revert(id, 0);
        String reverted = title(emf, id);
        boolean undone = articles.undo(id);
        String afterUndo = title(emf, id);
        boolean redone = articles.redo(id);

        assertThat(reverted).isEqualTo("Hello");
        assertThat(undone).isTrue();
        assertThat(afterUndo).isEqualTo("Hello, history");
        assertThat(redone).isTrue();
        assertThat(title(emf, id)).isEqualTo("Hello");
        assertThat(articles.redo(id)).isFalse();
    }

    @OnEachDatabase
    void theGeneratedVersionClassIsQueriedWithJpql(ExampleDatabase database) {
        ArticleService articles = new ArticleService(blog(database));
        Long id = articleEditedOnce(articles);
        articles.edit(id, "History, explained", "More words.");

        List<ArticleVersion> versions = articles.versionsTitled(id, "Hello");

        assertThat(versions).extracting(ArticleVersion::getTitle).containsExactly("Hello", "Hello, history");
    }

    @OnEachDatabase
    void theSchemaHasTheVersionTransactionAndUndoTables(ExampleDatabase database) {
        List<String> tables = new ArrayList<>();
        try (var em = blog(database).createEntityManager()) {
            em.unwrap(Session.class).doWork(connection -> {
                DatabaseMetaData metadata = connection.getMetaData();
                try (ResultSet rs = metadata.getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            });
        }

        assertThat(tables).contains("article", "article_version", "transaction", "continuum_undo");
    }

    @OnEachDatabase
    void theReadmeExampleRecordsReadsRevertsAndUndoes(ExampleDatabase database) {
        EntityManagerFactory emf = blog(database);
        Long id = new ArticleService(emf).write("Hello", "First words.");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // snippet: readme
            ChangeContext.run("alice", "203.0.113.7", () ->               // who made the change, from where
                    emf.runInTransaction(em -> em.find(Article.class, id).setTitle("Better title")));

            emf.runInTransaction(em -> {
                VersionHistory history = VersionHistory.of(em);
                for (Version<Article> v : history.versions(Article.class, id)) {   // one statement, oldest first
                    // prints "0 INSERT by - [body, title]", then "1 UPDATE by alice [title]"
                    System.out.println(v.index() + " " + v.operation() + " by "
                            + v.transaction().userId().orElse("-") + " " + v.changeset().properties());
                }
                history.versions(Article.class, id).get(0).revert();          // back to the first state
            });
            emf.runInTransaction(em -> VersionHistory.of(em).undo(Article.class, id));   // undo/redo, persisted
            // end snippet
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("0 INSERT by - [body, title]", "1 UPDATE by alice [title]");
        assertThat(title(emf, id)).isEqualTo("Better title");
    }

    @Test
    void theUnitCanBeBuiltInCodeInsteadOfPersistenceXml() {
        try (EntityManagerFactory emf = BlogPersistenceUnit.create("jdbc:h2:mem:programmatic;DB_CLOSE_DELAY=-1", "sa", "")) {
            ArticleService articles = new ArticleService(emf);
            Long id = articleEditedOnce(articles);

            assertThat(articles.history(id)).containsExactly("0 INSERT by -: [body, title]",
                    "1 UPDATE by -: [body, title]");
            assertThat(articles.versionsTitled(id, "Hello")).hasSize(2);
        }
    }

    @Test
    void aVersionClassLeftOutOfTheUnitCannotBeQueried() {
        try (EntityManagerFactory emf = new PersistenceConfiguration("unlisted")
                .provider(HibernatePersistenceProvider.class.getName())
                .managedClass(Article.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:unlisted;DB_CLOSE_DELAY=-1")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
                .createEntityManagerFactory()) {

            assertThatThrownBy(() -> new ArticleService(emf).versionsTitled(1L, "history"))
                    .hasMessageContaining("Could not resolve root entity 'ArticleVersion'");
        }
    }

    @Test
    void withoutTheTablesTheBootFailsWithTheDdlToCreateThem() {
        Map<String, Object> emptyDatabase = Map.of(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:empty;DB_CLOSE_DELAY=-1",
                PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "none");

        assertThatThrownBy(() -> Persistence.createEntityManagerFactory("blog", emptyDatabase).close())
                .rootCause()
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("The transaction table 'transaction' does not exist. Fix: create table transaction")
                .hasMessageContaining("Entity Article is @Versioned but its version table 'article_version' does not "
                        + "exist. Fix: create table article_version (");
    }

    @Test
    void theSchemaScriptCreatesEveryTableContinuumNeeds() throws IOException {
        Path createScript = tempDir.resolve("create.sql");

        // snippet: ddl script
        Persistence.generateSchema("blog", Map.of(
                "jakarta.persistence.schema-generation.database.action", "none",
                "jakarta.persistence.schema-generation.scripts.action", "create",
                "jakarta.persistence.schema-generation.scripts.create-target", createScript.toString()));
        // end snippet

        assertThat(Files.readString(createScript)).contains("create table article ", "create table article_version ",
                "create table transaction ", "create sequence transaction_id_seq", "create table continuum_undo ");
    }

    /** An article titled "Hello", then retitled "Hello, history" with more words. */
    private static Long articleEditedOnce(ArticleService articles) {
        Long id = articles.write("Hello", "First words.");
        articles.edit(id, "Hello, history", "More words.");
        return id;
    }

    private static String title(EntityManagerFactory emf, Long id) {
        return emf.callInTransaction(em -> em.find(Article.class, id).getTitle());
    }
}
