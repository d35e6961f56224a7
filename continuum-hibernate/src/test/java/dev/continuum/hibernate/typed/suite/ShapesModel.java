package dev.continuum.hibernate.typed.suite;

import dev.continuum.Versioned;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorType;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entities of the mapping shapes whose version classes map columns that are not the entity's own
 * properties, each as the runtime lays it out: discriminators of the three types, the columns of
 * an overridden embedded identifier, the keys of two join-column collections named by default.
 */
final class ShapesModel {

    private ShapesModel() {
    }

    /** A JOINED root with a discriminator of type CHAR. */
    @Entity(name = "ShapeTicket")
    @Table(name = "shp_ticket")
    @Inheritance(strategy = InheritanceType.JOINED)
    @DiscriminatorColumn(name = "kind", discriminatorType = DiscriminatorType.CHAR)
    @DiscriminatorValue("T")
    @Versioned
    static class Ticket {
        @Id
        Long id;
        String subject;
    }

    @Entity(name = "ShapeRefund")
    @Table(name = "shp_refund")
    @DiscriminatorValue("R")
    static class Refund extends Ticket {
        Integer cents;
    }

    /** A single-table root with a discriminator of type INTEGER. */
    @Entity(name = "ShapePart")
    @Table(name = "shp_part")
    @DiscriminatorColumn(name = "part_type", discriminatorType = DiscriminatorType.INTEGER)
    @DiscriminatorValue("1")
    @Versioned
    static class Part {
        @Id
        Long id;
        String label;
    }

    @Entity(name = "ShapeBolt")
    @DiscriminatorValue("2")
    static class Bolt extends Part {
        /** Primitive here, null in the version rows of other parts. */
        int diameter;
    }

    @Embeddable
    static class StopKey implements Serializable {
        @Column(name = "route_no", length = 12)
        String route;
        int seq;

        StopKey() {
        }

        StopKey(String route, int seq) {
            this.route = route;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StopKey that && that.route.equals(route) && that.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(route, seq);
        }
    }

    /** An embedded identifier whose column names come from the embeddable and from an override. */
    @Entity(name = "ShapeStop")
    @Table(name = "shp_stop")
    @Versioned
    static class Stop {
        @EmbeddedId
        @AttributeOverride(name = "seq", column = @Column(name = "stop_seq"))
        StopKey key;
        String name;
    }

    /** Two join-column collections of the same children, the join columns named by default. */
    @Entity(name = "ShapeCrate")
    @Table(name = "shp_crate")
    @Versioned
    static class Crate {
        @Id
        Long id;
        @OneToMany
        @JoinColumn
        List<Bottle> bottles = new ArrayList<>();
        @OneToMany
        @JoinColumn(name = "spare_crate")
        List<Bottle> spares = new ArrayList<>();
    }

    @Entity(name = "ShapeBottle")
    @Table(name = "shp_bottle")
    @Versioned
    static class Bottle {
        @Id
        Long id;
        String wine;
    }
}
