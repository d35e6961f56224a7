package dev.continuum.hibernate.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.math.BigDecimal;

/** An application's own entity named Transaction, whose default table name is Continuum's default. */
@Entity
public class Transaction {
    @Id
    public Long id;
    public BigDecimal amount;
}
