package dev.continuum.bench.model.envers;

import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.BenchModel;
import dev.continuum.bench.model.Status;

import java.util.Collection;
import java.util.List;

/** The model of variants E and EV: all three entities audited by Hibernate Envers. */
public final class EnversModel implements BenchModel {

    @Override
    public List<Class<?>> managedClasses() {
        return List.of(Article.class, Comment.class, Tag.class);
    }

    @Override
    public Class<? extends BenchArticle> articleType() {
        return Article.class;
    }

    @Override
    public Class<?> tagType() {
        return Tag.class;
    }

    @Override
    public BenchArticle newArticle(String title, String body, Status status) {
        return new Article(title, body, status);
    }

    @Override
    public void addComment(BenchArticle article, String text) {
        Article owner = (Article) article;
        owner.comments().add(new Comment(owner, text));
    }

    @Override
    public Collection<?> comments(BenchArticle article) {
        return ((Article) article).comments();
    }

    @Override
    public Collection<?> tags(BenchArticle article) {
        return ((Article) article).tags();
    }

    @Override
    public String commentText(Object comment) {
        return ((Comment) comment).getText();
    }

    @Override
    public String tagName(Object tag) {
        return ((Tag) tag).getName();
    }

    @Override
    public Object newTag(String name) {
        return new Tag(name);
    }

    @Override
    public Long tagId(Object tag) {
        return ((Tag) tag).getId();
    }

    @Override
    public void addTag(BenchArticle article, Object tag) {
        ((Article) article).tags().add((Tag) tag);
    }
}
