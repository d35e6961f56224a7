package dev.continuum.hibernate.flushwrites;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** An entity with an assigned id and a versioned set of labels (a collection table with a key). */
@Entity
@Table(name = "shelf")
@Versioned
public class Shelf {
    @Id
    private Long id;
    private String name;
    @ElementCollection
    @CollectionTable(name = "shelf_label", joinColumns = @JoinColumn(name = "shelf_id"))
    @Column(name = "label", nullable = false)
    private Set<String> labels = new HashSet<>();

    protected Shelf() {
    }

    public Shelf(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Set<String> getLabels() {
        return labels;
    }
}
