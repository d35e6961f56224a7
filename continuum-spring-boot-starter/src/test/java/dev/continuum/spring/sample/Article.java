package dev.continuum.spring.sample;

import dev.continuum.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

// snippet: entity
@Entity
@Versioned(exclude = "views")            // a view is not a change
public class Article {

    @Id
    @GeneratedValue
    private Long id;
    private String title;
    @Column(length = 4000)
    private String body;
    private long views;

    protected Article() {
    }

    public Article(String title, String body) {
        this.title = title;
        this.body = body;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public long getViews() { return views; }
    public void setViews(long views) { this.views = views; }
}
// end snippet
