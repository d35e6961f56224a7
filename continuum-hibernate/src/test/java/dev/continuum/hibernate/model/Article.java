package dev.continuum.hibernate.model;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

@Entity
@Table(name = "article")
@Versioned(exclude = "viewCount")
public class Article {
    @Id
    @GeneratedValue
    private Long id;
    private String title;
    @Column(length = 2000)
    private String body;
    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;
    private int viewCount;
    @NotVersioned
    private String cachedSummary;
    @ManyToOne(fetch = FetchType.LAZY)
    private Author author;
    @Version
    private long lockVersion;

    protected Article() {
    }

    public Article(String title, String body) {
        this.title = title;
        this.body = body;
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

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public int getViewCount() {
        return viewCount;
    }

    public void setViewCount(int viewCount) {
        this.viewCount = viewCount;
    }

    public String getCachedSummary() {
        return cachedSummary;
    }

    public void setCachedSummary(String cachedSummary) {
        this.cachedSummary = cachedSummary;
    }

    public Author getAuthor() {
        return author;
    }

    public void setAuthor(Author author) {
        this.author = author;
    }
}
