package dev.continuum.hibernate.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application's table named like Continuum's transaction table in another letter case. */
@Entity
@Table(name = "TRANSACTION")
public class Payment {
    @Id
    public Long id;
}
