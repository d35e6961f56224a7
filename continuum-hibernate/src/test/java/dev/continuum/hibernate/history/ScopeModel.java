package dev.continuum.hibernate.history;

import dev.continuum.Versioned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A post with comments (one-to-many), tags (many-to-many) and keywords (element collection), for undo scopes. */
final class ScopeModel {

    private ScopeModel() {
    }

    @Entity(name = "ScopeTag")
    @Table(name = "scope_tag")
    @Versioned
    static class Tag {
        @Id
        Long id;
        String name;

        Tag() {
        }

        Tag(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "ScopePost")
    @Table(name = "scope_post")
    @Versioned
    static class Post {
        @Id
        Long id;
        String title;
        @OneToMany(mappedBy = "post", cascade = CascadeType.ALL)
        List<Comment> comments = new ArrayList<>();
        @ManyToMany
        @JoinTable(name = "scope_post_tag", joinColumns = @JoinColumn(name = "post_id"),
                inverseJoinColumns = @JoinColumn(name = "tag_id"))
        Set<Tag> tags = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "scope_post_keyword", joinColumns = @JoinColumn(name = "post_id"))
        @Column(name = "keyword")
        Set<String> keywords = new HashSet<>();

        Post() {
        }

        Post(Long id, String title) {
            this.id = id;
            this.title = title;
        }

        Comment comment(Long id, String text) {
            Comment comment = new Comment(id, text, this);
            comments.add(comment);
            return comment;
        }

        /** The comments as {@code id:text}, by id. */
        Set<String> commentTexts() {
            Set<String> texts = new TreeSet<>();
            comments.forEach(comment -> texts.add(comment.id + ":" + comment.text));
            return texts;
        }

        Set<String> tagNames() {
            Set<String> names = new TreeSet<>();
            tags.forEach(tag -> names.add(tag.name));
            return names;
        }
    }

    @Entity(name = "ScopeComment")
    @Table(name = "scope_comment")
    @Versioned
    static class Comment {
        @Id
        Long id;
        String text;
        @ManyToOne
        Post post;

        Comment() {
        }

        Comment(Long id, String text, Post post) {
            this.id = id;
            this.text = text;
            this.post = post;
        }
    }
}
