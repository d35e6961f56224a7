package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity versioned through Hibernate's events, beside natively versioned ones. */
@Entity
@Table(name = "remark")
@Versioned
public class Remark {
    @Id
    private Long id;
    private String text;

    protected Remark() {
    }

    public Remark(Long id, String text) {
        this.id = id;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
