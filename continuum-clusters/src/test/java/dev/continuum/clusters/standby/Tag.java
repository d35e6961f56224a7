package dev.continuum.clusters.standby;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A versioned tag. */
@Entity(name = "StandbyTag")
@Table(name = "tag")
@Versioned
public class Tag {

    @Id
    private Long id;

    private String name;

    protected Tag() {
    }

    public Tag(long id, String name) {
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
