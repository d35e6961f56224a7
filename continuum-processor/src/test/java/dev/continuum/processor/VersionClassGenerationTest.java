package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.continuum.ContinuumException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionOf;
import dev.continuum.processor.TestCompiler.Reported;
import dev.continuum.processor.TestCompiler.Source;
import dev.continuum.binding.VersionBinding;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed version classes the processor generates, and what it reports when it cannot. */
class VersionClassGenerationTest {

    @TempDir
    Path classes;

    private final Source status = Source.of("com.example.Status", """
            package com.example;

            public enum Status { DRAFT, PUBLISHED, ARCHIVED }
            """);
    private final Source rgb = Source.of("com.example.Rgb", """
            package com.example;

            public record Rgb(int red, int green, int blue) {
            }
            """);
    private final Source rgbConverter = Source.of("com.example.RgbConverter", """
            package com.example;

            import jakarta.persistence.AttributeConverter;
            import jakarta.persistence.Converter;

            @Converter
            public class RgbConverter implements AttributeConverter<Rgb, String> {
                @Override public String convertToDatabaseColumn(Rgb rgb) { return rgb == null ? null : rgb.red() + "," + rgb.green() + "," + rgb.blue(); }
                @Override public Rgb convertToEntityAttribute(String text) { if (text == null) return null; String[] p = text.split(","); return new Rgb(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])); }
            }
            """);
    private final Source address = Source.of("com.example.Address", """
            package com.example;

            import jakarta.persistence.Column;
            import jakarta.persistence.Embeddable;

            @Embeddable
            public class Address {
                @Column(name = "street_name") String street;
                String city;
            }
            """);
    private final Source author = Source.of("com.example.Author", """
            package com.example;

            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;

            @Entity
            public class Author {
                @Id Long id;
                String name;
            }
            """);
    private final Source comment = Source.of("com.example.Comment", """
            package com.example;

            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;
            import jakarta.persistence.ManyToOne;

            @Entity
            public class Comment {
                @Id Long id;
                @ManyToOne Article article;
            }
            """);
    private final Source article = Source.of("com.example.Article", """
            package com.example;

            import dev.continuum.NotVersioned;
            import dev.continuum.Versioned;
            import jakarta.persistence.Column;
            import jakarta.persistence.Convert;
            import jakarta.persistence.Embedded;
            import jakarta.persistence.Entity;
            import jakarta.persistence.EnumType;
            import jakarta.persistence.Enumerated;
            import jakarta.persistence.GeneratedValue;
            import jakarta.persistence.Id;
            import jakarta.persistence.JoinColumn;
            import jakarta.persistence.ManyToOne;
            import jakarta.persistence.OneToMany;
            import jakarta.persistence.Table;
            import jakarta.persistence.Version;
            import java.util.ArrayList;
            import java.util.List;

            @Entity
            @Table(name = "article")
            @Versioned(exclude = "views")
            public class Article {
                @Id @GeneratedValue Long id;
                @Column(length = 200, nullable = false, unique = true) String title;
                @Enumerated(EnumType.STRING) Status status;
                @Convert(converter = RgbConverter.class) Rgb color;
                @Embedded Address address;
                @ManyToOne @JoinColumn(name = "writer_id") Author author;
                @ManyToOne Author editor;
                @OneToMany(mappedBy = "article") List<Comment> comments = new ArrayList<>();
                long views;
                @NotVersioned String draftNotes;
                @Version int revision;
                boolean featured;
            }
            """);

