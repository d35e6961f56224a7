package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A label of boards, versioned through Hibernate's events. */
@Entity
@Table(name = "label")
@Versioned
public class Label {
    @Id
    private Long id;
    private String name;

    protected Label() {
    }

    public Label(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
