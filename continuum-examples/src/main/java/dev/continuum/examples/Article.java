package dev.continuum.examples;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A versioned entity: every change of it is recorded in {@code article_version}. */
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
}
