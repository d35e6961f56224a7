package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row many transactions update at once; {@code rev} is incremented under a row lock. */
@Entity
@Table(name = "counter")
@Versioned
public class Counter {
    @Id
    public Long id;
    public int rev;
    public String lastWriter;

    protected Counter() {
    }

    public Counter(Long id) {
        this.id = id;
    }
}
