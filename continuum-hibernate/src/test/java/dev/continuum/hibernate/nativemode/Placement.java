package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A natively versioned entity with a composite key. */
@Entity
@Table(name = "placement")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Placement {

    /** The key: a shelf and a position on it. */
    @Embeddable
    public record Key(String shelf, int position) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    private String item;

    protected Placement() {
    }

    public Placement(Key key, String item) {
        this.key = key;
        this.item = item;
    }

    public Key getKey() {
        return key;
    }

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }
}
