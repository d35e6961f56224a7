package dev.continuum.clusters.standby;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A versioned author of articles. */
@Entity(name = "StandbyAuthor")
@Table(name = "author")
@Versioned
public class Author {

    @Id
    private Long id;

    private String name;

    protected Author() {
    }

    public Author(long id, String name) {
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
