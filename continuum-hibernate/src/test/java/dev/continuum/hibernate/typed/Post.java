package dev.continuum.hibernate.typed;

import dev.continuum.Versioned;
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
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A versioned entity with one relation of every kind, whose typed version class {@code PostVersion}
 * gets an accessor per relation: a many-to-one to a versioned and to an unversioned entity, an
 * owning one-to-one, a one-to-many, a many-to-many and an element collection. It has no getters
 * (field access only), so the accessors must read the relations without them.
 */
@Entity(name = "TypedPost")
@Table(name = "typed_post")
@Versioned
public class Post {

    @Id
    Long id;

    String title;

    @ManyToOne
    @JoinColumn(name = "author_id")
    Author author;

    @ManyToOne
    @JoinColumn(name = "reviewer_id")
    Writer reviewer;

    @OneToOne
    @JoinColumn(name = "pinned_id")
    Comment pinned;

    @OneToMany(mappedBy = "post")
    @OrderBy("id")
    List<Comment> comments = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "typed_post_tag", joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    Set<Tag> tags = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "typed_post_keyword", joinColumns = @JoinColumn(name = "post_id"))
    @Column(name = "keyword", length = 40)
    Set<String> keywords = new LinkedHashSet<>();

    protected Post() {
    }

    Post(Long id, String title) {
        this.id = id;
        this.title = title;
    }
}
