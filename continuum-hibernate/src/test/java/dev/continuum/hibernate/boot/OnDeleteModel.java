package dev.continuum.hibernate.boot;

import dev.continuum.Versioned;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.util.HashSet;
import java.util.Set;

/** Rows the database deletes by itself when their parent row is deleted ({@code @OnDelete(CASCADE)}). */
final class OnDeleteModel {

    private OnDeleteModel() {
    }

    @Entity
    @Table(name = "od_folder")
    @Versioned
    static class Folder {
        @Id
        Long id;
        String name;
        @ElementCollection
        @CollectionTable(name = "od_folder_label", joinColumns = @JoinColumn(name = "folder_id"))
        @Column(name = "label")
        @OnDelete(action = OnDeleteAction.CASCADE)
        Set<String> labels = new HashSet<>();

        protected Folder() {
        }

        Folder(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity
    @Table(name = "od_shelf")
    @Versioned
    static class Shelf {
        @Id
        Long id;

        protected Shelf() {
        }

        Shelf(Long id) {
            this.id = id;
        }
    }

    /** A versioned child that the database deletes with its shelf. */
    @Entity
    @Table(name = "od_file")
    @Versioned
    static class CascadedFile {
        @Id
        Long id;
        @ManyToOne
        @OnDelete(action = OnDeleteAction.CASCADE)
        Shelf shelf;

        protected CascadedFile() {
        }
    }

    /** A child the database deletes with its shelf, but whose history is not kept. */
    @Entity
    @Table(name = "od_note")
    static class PlainNote {
        @Id
        Long id;
        @ManyToOne
        @OnDelete(action = OnDeleteAction.CASCADE)
        Shelf shelf;
    }
}
