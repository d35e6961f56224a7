package dev.continuum.hibernate.typed;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;
import dev.continuum.hibernate.model.Address;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.model.RgbConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A versioned entity whose typed version class, {@code ArticleVersion}, the annotation processor
 * generates while the tests compile: an enum, a converted value, an embeddable, a many-to-one, an
 * excluded and a {@code @NotVersioned} property, and an optimistic lock that is not versioned.
 */
@Entity(name = "TypedArticle")
@Table(name = "typed_article")
@Versioned(exclude = "views")
public class Article {

    @Id
    private Long id;

    @Column(length = 200, nullable = false)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private Status status;

    @Convert(converter = RgbConverter.class)
    private Rgb color;

    @Embedded
    private Address address;

    @ManyToOne
    @JoinColumn(name = "writer_id")
    private Writer author;

    private long views;

    @NotVersioned
    private String draftNotes;

    @Version
    private int revision;

    protected Article() {
    }

    public Article(Long id, String title, Status status) {
        this.id = id;
        this.title = title;
        this.status = status;
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

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public Rgb getColor() {
        return color;
    }

    public void setColor(Rgb color) {
        this.color = color;
    }

    public Address getAddress() {
        return address;
    }

    public void setAddress(Address address) {
        this.address = address;
    }

    public Writer getAuthor() {
        return author;
    }

    public void setAuthor(Writer author) {
        this.author = author;
    }

    public long getViews() {
        return views;
    }

    public void setViews(long views) {
        this.views = views;
    }

    public String getDraftNotes() {
        return draftNotes;
    }

    public void setDraftNotes(String draftNotes) {
        this.draftNotes = draftNotes;
    }
}
