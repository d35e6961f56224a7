package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A versioned entity with a decimal and an embeddable. */
@Entity
@Table(name = "product")
@Versioned
public class Product {
    @Id
    @GeneratedValue
    private Long id;
    private String name;
    @Column(precision = 10, scale = 2)
    private BigDecimal price;
    @Embedded
    private Dimensions dimensions;

    protected Product() {
    }

    public Product(String name, BigDecimal price) {
        this.name = name;
        this.price = price;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public Dimensions getDimensions() {
        return dimensions;
    }

    public void setDimensions(Dimensions dimensions) {
        this.dimensions = dimensions;
    }
}
