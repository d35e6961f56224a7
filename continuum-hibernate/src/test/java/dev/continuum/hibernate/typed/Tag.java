package dev.continuum.hibernate.typed;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A versioned tag of {@link Post}s. */
@Entity(name = "TypedTag")
@Table(name = "typed_tag")
@Versioned
public class Tag {

    @Id
    private Long id;

    private String name;

    protected Tag() {
    }

    public Tag(Long id, String name) {
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
}