    @Test
    void versionClassOfARepresentativeEntityMapsItsVersionTable() throws IOException {
        List<Reported> reported = compile(status, rgb, rgbConverter, address, author, comment, article);

        assertThat(reported).isEmpty();
        assertThat(generated("com/example/ArticleVersion.java")).isEqualTo("""
                package com.example;

                import dev.continuum.Changeset;
                import dev.continuum.ContinuumException;
                import dev.continuum.HistoryLookupException;
                import dev.continuum.Operation;
                import dev.continuum.Transaction;
                import dev.continuum.Version;
                import dev.continuum.VersionHistory;
                import dev.continuum.VersionOf;
                import dev.continuum.binding.VersionBinding;
                import jakarta.persistence.Column;
                import jakarta.persistence.Convert;
                import jakarta.persistence.Embedded;
                import jakarta.persistence.Entity;
                import jakarta.persistence.EntityManager;
                import jakarta.persistence.EnumType;
                import jakarta.persistence.Enumerated;
                import jakarta.persistence.Id;
                import jakarta.persistence.IdClass;
                import jakarta.persistence.Table;
                import jakarta.persistence.Transient;
                import java.io.Serializable;
                import java.util.Objects;
                import java.util.Optional;
                import java.util.OptionalLong;
                import javax.annotation.processing.Generated;
                import org.hibernate.annotations.Immutable;

                /**
                 * A recorded version of {@link Article}: one row of its version table {@code article_version},
                 * read-only. Query it with JPQL or the Criteria API like any entity, for example
                 * {@code select v from ArticleVersion v where v.id = :id order by v.transactionId}.
                 *
                 * <p>Each instance is also the {@link Version} of Article it records: Continuum binds the instances
                 * Hibernate loads to the persistence context that loaded them, and the {@code Version} methods read
                 * the version's transaction, neighbours and changeset through it, on first use.
                 * The relation accessors return the related entities as they were at the version's
                 * transaction, as {@link #entity()} holds them; the instances one persistence context
                 * loads are read together, with a few statements per relation however many they are.
                 *
                 * <p>Generated from {@link Article} by the Continuum annotation processor; do not edit.
                 * Recompile when Article changes: Continuum checks at boot that this class still matches
                 * the version table of Article.
                 */
                @Generated("dev.continuum.processor.VersionedProcessor")
                @VersionOf(Article.class)
                @Entity(name = "ArticleVersion")
                @Immutable
                @Table(name = "article_version")
                @IdClass(ArticleVersion.Key.class)
                public class ArticleVersion implements Version<Article>, VersionBinding.Bindable {

                    @Id
                    private Long id;

                    @Column(length = 200)
                    private String title;

                    @Enumerated(EnumType.STRING)
                    private Status status;

                    @Convert(converter = RgbConverter.class)
                    private Rgb color;

                    @Embedded
                    private Address address;

                    @Column(name = "writer_id")
                    private Long authorId;

                    @Column(name = "editor_id")
                    private Long editorId;

                    private boolean featured;

                    @Id
                    @Column(name = "transaction_id")
                    private long transactionId;

                    @Column(name = "end_transaction_id")
                    private Long endTransactionId;

                    @Column(name = "operation_type")
                    private short operationType;

                    @Transient
                    private transient Version<Article> continuumVersion;

                    /** For JPA: versions are read, never created. */
                    protected ArticleVersion() {
                    }

                    /**
                     * The {@code id} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public Long getId() {
                        return id;
                    }

                    /**
                     * The {@code title} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public String getTitle() {
                        return title;
                    }

                    /**
                     * The {@code status} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public Status getStatus() {
                        return status;
                    }

                    /**
                     * The {@code color} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public Rgb getColor() {
                        return color;
                    }

                    /**
                     * The {@code address} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public Address getAddress() {
                        return address;
                    }

                    /**
                     * The identifier of the {@link Author} that {@code author} of the
                     * {@link Article} referred to in this version.
                     *
                     * @return the value recorded by the version's transaction
                     * @see #getAuthor()
                     */
                    public Long getAuthorId() {
                        return authorId;
                    }

                    /**
                     * The identifier of the {@link Author} that {@code editor} of the
                     * {@link Article} referred to in this version.
                     *
                     * @return the value recorded by the version's transaction
                     * @see #getEditor()
                     */
                    public Long getEditorId() {
                        return editorId;
                    }

                    /**
                     * The {@code featured} of the {@link Article} in this version.
                     *
                     * @return the value recorded by the version's transaction
                     */
                    public boolean isFeatured() {
                        return featured;
                    }

                    /**
                     * The transaction that recorded this version.
                     *
                     * @return the transaction id
                     */
                    public long getTransactionId() {
                        return transactionId;
                    }

                    /**
                     * The transaction that superseded this version.
                     *
                     * @return the transaction id, or null while this version is current
                     */
                    public Long getEndTransactionId() {
                        return endTransactionId;
                    }

                    /**
                     * The stored operation code.
                     *
                     * @return 0 for insert, 1 for update, 2 for delete
                     * @see #getOperation()
                     */
                    public short getOperationType() {
                        return operationType;
                    }

                    /**
                     * What the version's transaction did to the {@link Article}.
                     *
                     * @return insert, update or delete
                     */
                    public Operation getOperation() {
                        return Operation.ofCode(operationType);
                    }

                    /**
                     * The {@code author} of the {@link Article} as it was at this version's transaction:
                     * the related entity of then, as a detached copy of its current row ({@link Author} is
                     * not versioned), the one {@link #entity()} refers to.
                     *
                     * @return the related entity, or null when there was none
                     */
                    public Author getAuthor() {
                        return (Author) continuumRelations().relation("author");
                    }

                    /**
                     * The {@code editor} of the {@link Article} as it was at this version's transaction:
                     * the related entity of then, as a detached copy of its current row ({@link Author} is
                     * not versioned), the one {@link #entity()} refers to.
                     *
                     * @return the related entity, or null when there was none
                     */
                    public Author getEditor() {
                        return (Author) continuumRelations().relation("editor");
                    }

                    /**
                     * This version as a {@link Version} of {@link Article}, with its transaction, changeset,
                     * navigation and revert, read in one statement.
                     *
                     * @param em an open entity manager of the persistence unit that maps this class
                     * @return the version
                     * @throws HistoryLookupException if the row is no longer in the version table
                     */
                    public Version<Article> asVersion(EntityManager em) {
                        return VersionHistory.of(em).recordedIn(Article.class, id, transactionId)
                                .orElseThrow(() -> new HistoryLookupException("The version of Article " + id + " of transaction "
                                        + transactionId + " is no longer in article_version"));
                    }

                    /**
                     * Binds this instance to the version its {@link Version} methods delegate to. Continuum calls
                     * this for every instance Hibernate loads; applications do not.
                     *
                     * @param binding the binding of the persistence context that loaded this instance
                     */
                    @Override
                    public void continuumBind(VersionBinding binding) {
                        continuumVersion = binding.versionOf(Article.class, id, transactionId);
                    }

                    @Override
                    public Article entity() {
                        return continuumVersion().entity();
                    }

                    @Override
                    public String entityName() {
                        return continuumVersion().entityName();
                    }

                    @Override
                    public Object id() {
                        return id;
                    }

                    @Override
                    public long transactionId() {
                        return transactionId;
                    }

                    @Override
                    public OptionalLong endTransactionId() {
                        return endTransactionId == null ? OptionalLong.empty() : OptionalLong.of(endTransactionId);
                    }

                    @Override
                    public Operation operation() {
                        return Operation.ofCode(operationType);
                    }

                    @Override
                    public Transaction transaction() {
                        return continuumVersion().transaction();
                    }

                    @Override
                    public int index() {
                        return continuumVersion().index();
                    }

                    @Override
                    public Optional<Version<Article>> previous() {
                        return continuumVersion().previous();
                    }

                    @Override
                    public Optional<Version<Article>> next() {
                        return continuumVersion().next();
                    }

                    @Override
                    public Changeset<Article> changeset() {
                        return continuumVersion().changeset();
                    }

                    @Override
                    public Optional<Article> revert() {
                        return continuumVersion().revert();
                    }

                    @Override
                    public Optional<Article> revert(String... relations) {
                        return continuumVersion().revert(relations);
                    }

                    private Version<Article> continuumVersion() {
                        if (continuumVersion == null) {
                            throw new ContinuumException("This ArticleVersion was not loaded by Hibernate, so it is "
                                    + "not bound to an EntityManager and its Version methods cannot read history; load it "
                                    + "with a query, find() or VersionHistory.typedVersions(), or call asVersion(em)");
                        }
                        return continuumVersion;
                    }

                    private VersionBinding.Relations continuumRelations() {
                        if (continuumVersion() instanceof VersionBinding.Relations relations) {
                            return relations;
                        }
                        throw new ContinuumException("This ArticleVersion is bound to a version that cannot read "
                                + "relations; read them from asVersion(em).entity()");
                    }

                    /**
                     * Versions are equal when they record the same entity in the same transaction, as their
                     * {@link Key}s are.
                     *
                     * @param other another object
                     * @return whether {@code other} is a version of the same entity and transaction
                     */
                    @Override
                    public boolean equals(Object other) {
                        return other instanceof ArticleVersion that && Objects.equals(getId(), that.getId())
                                && getTransactionId() == that.getTransactionId();
                    }

                    @Override
                    public int hashCode() {
                        return Objects.hash(getId(), getTransactionId());
                    }

                    @Override
                    public String toString() {
                        return "ArticleVersion[id=" + getId() + ", transactionId=" + getTransactionId() + ", "
                                + getOperation() + "]";
                    }

                    /** The primary key of a version: the identifier of the entity and the transaction. */
                    public static final class Key implements Serializable {

                        private static final long serialVersionUID = 1L;

                        private Long id;
                        private long transactionId;

                        /** For JPA. */
                        public Key() {
                        }

                        /**
                         * The key of the version of the entity with identifier {@code id} that transaction
                         * {@code transactionId} recorded.
                         *
                         * @param id the identifier of the entity
                         * @param transactionId the transaction id
                         */
                        public Key(Long id, long transactionId) {
                            this.id = id;
                            this.transactionId = transactionId;
                        }

                        /**
                         * The identifier of the entity.
                         *
                         * @return the identifier
                         */
                        public Long getId() {
                            return id;
                        }

                        /**
                         * The transaction that recorded the version.
                         *
                         * @return the transaction id
                         */
                        public long getTransactionId() {
                            return transactionId;
                        }

                        @Override
                        public boolean equals(Object other) {
                            return other instanceof Key key && Objects.equals(id, key.id)
                                    && transactionId == key.transactionId;
                        }

                        @Override
                        public int hashCode() {
                            return Objects.hash(id, transactionId);
                        }

                        @Override
                        public String toString() {
                            return "ArticleVersion.Key[id=" + id + ", transactionId=" + transactionId + "]";
                        }
                    }
                }
                """);
    }

