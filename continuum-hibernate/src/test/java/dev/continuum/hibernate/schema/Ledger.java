package dev.continuum.hibernate.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application's table named like Continuum's transaction table in an explicit schema. */
@Entity
@Table(name = "transaction", schema = "billing")
public class Ledger {
    @Id
    public Long id;
}
