package dev.continuum.examples.blog.post;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Who a post is by: one of the blog's writers, who signs in under {@code username}. */
@Entity
@Versioned
public class Author {

    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false, unique = true, length = 50)
    private String username;

    @Column(nullable = false, length = 100)
    private String name;

    protected Author() {
    }

    public Author(String username, String name) {
        this.username = username;
        this.name = name;
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public String getName() { return name; }
}
