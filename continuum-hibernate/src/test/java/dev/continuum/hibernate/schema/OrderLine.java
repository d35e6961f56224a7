package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A quoted table name with a space, legal in every database. */
@Entity
@Table(name = "`order line`")
@Versioned
public class OrderLine {
    @Id
    public Long id;
    public String label;
}
