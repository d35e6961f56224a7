package dev.continuum.hibernate.flags;

import dev.continuum.Versioned;
import dev.continuum.hibernate.model.Address;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose versions record which properties changed. */
@Entity
@Table(name = "shipment")
@Versioned(modifiedFlags = Versioned.Setting.ENABLED)
public class Shipment {
    @Id
    private Long id;
    private String status;
    @Column(name = "qty")
    private Integer quantity;
    @Embedded
    private Address destination;

    protected Shipment() {
    }

    public Shipment(Long id, String status, Integer quantity) {
        this.id = id;
        this.status = status;
        this.quantity = quantity;
    }

    public Long getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Integer getQuantity() {
        return quantity;
    }

    public void setQuantity(Integer quantity) {
        this.quantity = quantity;
    }

    public Address getDestination() {
        return destination;
    }

    public void setDestination(Address destination) {
        this.destination = destination;
    }
}
