package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity with an assigned id, so a deleted id can be inserted again. */
@Entity
@Table(name = "note")
@Versioned
public class Note {
    @Id
    private Long id;
    private String text;

    protected Note() {
    }

    public Note(Long id, String text) {
        this.id = id;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
