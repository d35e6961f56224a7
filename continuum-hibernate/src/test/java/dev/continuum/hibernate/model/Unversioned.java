package dev.continuum.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity without @Versioned: its changes are not recorded. */
@Entity
@Table(name = "unversioned")
public class Unversioned {
    @Id
    @GeneratedValue
    private Long id;
    private String name;

    protected Unversioned() {
    }

    public Unversioned(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public void setName(String name) {
        this.name = name;
    }
}
