package dev.continuum.hibernate.typed;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The author of an {@link Article}; not versioned itself. */
@Entity(name = "TypedWriter")
@Table(name = "typed_writer")
public class Writer {

    @Id
    private Long id;

    private String name;

    protected Writer() {
    }

    public Writer(Long id, String name) {
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
