package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A MariaDB column type given by {@code columnDefinition}, which the version table must copy. */
@Entity
@Table(name = "meter")
@Versioned
public class Meter {
    @Id
    public Long id;
    @Column(columnDefinition = "int unsigned")
    public long reading;
}
