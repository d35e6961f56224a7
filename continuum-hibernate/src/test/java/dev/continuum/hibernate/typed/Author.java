package dev.continuum.hibernate.typed;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The versioned author of a {@link Post}. */
@Entity(name = "TypedAuthor")
@Table(name = "typed_author")
@Versioned
public class Author {

    @Id
    private Long id;

    private String name;

    protected Author() {
    }

    public Author(Long id, String name) {
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
