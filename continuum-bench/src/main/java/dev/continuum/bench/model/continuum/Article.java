package dev.continuum.bench.model.continuum;

import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.Status;
import dev.continuum.Versioned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A benchmark article of this variant: the aggregate root every workload writes. */
@Entity
@Table(name = "article")
@Versioned
public class Article implements BenchArticle {

    // Hibernate's default allocation size (50): one sequence call per 50 new rows, as in most applications.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "article_id")
    @SequenceGenerator(name = "article_id", sequenceName = "article_id_seq")
    private Long id;

    @Column(nullable = false)
    private String title;

    @Column(length = 1000)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Status status;

    private Instant updatedAt;

    // Sets, not lists: the delete workload fetches both collections in one query, and two bags cannot be.
    @OneToMany(mappedBy = "article", cascade = CascadeType.PERSIST)
    private Set<Comment> comments = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "article_tag",
            joinColumns = @JoinColumn(name = "article_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new HashSet<>();

    /** For Hibernate. */
    protected Article() {
    }

    Article(String title, String body, Status status) {
        this.title = title;
        this.body = body;
        this.status = status;
        this.updatedAt = Instant.now();
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public String getTitle() {
        return title;
    }

    @Override
    public void setTitle(String title) {
        this.title = title;
    }

    @Override
    public Status getStatus() {
        return status;
    }

    @Override
    public void setStatus(Status status) {
        this.status = status;
    }

    @Override
    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    Set<Comment> comments() {
        return comments;
    }

    Set<Tag> tags() {
        return tags;
    }
}
