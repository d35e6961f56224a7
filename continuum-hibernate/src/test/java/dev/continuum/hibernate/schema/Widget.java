package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** Columns whose types the version table must copy (a short varchar, a text, an integer, a decimal) and a collection. */
@Entity
@Table(name = "widget")
@Versioned
public class Widget {
    @Id
    public Long id;
    @Column(length = 30)
    public String code;
    @Column(columnDefinition = "text")
    public String body;
    public Integer quantity;
    @Column(precision = 10, scale = 2)
    public BigDecimal price;
    @ElementCollection
    @CollectionTable(name = "widget_tag")
    public Set<String> tags = new HashSet<>();

    public Widget() {
    }

    public Widget(Long id, String code) {
        this.id = id;
        this.code = code;
    }
}
