package dev.continuum.spring.drift;

import dev.continuum.Versioned;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A versioned entity whose version table is missing from the database. */
@Entity
@Versioned
public class Ledger {

    @Id
    private Long id;
    private String name;

    protected Ledger() {
    }
}
