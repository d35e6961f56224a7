package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A natively versioned entity with a generated UUID key. */
@Entity
@Table(name = "token")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Token {
    @Id
    @GeneratedValue
    private UUID id;
    private String label;

    protected Token() {
    }

    public Token(String label) {
        this.label = label;
    }

    public UUID getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
