package dev.continuum.examples;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.Set;
import java.util.TreeSet;

/**
 * A versioned entity: every change of it is recorded in {@code article_version}, every change of
 * its tags in {@code article_tag_version}.
 */
@Entity
@Table(name = "article")
@Versioned(exclude = "views")
public class Article {

    /** Where an article is in its life. */
    public enum Status { DRAFT, PUBLISHED, ARCHIVED }

    @Id
    @GeneratedValue
    private Long id;
    private String title;
    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;
    private long views;
    @ElementCollection
    @CollectionTable(name = "article_tag", joinColumns = @JoinColumn(name = "article_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    /** For JPA. */
    protected Article() {
    }

    /**
     * A new draft.
     *
     * @param title its title
     */
    public Article(String title) {
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public long getViews() {
        return views;
    }

    public void setViews(long views) {
        this.views = views;
    }

    /**
     * Its tags, a set of words versioned with the article.
     *
     * @return the live, modifiable set
     */
    public Set<String> getTags() {
        return tags;
    }
}
