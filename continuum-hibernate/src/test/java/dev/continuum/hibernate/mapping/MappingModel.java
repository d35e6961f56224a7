package dev.continuum.hibernate.mapping;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;
import dev.continuum.hibernate.model.Priority;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.model.RgbConverter;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Lob;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;

import java.io.Serializable;
import java.util.Objects;

/** Small entities, one per mapping feature whose version rows are checked. */
final class MappingModel {

    private MappingModel() {
    }

    /** The key of an {@link OrderLine}. */
    @Embeddable
    static class LineId implements Serializable {
        long orderNo;
        int lineNo;

        LineId() {
        }

        LineId(long orderNo, int lineNo) {
            this.orderNo = orderNo;
            this.lineNo = lineNo;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LineId that && that.orderNo == orderNo && that.lineNo == lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderNo, lineNo);
        }
    }

    @Entity(name = "OrderLine")
    @Table(name = "map_order_line")
    @Versioned
    static class OrderLine {
        @EmbeddedId
        LineId id;
        String product;
        int quantity;
    }

    /** The key of a {@link Seat}, as an {@code @IdClass}. */
    static class SeatKey implements Serializable {
        String hall;
        int number;

        SeatKey() {
        }

        SeatKey(String hall, int number) {
            this.hall = hall;
            this.number = number;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SeatKey that && that.hall.equals(hall) && that.number == number;
        }

        @Override
        public int hashCode() {
            return Objects.hash(hall, number);
        }
    }

    @Entity(name = "Seat")
    @Table(name = "map_seat")
    @IdClass(SeatKey.class)
    @Versioned
    static class Seat {
        @Id
        String hall;
        @Id
        int number;
        String holder;
    }

    @Embeddable
    static class Place {
        String street;
        String city;

        Place() {
        }

        Place(String street, String city) {
            this.street = street;
            this.city = city;
        }
    }

    @Embeddable
    static class Contact {
        String email;
        @Embedded
        Place home;
        @Embedded
        @AttributeOverride(name = "street", column = @Column(name = "work_street"))
        @AttributeOverride(name = "city", column = @Column(name = "work_city"))
        Place work;
    }

    /** Audit columns shared through a mapped superclass, with the optimistic-lock column. */
    @MappedSuperclass
    abstract static class Audited {
        String createdBy;
        @Version
        long lockVersion;
    }

    @Entity(name = "Customer")
    @Table(name = "map_customer")
    @Versioned
    static class Customer extends Audited {
        @Id
        Long id;
        String name;
        @Embedded
        Contact contact;
        @Enumerated(EnumType.STRING)
        Priority tier;
        @Enumerated(EnumType.ORDINAL)
        Priority rank;
        @Convert(converter = RgbConverter.class)
        Rgb color;
        @Formula("upper(name)")
        String shout;
        @NotVersioned
        String note;
    }

    @Entity(name = "Document")
    @Table(name = "map_document")
    @Versioned
    static class Document {
        @Id
        Long id;
        @Lob
        String text;
        @Lob
        byte[] data;
    }

    @Entity(name = "Vehicle")
    @Table(name = "map_vehicle")
    @DiscriminatorColumn(name = "kind")
    @Versioned
    abstract static class Vehicle {
        @Id
        Long id;
        String plate;
    }

    @Entity(name = "Car")
    @DiscriminatorValue("car")
    static class Car extends Vehicle {
        Integer seats;
    }

    @Entity(name = "Truck")
    @DiscriminatorValue("truck")
    static class Truck extends Vehicle {
        Integer payload;
    }

    @Entity(name = "Animal")
    @Table(name = "map_animal")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Animal {
        @Id
        Long id;
        String name;
    }

    @Entity(name = "Dog")
    @Table(name = "map_dog")
    @PrimaryKeyJoinColumn(name = "animal_id")
    static class Dog extends Animal {
        String breed;
    }

    @Entity(name = "Puppy")
    @Table(name = "map_puppy")
    static class Puppy extends Dog {
        String toy;
    }

    @Entity(name = "Shape")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    @Versioned
    abstract static class Shape {
        @Id
        Long id;
        String color;
    }

    @Entity(name = "Circle")
    @Table(name = "map_circle")
    static class Circle extends Shape {
        double radius;
    }

    @Entity(name = "Square")
    @Table(name = "map_square")
    static class Square extends Shape {
        double side;
    }

    @Entity(name = "Profile")
    @Table(name = "map_profile")
    @SecondaryTable(name = "map_profile_detail", pkJoinColumns = @PrimaryKeyJoinColumn(name = "profile_id"))
    @Versioned
    static class Profile {
        @Id
        Long id;
        String handle;
        @Column(table = "map_profile_detail")
        String bio;
        @Column(table = "map_profile_detail")
        Integer followers;
    }

    /** Reserved words as table and column names, quoted in the mapping. */
    @Entity(name = "Order")
    @Table(name = "\"order\"")
    @Versioned
    static class Order {
        @Id
        Long id;
        @Column(name = "\"select\"")
        String select;
        @Column(name = "\"from\"")
        Integer from;
    }

    @Entity(name = "User")
    @Table(name = "\"user\"")
    @Versioned
    static class User {
        @Id
        Long id;
        @Column(name = "\"group\"")
        String group;
    }
}
