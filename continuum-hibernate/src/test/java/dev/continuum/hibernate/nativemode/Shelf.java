package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** A natively versioned owner of a versioned many-to-many that wants a version on collection changes: refused. */
@Entity
@Table(name = "shelf")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Shelf {
    @Id
    private Long id;
    private String name;
    @ManyToMany
    @JoinTable(name = "shelf_label")
    private Set<Label> labels = new HashSet<>();

    protected Shelf() {
    }

    public Shelf(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Set<Label> getLabels() {
        return labels;
    }
}
