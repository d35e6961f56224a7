package dev.continuum.bench.model;

import java.util.Collection;
import java.util.List;

/**
 * One variant's copy of the benchmark model: Article, Comment (many-to-one Article, mapped by a
 * collection on Article) and Tag (many-to-many from Article). Creates instances without the
 * workloads having to know the variant's classes.
 */
public interface BenchModel {

    /** Every class to register with the persistence unit, entities and helpers alike. */
    List<Class<?>> managedClasses();

    /** The variant's Article entity class. */
    Class<? extends BenchArticle> articleType();

    /** The variant's Tag entity class. */
    Class<?> tagType();

    /** A new, transient article. */
    BenchArticle newArticle(String title, String body, Status status);

    /** A new, transient comment added to the article's comment collection (persisted with it by cascade). */
    void addComment(BenchArticle article, String text);

    /** The article's comments. */
    Collection<?> comments(BenchArticle article);

    /** The article's tags. */
    Collection<?> tags(BenchArticle article);

    /** A comment's text. */
    String commentText(Object comment);

    /** A tag's name. */
    String tagName(Object tag);

    /** A new, transient tag. */
    Object newTag(String name);

    /** The id of a persisted tag. */
    Long tagId(Object tag);

    /** Adds a tag (typically a reference obtained from the entity manager) to the article's tags. */
    void addTag(BenchArticle article, Object tag);
}