    @Test
    void generatedVersionClassCompilesToAClassMarkedWithItsEntity() throws Exception {
        compile(status, rgb, rgbConverter, address, author, comment, article);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> versionClass = loader.loadClass("com.example.ArticleVersion");
            assertThat(versionClass.getAnnotation(VersionOf.class).value().getName()).isEqualTo("com.example.Article");
            assertThat(versionClass.getDeclaredMethods()).extracting(Method::getName)
                    .noneMatch(name -> name.startsWith("set"));
            assertThat(versionClass.getDeclaredClasses()).extracting(Class::getSimpleName).containsExactly("Key");
        }
    }

    @Test
    void generatedVersionClassIsAVersionDelegatingToTheVersionItIsBoundTo() throws Exception {
        compile(status, rgb, rgbConverter, address, author, comment, article);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> versionClass = loader.loadClass("com.example.ArticleVersion");
            Object first = row(versionClass, 7L, 3L, null, (short) 1);
            @SuppressWarnings("unchecked")
            Version<Object> version = (Version<Object>) first;

            assertThat(version.id()).isEqualTo(7L);
            assertThat(version.transactionId()).isEqualTo(3L);
            assertThat(version.endTransactionId()).isEqualTo(OptionalLong.empty());
            assertThat(version.operation()).isEqualTo(Operation.UPDATE);
            assertThat(catchThrowable(version::entity))
                    .isInstanceOf(ContinuumException.class)
                    .hasMessage("This ArticleVersion was not loaded by Hibernate, so it is not bound to an "
                            + "EntityManager and its Version methods cannot read history; load it with a query, "
                            + "find() or VersionHistory.typedVersions(), or call asVersion(em)");

            List<String> asked = new ArrayList<>();
            Object snapshot = loader.loadClass("com.example.Article").getDeclaredConstructor().newInstance();
            ((VersionBinding.Bindable) first).continuumBind(new VersionBinding() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
                    asked.add(type.getName() + "#" + id + "@" + transactionId);
                    return (Version<T>) Proxy.newProxyInstance(loader, new Class<?>[] {Version.class},
                            (proxy, method, arguments) -> switch (method.getName()) {
                                case "entity" -> snapshot;
                                case "index" -> 4;
                                default -> throw new UnsupportedOperationException(method.getName());
                            });
                }
            });

            assertThat(asked).containsExactly("com.example.Article#7@3");
            assertThat(version.entity()).isSameAs(snapshot);
            assertThat(version.index()).isEqualTo(4);
            assertThat(first).isEqualTo(row(versionClass, 7L, 3L, 5L, (short) 1))
                    .hasSameHashCodeAs(row(versionClass, 7L, 3L, 5L, (short) 1))
                    .isNotEqualTo(row(versionClass, 7L, 4L, null, (short) 1))
                    .isNotEqualTo(row(versionClass, 8L, 3L, null, (short) 1))
                    .hasToString("ArticleVersion[id=7, transactionId=3, UPDATE]");
        }
    }

    @Test
    void everyVersionedRelationGetsAnAccessorOfItsDeclaredTypeWithoutWarnings() throws IOException {
        Source book = Source.of("com.example.Book", """
                package com.example;

                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToOne;

                @Entity
                @dev.continuum.Versioned
                public class Book {
                    @Id Long id;
                    @ManyToOne Shelf shelf;
                }
                """);
        Source stamp = Source.of("com.example.Stamp", """
                package com.example;

                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToOne;

                @Entity
                public class Stamp {
                    @Id Long id;
                    @ManyToOne Shelf shelf;
                }
                """);
        Source label = Source.of("com.example.Label", """
                package com.example;

                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.OneToOne;

                @Entity
                public class Label {
                    @Id Long id;
                    @OneToOne Shelf shelf;
                }
                """);
        // field access and no getters: the accessors must not need any
        Source shelf = Source.of("com.example.Shelf", """
                package com.example;

                import dev.continuum.NotVersioned;
                import dev.continuum.Versioned;
                import jakarta.persistence.ElementCollection;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToMany;
                import jakarta.persistence.ManyToOne;
                import jakarta.persistence.OneToMany;
                import jakarta.persistence.OneToOne;
                import java.util.List;
                import java.util.Map;
                import java.util.Set;

                @Entity
                @Versioned(exclude = "former")
                public class Shelf {
                    @Id Long id;
                    @ManyToOne Author owner;
                    @OneToOne Author curator;
                    @OneToOne(mappedBy = "shelf") Label label;
                    @OneToMany(mappedBy = "shelf") List<Book> books;
                    @OneToMany(mappedBy = "shelf") List<Stamp> stamps;
                    @SuppressWarnings("rawtypes") @OneToMany(targetEntity = Book.class) List loose;
                    @ManyToMany Set<Author> readers;
                    @ManyToMany(mappedBy = "favourites") Set<Author> fans;
                    @ElementCollection Map<String, Integer> counts;
                    @ElementCollection List<Address> addresses;
                    @ElementCollection @NotVersioned Set<String> notes;
                    @ManyToOne Author former;
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Xlint:all,-processing", "-Werror"),
                address, author, book, stamp, label, shelf)).isEmpty();

        String generated = generated("com/example/ShelfVersion.java");
        assertThat(generated)
                .contains("""
                            /**
                             * The {@code owner} of the {@link Shelf} as it was at this version's transaction:
                             * the related entity of then, as a detached copy of its current row ({@link Author} is
                             * not versioned), the one {@link #entity()} refers to.
                             *
                             * @return the related entity, or null when there was none
                             */
                            public Author getOwner() {
                                return (Author) continuumRelations().relation("owner");
                            }
                        """)
                .contains("""
                            public Author getCurator() {
                                return (Author) continuumRelations().relation("curator");
                            }
                        """)
                .contains("""
                            /**
                             * The {@code books} of the {@link Shelf} as they were at this version's transaction:
                             * detached snapshots of the related entities of then, as {@link #entity()} holds them.
                             *
                             * @return the related entities of then
                             */
                            @SuppressWarnings("unchecked")
                            public List<Book> getBooks() {
                                return (List<Book>) continuumRelations().relation("books");
                            }
                        """)
                .contains("""
                             * The {@code readers} of the {@link Shelf} as they were at this version's transaction:
                             * the related entities of then, as detached copies of their current rows ({@link Author}
                             * is not versioned), as {@link #entity()} holds them.
                             *
                             * @return the related entities of then
                             */
                            @SuppressWarnings("unchecked")
                            public Set<Author> getReaders() {
                                return (Set<Author>) continuumRelations().relation("readers");
                            }
                        """)
                .contains("""
                             * The {@code counts} of the {@link Shelf} as they were at this version's transaction,
                             * as {@link #entity()} holds them.
                             *
                             * @return the elements of then
                             */
                            @SuppressWarnings("unchecked")
                            public Map<String, Integer> getCounts() {
                                return (Map<String, Integer>) continuumRelations().relation("counts");
                            }
                        """)
                .contains("    public List<Address> getAddresses() {\n")
                .contains("    @SuppressWarnings(\"rawtypes\")\n    public List getLoose() {\n"
                        + "        return (List) continuumRelations().relation(\"loose\");\n")
                .contains("    public Long getOwnerId() {\n")
                .contains("     * @see #getOwner()\n     */\n    public Long getOwnerId() {\n")
                .doesNotContain("getLabel", "getStamps", "getFans", "getNotes", "getFormer");
    }

    @Test
    void relationAccessorsOfAGenericMappedSuperclassHaveTheTypesTheEntityBinds() throws IOException {
        Source owned = Source.of("com.example.Owned", """
                package com.example;

                import jakarta.persistence.ManyToMany;
                import jakarta.persistence.ManyToOne;
                import jakarta.persistence.MappedSuperclass;
                import java.util.List;

                @MappedSuperclass
                public abstract class Owned<O> {
                    @ManyToOne O owner;
                    @ManyToMany List<O> watchers;
                }
                """);
        Source note = Source.of("com.example.Note", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Note extends Owned<Author> {
                    @Id Long id;
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Xlint:all,-processing", "-Werror"),
                author, owned, note)).isEmpty();

        assertThat(generated("com/example/NoteVersion.java"))
                .contains("    public Author getOwner() {\n        return (Author) continuumRelations().relation(\"owner\");\n")
                .contains("    public List<Author> getWatchers() {\n"
                        + "        return (List<Author>) continuumRelations().relation(\"watchers\");\n");
    }

    @Test
    void relationsOfAnEntityWithPropertyAccessAreNamedAfterItsGetters() throws IOException {
        Source page = Source.of("com.example.Page", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.ElementCollection;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToOne;
                import java.util.Set;

                @Entity
                @Versioned
                public class Page {
                    private Long key;
                    private Author writer;
                    private Set<String> words;

                    @Id public Long getId() { return key; }
                    public void setId(Long id) { this.key = id; }
                    @ManyToOne public Author getEditor() { return writer; }
                    public void setEditor(Author editor) { this.writer = editor; }
                    @ElementCollection public Set<String> getKeywords() { return words; }
                    public void setKeywords(Set<String> keywords) { this.words = keywords; }
                }
                """);

        assertThat(compile(author, page)).isEmpty();

        assertThat(generated("com/example/PageVersion.java"))
                .contains("    public Author getEditor() {\n        return (Author) continuumRelations().relation(\"editor\");\n")
                .contains("    public Set<String> getKeywords() {\n"
                        + "        return (Set<String>) continuumRelations().relation(\"keywords\");\n")
                .contains("    private Long editorId;\n");
    }

    @Test
    void aRelationAccessorNamedLikeAnotherGetterTakesTheRelationSuffix() throws IOException {
        Source loan = Source.of("com.example.Loan", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.JoinColumn;
                import jakarta.persistence.ManyToOne;

                @Entity
                @Versioned
                public class Loan {
                    @Id Long id;
                    @ManyToOne Author author;
                    @ManyToOne @JoinColumn(name = "author_ref") Author authorId;
                }
                """);

        assertThat(compile(author, loan)).isEmpty();

        assertThat(generated("com/example/LoanVersion.java"))
                .contains("    public Long getAuthorId() {\n        return authorId;\n")
                .contains("    public Author getAuthor() {\n")
                .contains("    public Long getAuthorIdId() {\n        return authorIdId;\n")
                .contains("    public Author getAuthorIdRelation() {\n"
                        + "        return (Author) continuumRelations().relation(\"authorId\");\n");
    }

    @Test
    void aRelationAccessorWhoseNamesAreBothTakenIsAnErrorOnTheRelation() {
        Source loan = Source.of("com.example.Loan", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToOne;

                @Entity
                @Versioned
                public class Loan {
                    @Id Long id;
                    @ManyToOne Author author;
                    @ManyToOne Author authorId;
                    String authorIdRelation;
                }
                """);

        assertThat(compile(author, loan)).containsExactly(new Reported(ERROR, loan.at("@ManyToOne Author authorId"),
                "The accessor of Loan.authorId in com.example.LoanVersion would be getAuthorIdRelation(), which the "
                        + "class already has; rename the property, or use -Acontinuum.generate=false"));
    }

    @Test
    void aRelationAccessorReturnsWhatTheBoundVersionReadsForTheRelation() throws Exception {
        Source post = Source.of("com.example.Post", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToMany;
                import jakarta.persistence.ManyToOne;
                import java.util.List;

                @Entity
                @Versioned
                public class Post {
                    @Id Long id;
                    @ManyToOne Author author;
                    @ManyToMany List<Author> reviewers;
                }
                """);
        assertThat(compile(author, post)).isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> versionClass = loader.loadClass("com.example.PostVersion");
            Method getAuthor = versionClass.getMethod("getAuthor");
            Method getReviewers = versionClass.getMethod("getReviewers");
            Object author = loader.loadClass("com.example.Author").getDeclaredConstructor().newInstance();
            List<Object> reviewers = List.of();
            Object bound = row(versionClass, 7L, 3L, null, (short) 1);
            Object unreadable = row(versionClass, 7L, 3L, null, (short) 1);
            List<String> asked = new ArrayList<>();
            ((VersionBinding.Bindable) bound).continuumBind(binding(loader, true, property -> {
                asked.add(property);
                return property.equals("author") ? author : reviewers;
            }));
            ((VersionBinding.Bindable) unreadable).continuumBind(binding(loader, false, property -> null));

            assertThat(getAuthor.invoke(bound)).isSameAs(author);
            assertThat(getReviewers.invoke(bound)).isSameAs(reviewers);
            assertThat(asked).containsExactly("author", "reviewers");
            assertThat(getAuthor.getGenericReturnType().getTypeName()).isEqualTo("com.example.Author");
            assertThat(getReviewers.getGenericReturnType().getTypeName())
                    .isEqualTo("java.util.List<com.example.Author>");
            assertThat(catchThrowable(() -> getAuthor.invoke(unreadable)).getCause())
                    .isInstanceOf(ContinuumException.class)
                    .hasMessage("This PostVersion is bound to a version that cannot read relations; read them "
                            + "from asVersion(em).entity()");
            assertThat(catchThrowable(() -> getAuthor.invoke(row(versionClass, 7L, 3L, null, (short) 1)))
                    .getCause()).isInstanceOf(ContinuumException.class)
                    .hasMessageStartingWith("This PostVersion was not loaded by Hibernate");
        }
    }

    /** A binding whose versions read relations with {@code relations}, or cannot read them at all. */
    private static VersionBinding binding(ClassLoader loader, boolean readsRelations,
            java.util.function.Function<String, Object> relations) {
        return new VersionBinding() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
                Class<?>[] interfaces = readsRelations
                        ? new Class<?>[] {Version.class, VersionBinding.Relations.class}
                        : new Class<?>[] {Version.class};
                return (Version<T>) Proxy.newProxyInstance(loader, interfaces, (proxy, method, arguments) -> {
                    if (method.getName().equals("relation")) {
                        return relations.apply((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
            }
        };
    }

    /** An instance of a generated version class with its key and bookkeeping fields set, as Hibernate would. */
    private static Object row(Class<?> versionClass, Long id, long transactionId, Long endTransactionId,
            short operationType) throws ReflectiveOperationException {
        Constructor<?> constructor = versionClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object row = constructor.newInstance();
        set(row, "id", id);
        set(row, "transactionId", transactionId);
        set(row, "endTransactionId", endTransactionId);
        set(row, "operationType", operationType);
        return row;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    @Test
    void generationCanBeTurnedOff() {
        List<Reported> reported = compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.generate=false"),
                status, rgb, rgbConverter, address, author, comment, article);

        assertThat(reported).isEmpty();
        assertThat(classes.resolve("com/example/ArticleVersion.java")).doesNotExist();
        assertThat(classes.resolve("com/example/Article.class")).exists();
    }

    @Test
    void namesFollowTheOptionsAndTheVersionedTable() throws IOException {
        Source note = Source.of("com.example.Note", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity(name = "Memo")
                @Versioned(table = "memo_history")
                public class Note {
                    @Id long id;
                    String text;
                }
                """);
        Source task = Source.of("com.example.Task", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity(name = "Todo")
                @Versioned
                public class Task {
                    @Id long id;
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.versionClassSuffix=History",
                "-Acontinuum.tableSuffix=_hist", "-Acontinuum.transaction_id_column=tx",
                "-Acontinuum.end_transaction_id_column=end_tx", "-Acontinuum.operation_type_column=op"),
                note, task)).isEmpty();

        String noteHistory = generated("com/example/NoteHistory.java");
        assertThat(noteHistory)
                .contains("@Entity(name = \"NoteHistory\")\n")
                .contains("@Table(name = \"memo_history\")\n")
                .contains("@IdClass(NoteHistory.Key.class)\n"
                        + "public class NoteHistory implements Version<Note>, VersionBinding.Bindable {\n")
                .contains("    @Id\n    private long id;\n")
                .contains("    @Id\n    @Column(name = \"tx\")\n    private long transactionId;\n")
                .contains("    @Column(name = \"end_tx\")\n    private Long endTransactionId;\n")
                .contains("    @Column(name = \"op\")\n    private short operationType;\n")
                .contains("        public Key(long id, long transactionId) {\n");
        assertThat(generated("com/example/TaskHistory.java")).contains("@Table(name = \"Todo_hist\")\n");
    }

    @Test
    void propertyAccessAndMappedSuperclassesAreFollowed() throws IOException {
        Source base = Source.of("com.example.Base", """
                package com.example;

                import jakarta.persistence.Column;
                import jakarta.persistence.MappedSuperclass;

                @MappedSuperclass
                public abstract class Base {
                    private String createdBy;

                    @Column(name = "created_by") public String getCreatedBy() { return createdBy; }
                    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
                }
                """);
        Source page = Source.of("com.example.Page", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Column;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Lob;

                @Entity
                @Versioned
                public class Page extends Base {
                    private Long key;
                    private String body;
                    private boolean draft;

                    @Id @Column(name = "page_id") public Long getId() { return key; }
                    public void setId(Long id) { this.key = id; }
                    @Lob @Column(name = "page_body") public String getBody() { return body; }
                    public void setBody(String body) { this.body = body; }
                    public boolean isDraft() { return draft; }
                    public void setDraft(boolean draft) { this.draft = draft; }
                }
                """);

        assertThat(compile(base, page)).isEmpty();

        assertThat(generated("com/example/PageVersion.java"))
                .contains("    @Id\n    @Column(name = \"page_id\")\n    private Long id;\n")
                .contains("    @Lob\n    @Column(name = \"page_body\")\n    private String body;\n")
                .contains("    private boolean draft;\n")
                .contains("    public boolean isDraft() {\n")
                .contains("    @Column(name = \"created_by\")\n    private String createdBy;\n");
    }

    @Test
    void deprecatedMappingAnnotationsCompileWithoutWarningsUnderWerror() throws IOException {
        Source event = Source.of("com.example.Event", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.OneToOne;
                import jakarta.persistence.Temporal;
                import jakarta.persistence.TemporalType;

                @Entity
                @Versioned
                public class Event {
                    @Id Long id;
                    @SuppressWarnings("deprecation")
                    @Temporal(TemporalType.DATE) java.util.Date day;
                    @OneToOne Event previous;
                    @OneToOne(mappedBy = "previous") Event next;
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Xlint:all,-processing", "-Werror"),
                event)).isEmpty();
        assertThat(generated("com/example/EventVersion.java"))
                .contains("@SuppressWarnings({\"deprecation\", \"removal\"})\n"
                        + "public class EventVersion implements Version<Event>, VersionBinding.Bindable {\n")
                .contains("    @Temporal(TemporalType.DATE)\n    private Date day;\n")
                .contains("    @Column(name = \"previous_id\")\n    private Long previousId;\n")
                .doesNotContain("nextId");
    }

    @Test
    void typeOfTheSameNameIsNoClashWhenItIsAnEarlierVersionClass() {
        Source note = Source.of("com.example.Note", """
                package com.example;

                @jakarta.persistence.Entity
                @dev.continuum.Versioned
                public class Note {
                    @jakarta.persistence.Id Long id;
                    String text;
                }
                """);
        assertThat(compile(note)).isEmpty();

        // an incremental build: the earlier output is on the class path
        Path next = classes.resolve("next");
        assertThat(compile(TestCompiler.withProcessor(next).withClasspath(classes), note)).isEmpty();
        assertThat(next.resolve("com/example/NoteVersion.class")).exists();
    }

    @Test
    void generatedSourcePassedBackInAsASourceIsNoClash() throws IOException {
        Source note = Source.of("com.example.Note", """
                package com.example;

                @jakarta.persistence.Entity
                @dev.continuum.Versioned
                public class Note {
                    @jakarta.persistence.Id Long id;
                }
                """);
        assertThat(compile(note)).isEmpty();
        Source earlier = Source.of("com.example.NoteVersion", generated("com/example/NoteVersion.java"));

        assertThat(compile(TestCompiler.withProcessor(classes.resolve("next")), note, earlier)).isEmpty();
    }

    @Test
    void entityInheritanceIsAnErrorNamingTheWayOut() {
        Source animal = Source.of("com.example.Animal", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.Inheritance;

                @Entity
                @Inheritance
                @Versioned
                public class Animal {
                    @Id Long id;
                }
                """);

        assertThat(compile(animal)).containsExactly(new Reported(ERROR, animal.at("@Versioned\n"),
                "Typed version classes do not support entity inheritance (@Inheritance on Animal) yet, so "
                        + "com.example.AnimalVersion cannot be generated for Animal; use -Acontinuum.generate=false, "
                        + "or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void embeddedIdentifierIsAnErrorNamingTheWayOut() {
        Source key = Source.of("com.example.LineKey", """
                package com.example;

                @jakarta.persistence.Embeddable
                public class LineKey implements java.io.Serializable {
                    long order;
                    int line;
                }
                """);
        Source line = Source.of("com.example.OrderLine", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.EmbeddedId;
                import jakarta.persistence.Entity;

                @Entity
                @Versioned
                public class OrderLine {
                    @EmbeddedId LineKey key;
                    int quantity;
                }
                """);

        assertThat(compile(key, line)).containsExactly(new Reported(ERROR, line.at("@Versioned\n"),
                "Typed version classes do not support composite identifiers (@EmbeddedId OrderLine.key) yet, so "
                        + "com.example.OrderLineVersion cannot be generated for OrderLine; use "
                        + "-Acontinuum.generate=false, or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void manyToOneToACompositeIdentifierIsAnErrorOnTheProperty() {
        Source key = Source.of("com.example.LineKey", """
                package com.example;

                @jakarta.persistence.Embeddable
                public class LineKey implements java.io.Serializable {
                    long order;
                    int line;
                }
                """);
        Source line = Source.of("com.example.OrderLine", """
                package com.example;

                @jakarta.persistence.Entity
                public class OrderLine {
                    @jakarta.persistence.EmbeddedId LineKey key;
                }
                """);
        Source shipment = Source.of("com.example.Shipment", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;
                import jakarta.persistence.ManyToOne;

                @Entity
                @Versioned
                public class Shipment {
                    @Id Long id;
                    @ManyToOne
                    OrderLine line;
                }
                """);

        assertThat(compile(key, line, shipment)).containsExactly(new Reported(ERROR, shipment.at("@ManyToOne\n"),
                "Typed version classes do not support foreign keys to composite identifiers (Shipment.line refers "
                        + "to OrderLine) yet, so com.example.ShipmentVersion cannot be generated for Shipment; use "
                        + "-Acontinuum.generate=false, or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void propertyNamedLikeABookkeepingPropertyIsAnError() {
        Source payment = Source.of("com.example.Payment", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Payment {
                    @Id Long id;
                    String transactionId;
                }
                """);

        assertThat(compile(payment)).containsExactly(new Reported(ERROR, payment.at("String transactionId"),
                "Payment.transactionId is named like a property the version class com.example.PaymentVersion needs "
                        + "for Continuum's bookkeeping; rename the property, or use -Acontinuum.generate=false"));
    }

    @Test
    void propertyNamedLikeTheDelegateOfTheVersionApiIsAnError() {
        Source payment = Source.of("com.example.Payment", """
                package com.example;

                import dev.continuum.Versioned;
                import jakarta.persistence.Entity;
                import jakarta.persistence.Id;

                @Entity
                @Versioned
                public class Payment {
                    @Id Long id;
                    String continuumVersion;
                }
                """);

        assertThat(compile(payment)).containsExactly(new Reported(ERROR, payment.at("String continuumVersion"),
                "Payment.continuumVersion is named like a property the version class com.example.PaymentVersion "
                        + "needs for Continuum's bookkeeping; rename the property, or use -Acontinuum.generate=false"));
    }

    @Test
    void packagesOptionLimitsChecksAndGeneration() {
        Source misspelled = Source.of("com.example.legacy.Misspelled", """
                package com.example.legacy;

                @jakarta.persistence.Entity
                @dev.continuum.Versioned(exclude = "titel")
                public class Misspelled {
                    @jakarta.persistence.Id Long id;
                    String title;
                }
                """);
        Source note = Source.of("com.example.typed.Note", """
                package com.example.typed;

                @jakarta.persistence.Entity
                @dev.continuum.Versioned
                public class Note {
                    @jakarta.persistence.Id Long id;
                }
                """);

        assertThat(compile(TestCompiler.withProcessor(classes).withOptions("-Acontinuum.packages=com.example.typed"),
                misspelled, note)).isEmpty();
        assertThat(classes.resolve("com/example/typed/NoteVersion.class")).exists();
        assertThat(classes.resolve("com/example/legacy/MisspelledVersion.java")).doesNotExist();
    }

    private String generated(String path) throws IOException {
        return Files.readString(classes.resolve(path));
    }

    private List<Reported> compile(Source... sources) {
        return compile(TestCompiler.withProcessor(classes), sources);
    }

    private static List<Reported> compile(TestCompiler compiler, Source... sources) {
        return compiler.compile(sources);
    }
}
