package dev.continuum.hibernate.boot;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "excludes_id")
@Versioned(exclude = "id")
public class ExcludesId {
    @Id
    Long id;
    String name;
}
