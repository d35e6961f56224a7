package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A natively versioned entity with a composite key. */
@Entity
@Table(name = "placement")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Placement {

    /** The key: a shelf and a position on it. */
    @Embeddable
    public static class Key implements Serializable {
        private String shelf;
        private int position;

        protected Key() {
        }

        public Key(String shelf, int position) {
            this.shelf = shelf;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.shelf.equals(shelf) && key.position == position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(shelf, position);
        }
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
