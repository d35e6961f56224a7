package dev.continuum.examples.blog.post;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A reader's comment on a post, versioned like the post. */
@Entity
@Table(name = "post_comment")
@Versioned
public class Comment {

    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne(optional = false)
    private Post post;

    @Column(nullable = false, length = 100)
    private String author;

    @Column(nullable = false, length = 2000)
    private String text;

    protected Comment() {
    }

    Comment(Post post, String author, String text) {
        this.post = post;
        this.author = author;
        this.text = text;
    }

    public Long getId() { return id; }
    public Post getPost() { return post; }
    public String getAuthor() { return author; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
}
