package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.ERROR;
import static javax.tools.Diagnostic.Kind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Reported;
import dev.continuum.processor.TestCompiler.Source;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedProcessorTest {

    @TempDir
    Path classes;

    @Test
    void versionedEntityWithValidExcludesCompilesWithoutDiagnostics() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.NotVersioned;
                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = {"views", "lastReadAt"})
                public class Article {
                    @Id Long id;
                    String title;
                    long views;
                    java.time.Instant lastReadAt;
                    @NotVersioned String draftNotes;
                }
                """);

        assertThat(compile(article)).isEmpty();
    }

    @Test
    void versionedClassThatIsNotAnEntityIsAnError() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;

                @Versioned
                public class Article {
                    Long id;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("@Versioned\n"),
                "Article is annotated @Versioned but is not an @Entity, so nothing of it can be versioned; annotate "
                        + "Article with @jakarta.persistence.Entity or remove @Versioned (for an @Embeddable or "
                        + "@MappedSuperclass, put @Versioned on the entities that use it)"));
    }

    @Test
    void versionedMappedSuperclassIsAnErrorPointingToTheEntitiesThatExtendIt() {
        Source base = Source.of("com.example.Base", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Id;
                import jakarta.persistence.MappedSuperclass;

                @MappedSuperclass
                @Versioned
                public abstract class Base {
                    @Id Long id;
                }
                """);

        assertThat(compile(base)).containsExactly(new Reported(ERROR, base.at("@Versioned\n"),
                "Base is annotated @Versioned but is a @MappedSuperclass, not an @Entity, so nothing of it is "
                        + "versioned; put @Versioned on the entities that extend Base and remove it here"));
    }

    @Test
    void versionedEmbeddableIsAnErrorPointingToTheEntitiesThatEmbedIt() {
        Source address = Source.of("com.example.Address", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Embeddable;

                @Embeddable
                @Versioned
                public class Address {
                    String street;
                }
                """);

        assertThat(compile(address)).containsExactly(new Reported(ERROR, address.at("@Versioned\n"),
                "Address is annotated @Versioned but is an @Embeddable, not an @Entity, so nothing of it is "
                        + "versioned; put @Versioned on the entities that embed Address and remove it here"));
    }

    @Test
    void excludedNameThatIsNotAPropertyIsAnErrorWithASuggestion() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = {
                        "body",
                        "titel"})
                public class Article {
                    @Id Long id;
                    String title;
                    String body;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("\"titel\""),
                "Article.titel is excluded in @Versioned(exclude) but Article has no persistent property 'titel'; "
                        + "did you mean 'title'? Persistent properties of Article: body, id, title"));
    }

    @Test
    void excludedNameUnlikeAnyPropertyIsAnErrorListingTheProperties() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = "publishedAt")
                public class Article {
                    @Id Long id;
                    String title;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("\"publishedAt\""),
                "Article.publishedAt is excluded in @Versioned(exclude) but Article has no persistent property "
                        + "'publishedAt'; remove it from exclude or name a persistent property of Article: id, title"));
    }

    @Test
    void transientFieldIsNotAPropertyThatCanBeExcluded() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Transient;

                @Entity
                @Versioned(exclude = "cachedHtml")
                public class Article {
                    static final String TABLE = "article";
                    @Id Long id;
                    @Transient String cachedHtml;
                    transient int renderCount;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("\"cachedHtml\""),
                "Article.cachedHtml is excluded in @Versioned(exclude) but Article has no persistent property "
                        + "'cachedHtml'; remove it from exclude or name a persistent property of Article: id"));
    }

    @Test
    void propertyOfAMappedSuperclassCanBeExcluded() {
        Source base = Source.of("com.example.Base", """
                package com.example;

                import jakarta.persistence.Id;
                import jakarta.persistence.MappedSuperclass;

                @MappedSuperclass
                public abstract class Base {
                    @Id Long id;
                    java.time.Instant modifiedAt;
                }
                """);
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;

                @Entity
                @Versioned(exclude = "modifiedAt")
                public class Article extends Base {
                    String title;
                }
                """);

        assertThat(compile(base, article)).isEmpty();
    }

    @Test
    void getterCanBeExcludedByItsPropertyNameUnderPropertyAccess() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = {"draft", "URL"})
                public class Article {
                    private Long key;
                    private boolean draft;
                    private String url;

                    @Id public Long getId() { return key; }
                    public void setId(Long id) { this.key = id; }
                    public boolean isDraft() { return draft; }
                    public void setDraft(boolean draft) { this.draft = draft; }
                    public String getURL() { return url; }
                    public void setURL(String url) { this.url = url; }
                }
                """);

        assertThat(compile(article)).isEmpty();
    }

    @Test
    void fieldIsNotAPropertyUnderPropertyAccess() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = "key")
                public class Article {
                    private Long key;

                    @Id public Long getId() { return key; }
                    public void setId(Long id) { this.key = id; }
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("\"key\""),
                "Article.key is excluded in @Versioned(exclude) but Article has no persistent property 'key'; "
                        + "remove it from exclude or name a persistent property of Article: id"));
    }

    @Test
    void excludingTheIdentifierIsAnError() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = "id")
                public class Article {
                    @Id Long id;
                    String title;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("\"id\""),
                "Article.id is excluded in @Versioned(exclude) but it is the identifier of Article, and every "
                        + "version row needs the identifier; remove 'id' from exclude"));
    }

    @Test
    void excludingAnEmbeddedIdentifierInheritedFromAMappedSuperclassIsAnError() {
        Source base = Source.of("com.example.Base", """
                package com.example;

                import jakarta.persistence.EmbeddedId;
                import jakarta.persistence.MappedSuperclass;

                @MappedSuperclass
                public abstract class Base {
                    @EmbeddedId LineKey key;
                }
                """);
        Source key = Source.of("com.example.LineKey", """
                package com.example;

                @jakarta.persistence.Embeddable
                public class LineKey {
                    long order;
                    int line;
                }
                """);
        Source orderLine = Source.of("com.example.OrderLine", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;

                @Entity
                @Versioned(exclude = "key")
                public class OrderLine extends Base {
                    int quantity;
                }
                """);

        assertThat(compile(base, key, orderLine)).containsExactly(new Reported(ERROR, orderLine.at("\"key\""),
                "OrderLine.key is excluded in @Versioned(exclude) but it is the identifier of OrderLine, and every "
                        + "version row needs the identifier; remove 'key' from exclude"));
    }

    @Test
    void notVersionedOnTheIdentifierIsAnError() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.NotVersioned;
                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Article {
                    @Id
                    @NotVersioned
                    Long id;
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(ERROR, article.at("@NotVersioned\n"),
                "Article.id is annotated @NotVersioned but is the identifier of Article, and every version row "
                        + "needs the identifier; remove @NotVersioned from Article.id"));
    }

    @Test
    void notVersionedInAnEntityThatIsNotVersionedIsAWarning() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.NotVersioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                public class Article {
                    @Id Long id;
                    private String notes;

                    @NotVersioned
                    public String getNotes() { return notes; }
                }
                """);

        assertThat(compile(article)).containsExactly(new Reported(WARNING, article.at("@NotVersioned\n"),
                "Article.notes is annotated @NotVersioned but Article is not @Versioned, so it has no effect; "
                        + "annotate Article with @Versioned or remove @NotVersioned"));
    }

    @Test
    void notVersionedInAnEmbeddableIsAWarningPointingToTheEmbeddingProperty() {
        Source address = Source.of("com.example.Address", """
                package com.example;

                import dev.continuum.NotVersioned;
                import jakarta.persistence.Embeddable;

                @Embeddable
                public class Address {
                    @NotVersioned
                    String street;
                }
                """);

        assertThat(compile(address)).containsExactly(new Reported(WARNING, address.at("@NotVersioned\n"),
                "Address.street is annotated @NotVersioned but Address is an @Embeddable, where it has no effect; "
                        + "to leave the embedded value out of versioning, put @NotVersioned on the property that "
                        + "embeds Address in the @Versioned entity"));
    }

    @Test
    void notVersionedInAPlainClassIsAWarning() {
        Source form = Source.of("com.example.ArticleForm", """
                package com.example;

                import dev.continuum.NotVersioned;

                public class ArticleForm {
                    @NotVersioned
                    String captcha;
                }
                """);

        assertThat(compile(form)).containsExactly(new Reported(WARNING, form.at("@NotVersioned\n"),
                "ArticleForm.captcha is annotated @NotVersioned but ArticleForm is not a @Versioned entity, so it has "
                        + "no effect; remove @NotVersioned"));
    }

    @Test
    void notVersionedInASubclassOfAVersionedEntityIsAccepted() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Article {
                    @Id Long id;
                }
                """);
        Source review = Source.of("com.example.Review", """
                package com.example;

                import dev.continuum.NotVersioned;
                import jakarta.persistence.Entity;

                @Entity
                public class Review extends Article {
                    @NotVersioned int helpfulVotes;
                }
                """);

        // without generation: a version class of the single-table root Article is skipped with a warning
        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.generate=false"), article,
                review)).isEmpty();
    }

    @Test
    void notVersionedInAMappedSuperclassIsAccepted() {
        Source base = Source.of("com.example.Base", """
                package com.example;

                import dev.continuum.NotVersioned;
                import jakarta.persistence.Id;
                import jakarta.persistence.MappedSuperclass;

                @MappedSuperclass
                public abstract class Base {
                    @Id Long id;
                    @NotVersioned java.time.Instant lastSeenAt;
                }
                """);

        assertThat(compile(base)).isEmpty();
    }

    @Test
    void existingTypeNamedLikeTheVersionClassIsAnErrorWhenGenerationIsOn() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Article {
                    @Id Long id;
                }
                """);
        Source existing = Source.of("com.example.ArticleVersion", """
                package com.example;

                public class ArticleVersion {
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.generate=true"),
                article, existing)).containsExactly(new Reported(ERROR, article.at("@Versioned\n"),
                "Article is annotated @Versioned, so its version class is generated as com.example.ArticleVersion, "
                        + "but a type of that name already exists; rename the existing com.example.ArticleVersion"));
    }

    @Test
    void existingTypeNamedLikeTheVersionClassIsAcceptedWhenGenerationIsOff() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Article {
                    @Id Long id;
                }
                """);
        Source existing = Source.of("com.example.ArticleVersion", """
                package com.example;

                public class ArticleVersion {
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.generate=false"),
                article, existing)).isEmpty();
    }

    @Test
    void excludedNameTheCompilerCannotResolveIsLeftToTheCompiler() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned(exclude = {"title", Names.MISSING})
                public class Article extends Missing {
                    @Id Long id;
                    String title;
                }
                """);

        assertThat(compile(article))
                .isNotEmpty()
                .allSatisfy(reported -> {
                    assertThat(reported.kind()).isEqualTo(ERROR);
                    assertThat(reported.message()).startsWith("cannot find symbol");
                });
    }

    @Test
    void processorIsFoundThroughItsServiceRegistration() {
        Source article = Source.of("com.example.Article", """
                package com.example;

                @dev.continuum.Versioned
                public class Article {
                }
                """);

        assertThat(compile(TestCompiler.withDiscoveredProcessors(classes), article))
                .extracting(Reported::message)
                .singleElement()
                .asString()
                .startsWith("Article is annotated @Versioned but is not an @Entity");
    }

    private List<Reported> compile(Source... sources) {
        return compile(TestCompiler.withProcessor(classes), sources);
    }

    private static List<Reported> compile(TestCompiler compiler, Source... sources) {
        return compiler.compile(sources);
    }
}
