package dev.continuum.hibernate.concurrency;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** Entities many transactions write at once: shelves whose collections change, and ledgers updated one per writer. */
final class ConcurrencyModel {

    private ConcurrencyModel() {
    }

    /** A tag shelves refer to; not versioned itself. */
    @Entity(name = "CcTag")
    @Table(name = "cc_tag")
    static class Tag {
        @Id
        Long id;
        String name;

        Tag() {
        }

        Tag(Long id) {
            this.id = id;
            this.name = "tag " + id;
        }

        Long getId() {
            return id;
        }
    }

    /** An entity that gets a version whenever its element collection or its many-to-many changes. */
    @Entity(name = "CcShelf")
    @Table(name = "cc_shelf")
    @Versioned
    static class Shelf {
        @Id
        Long id;
        String name;
        @ElementCollection
        @CollectionTable(name = "cc_shelf_label", joinColumns = @JoinColumn(name = "shelf_id"))
        @Column(name = "label", nullable = false)
        Set<String> labels = new HashSet<>();
        @ManyToMany
        @JoinTable(name = "cc_shelf_tag", joinColumns = @JoinColumn(name = "shelf_id"),
                inverseJoinColumns = @JoinColumn(name = "tag_id"))
        Set<Tag> tags = new HashSet<>();

        Shelf() {
        }

        Shelf(Long id) {
            this.id = id;
            this.name = "shelf " + id;
        }
    }

    /** An entity whose own column every transaction updates. */
    @Entity(name = "CcLedger")
    @Table(name = "cc_ledger")
    @Versioned
    static class Ledger {
        @Id
        Long id;
        long balance;
        String writer;

        Ledger() {
        }

        Ledger(Long id) {
            this.id = id;
        }
    }
}
