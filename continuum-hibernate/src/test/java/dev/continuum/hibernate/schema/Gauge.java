package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plain versioned entity of its own table. */
@Entity
@Table(name = "gauge")
@Versioned
public class Gauge {
    @Id
    public Long id;
    public String label;

    public Gauge() {
    }

    public Gauge(Long id, String label) {
        this.id = id;
        this.label = label;
    }
}
