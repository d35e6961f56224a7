package dev.continuum.hibernate.flushwrites;

import dev.continuum.Compact;
import dev.continuum.Versioned;
import dev.continuum.hibernate.model.Note;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The mappings a batch job flushing and clearing its session meets: both inheritance strategies,
 * an embedded value, a set of elements, a many-to-many set, a one-to-many by join column and a
 * composite key, all with assigned identifiers so that a deleted one can be persisted again.
 */
final class BatchModel {

    private BatchModel() {
    }

    @Entity(name = "Gadget")
    @Table(name = "fw_gadget")
    @DiscriminatorColumn(name = "kind")
    @DiscriminatorValue("gadget")
    @Versioned
    static class Gadget {
        @Id
        Long id;
        String name;

        Gadget() {
        }

        Gadget(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Widget")
    @DiscriminatorValue("widget")
    static class Widget extends Gadget {
        Integer size;

        Widget() {
        }

        Widget(long id, String name, int size) {
            super(id, name);
            this.size = size;
        }
    }

    @Entity(name = "Machine")
    @Table(name = "fw_machine")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Machine {
        @Id
        Long id;
        String name;

        Machine() {
        }

        Machine(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Press")
    @Table(name = "fw_press")
    static class Press extends Machine {
        Integer tons;

        Press() {
        }

        Press(long id, String name, int tons) {
            super(id, name);
            this.tons = tons;
        }
    }

    /** Where a bin stands. */
    @Embeddable
    static class Spot {
        String aisle;
        Integer level;

        Spot() {
        }

        Spot(String aisle, int level) {
            this.aisle = aisle;
            this.level = level;
        }
    }

    @Entity(name = "Slot")
    @Table(name = "fw_slot")
    @Versioned
    static class Slot {
        @Id
        Long id;
        String code;

        Slot() {
        }

        Slot(long id, String code) {
            this.id = id;
            this.code = code;
        }
    }

    @Entity(name = "Bin")
    @Table(name = "fw_bin")
    @Versioned
    static class Bin {
        @Id
        Long id;
        String name;
        @Embedded
        Spot spot;
        @ElementCollection
        @CollectionTable(name = "fw_bin_tag", joinColumns = @JoinColumn(name = "bin_id"))
        @Column(name = "tag", nullable = false)
        Set<String> tags = new HashSet<>();
        @ManyToMany
        @JoinTable(name = "fw_bin_note", joinColumns = @JoinColumn(name = "bin_id"),
                inverseJoinColumns = @JoinColumn(name = "note_id"))
        Set<Note> notes = new HashSet<>();
        @OneToMany
        @JoinColumn(name = "bin_id")
        Set<Slot> slots = new HashSet<>();

        Bin() {
        }

        Bin(long id, String name, Spot spot) {
            this.id = id;
            this.name = name;
            this.spot = spot;
        }
    }

    /** The key of a {@link Line}. */
    @Embeddable
    static class LineKey implements Serializable {
        long orderNo;
        int lineNo;

        LineKey() {
        }

        LineKey(long orderNo, int lineNo) {
            this.orderNo = orderNo;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LineKey that && that.orderNo == orderNo && that.lineNo == lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderNo, lineNo);
        }
    }

    @Entity(name = "Line")
    @Table(name = "fw_line")
    @Versioned
    static class Line {
        @EmbeddedId
        LineKey id;
        int quantity;

        Line() {
        }

        Line(long orderNo, int lineNo, int quantity) {
            this.id = new LineKey(orderNo, lineNo);
            this.quantity = quantity;
        }
    }

    /** Not part of the test models: {@code @Compact}, which flush writes refuse. */
    @Entity(name = "Meter")
    @Table(name = "fw_meter")
    @Versioned
    static class Meter {
        @Id
        Long id;
        @Compact
        String unit;
    }
}
