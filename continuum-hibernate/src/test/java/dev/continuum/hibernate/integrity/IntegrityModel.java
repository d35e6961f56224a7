package dev.continuum.hibernate.integrity;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** Entities whose history is covered by hashes: values of several types, a collection, a JOINED hierarchy. */
final class IntegrityModel {

    private IntegrityModel() {
    }

    @Entity
    @Table(name = "ig_ledger")
    @Versioned
    static class Ledger {
        @Id
        Long id;
        String title;
        BigDecimal amount;
        Instant booked;
        LocalDate due;
        @ElementCollection
        @CollectionTable(name = "ig_ledger_tag", joinColumns = @JoinColumn(name = "ledger_id"))
        @Column(name = "tag")
        Set<String> tags = new HashSet<>();

        protected Ledger() {
        }

        Ledger(Long id, String title) {
            this.id = id;
            this.title = title;
            this.amount = new BigDecimal("12.50");
            this.booked = Instant.parse("2026-03-04T05:06:07.123456Z");
            this.due = LocalDate.of(2026, 4, 1);
        }
    }

    @Entity
    @Table(name = "ig_asset")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Asset {
        @Id
        Long id;
        String label;

        protected Asset() {
        }
    }

    @Entity
    @Table(name = "ig_vehicle")
    static class Vehicle extends Asset {
        int wheels;

        protected Vehicle() {
        }

        Vehicle(Long id, String label, int wheels) {
            this.id = id;
            this.label = label;
            this.wheels = wheels;
        }
    }
}
