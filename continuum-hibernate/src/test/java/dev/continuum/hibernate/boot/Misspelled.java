package dev.continuum.hibernate.boot;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "misspelled")
@Versioned(exclude = "titel")
public class Misspelled {
    @Id
    Long id;
    String title;
}
