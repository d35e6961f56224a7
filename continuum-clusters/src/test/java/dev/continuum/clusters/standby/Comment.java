package dev.continuum.clusters.standby;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A versioned comment on an article. */
@Entity(name = "StandbyComment")
@Table(name = "comment")
@Versioned
public class Comment {

    @Id
    private Long id;

    private String text;

    @ManyToOne
    private Article article;

    protected Comment() {
    }

    public Comment(long id, String text, Article article) {
        this.id = id;
        this.text = text;
        this.article = article;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public Article getArticle() {
        return article;
    }
}
