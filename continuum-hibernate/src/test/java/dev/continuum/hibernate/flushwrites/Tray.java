package dev.continuum.hibernate.flushwrites;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** An entity with a versioned set of embeddables with nullable columns, so that its rows have no primary key. */
@Entity
@Table(name = "tray")
@Versioned
public class Tray {
    @Id
    private Long id;
    @ElementCollection
    @CollectionTable(name = "tray_item", joinColumns = @JoinColumn(name = "tray_id"))
    private Set<Item> items = new HashSet<>();

    protected Tray() {
    }

    /** An element whose columns may be null. */
    @Embeddable
    public static class Item {
        private String name;
        private String note;
    }
}
