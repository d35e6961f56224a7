package dev.continuum.hibernate.admin;

import dev.continuum.HistoryRetention;
import dev.continuum.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Entities whose rows exist before versioning is turned on, for the baseline. */
final class BaselineModel {

    private BaselineModel() {
    }

    /** With a secondary table, an element collection and a many-to-many. */
    @Entity
    @Table(name = "bl_book")
    @SecondaryTable(name = "bl_book_detail", pkJoinColumns = @jakarta.persistence.PrimaryKeyJoinColumn(name = "book_id"))
    @Versioned
    static class Book {
        @Id
        Long id;
        String title;
        @Column(table = "bl_book_detail")
        String blurb;
        @ElementCollection
        @CollectionTable(name = "bl_book_keyword", joinColumns = @JoinColumn(name = "book_id"))
        @Column(name = "keyword")
        Set<String> keywords = new HashSet<>();
        @ManyToMany
        @JoinTable(name = "bl_book_shelf", joinColumns = @JoinColumn(name = "book_id"),
                inverseJoinColumns = @JoinColumn(name = "shelf_id"))
        Set<Shelf> shelves = new HashSet<>();

        protected Book() {
        }

        Book(Long id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    @Entity
    @Table(name = "bl_shelf")
    @Versioned
    static class Shelf {
        @Id
        Long id;
        String name;

        protected Shelf() {
        }
    }

    /** A JOINED hierarchy: the subclass's rows live in two tables. */
    @Entity
    @Table(name = "bl_media")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Media {
        @Id
        Long id;
        String label;

        protected Media() {
        }
    }

    @Entity
    @Table(name = "bl_disc")
    static class Disc extends Media {
        int tracks;

        protected Disc() {
        }
    }

    /** History kept by its annotation: the current version only. */
    @Entity
    @Table(name = "bl_memo")
    @Versioned
    @HistoryRetention(versions = 1, keepFirst = false)
    static class Memo {
        @Id
        Long id;
        String text;

        protected Memo() {
        }

        Memo(Long id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    @Embeddable
    static class PairKey implements Serializable {
        String area;
        String slot;

        protected PairKey() {
        }

        PairKey(String area, String slot) {
            this.area = area;
            this.slot = slot;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PairKey that && Objects.equals(area, that.area) && Objects.equals(slot, that.slot);
        }

        @Override
        public int hashCode() {
            return Objects.hash(area, slot);
        }
    }

    /** A composite key: done in one batch. */
    @Entity
    @Table(name = "bl_pair")
    @Versioned
    static class Pair {
        @EmbeddedId
        PairKey key;
        int weight;

        protected Pair() {
        }
    }
}
