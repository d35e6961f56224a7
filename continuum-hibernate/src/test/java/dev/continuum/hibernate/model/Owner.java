package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** A pet owner: adopting a pet changes only the owner's collection, whose foreign key is in the pet's row. */
@Entity
@Table(name = "owner")
@Versioned
public class Owner {
    @Id
    private Long id;
    private String name;
    @OneToMany
    @JoinColumn(name = "owner_id")
    @OrderBy("id")
    private List<Pet> pets = new ArrayList<>();

    protected Owner() {
    }

    public Owner(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Pet> getPets() {
        return pets;
    }
}
