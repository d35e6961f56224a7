package dev.continuum.hibernate.boot;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "gadget")
@Versioned
public class Gadget {
    @Id
    Long id;
    @Column(length = 200)
    String name;
    int weight;
}
