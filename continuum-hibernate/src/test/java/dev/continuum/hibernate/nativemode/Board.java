package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** A natively versioned owner of a many-to-many that Hibernate's events version. */
@Entity
@Table(name = "board")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED,
        versionOwnerOnCollectionChange = Versioned.Setting.DISABLED)
public class Board {
    @Id
    private Long id;
    private String name;
    @ManyToMany
    @JoinTable(name = "board_label")
    private Set<Label> labels = new HashSet<>();

    protected Board() {
    }

    public Board(Long id, String name) {
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
