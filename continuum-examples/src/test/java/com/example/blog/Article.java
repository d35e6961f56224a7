package com.example.blog;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An article of the blog: every change of its title or body is recorded in {@code article_version}. */
// snippet: entity
@Entity
@Table(name = "article")
@Versioned(exclude = "views")           // a change of views alone is not history
public class Article {

    @Id @GeneratedValue
    private Long id;
    private String title;
    private String body;
    private long views;

    protected Article() {                // for JPA
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

    public long getViews() {
        return views;
    }

    public void setViews(long views) {
        this.views = views;
    }
}
// end snippet
