package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "pet")
@Versioned
public class Pet {
    @Id
    private Long id;
    private String name;

    protected Pet() {
    }

    public Pet(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
