package dev.continuum.spring.misconfigured;

import dev.continuum.Versioned;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Excludes a property it does not have. */
@Entity
@Versioned(exclude = "titel")
public class Memo {

    @Id
    private Long id;
    private String title;

    protected Memo() {
    }
}
