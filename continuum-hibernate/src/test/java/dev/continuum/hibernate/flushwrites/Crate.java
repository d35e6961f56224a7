package dev.continuum.hibernate.flushwrites;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** An entity with a versioned bag, whose equal copies of an element flush writes cannot rewrite. */
@Entity
@Table(name = "crate")
@Versioned
public class Crate {
    @Id
    private Long id;
    @ElementCollection
    @CollectionTable(name = "crate_item", joinColumns = @JoinColumn(name = "crate_id"))
    private List<String> items = new ArrayList<>();

    protected Crate() {
    }
}
