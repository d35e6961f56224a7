package dev.continuum.examples.blog.post;

import dev.continuum.Versioned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A blog post: its title (unique), body, status, author, tags and comments. Every change of it,
 * of its tags and of its comments is recorded by Continuum.
 */
@Entity
@Versioned
public class Post {

    /** The longest body a post may have. */
    public static final int MAX_BODY = 20_000;

    @Id
    @GeneratedValue                       // a sequence: a deleted post can be restored with its id
    private Long id;

    @Column(nullable = false, unique = true, length = 200)
    private String title;

    @Column(nullable = false, length = MAX_BODY)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private PostStatus status = PostStatus.DRAFT;

    @ManyToOne(optional = false)
    private Author author;

    @ManyToMany
    @JoinTable(name = "post_tag", joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    @OrderBy("name")
    private Set<Tag> tags = new LinkedHashSet<>();

    @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<Comment> comments = new ArrayList<>();

    protected Post() {
    }

    public Post(String title, String body, PostStatus status, Author author) {
        this.title = title;
        this.body = body;
        this.status = status;
        this.author = author;
    }

    /** Adds a comment to the post; it is saved with the post. */
    public Comment addComment(String author, String text) {
        Comment comment = new Comment(this, author, text);
        comments.add(comment);
        return comment;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public PostStatus getStatus() { return status; }
    public void setStatus(PostStatus status) { this.status = status; }
    public Author getAuthor() { return author; }
    public void setAuthor(Author author) { this.author = author; }
    public Set<Tag> getTags() { return tags; }
    public List<Comment> getComments() { return comments; }
}
