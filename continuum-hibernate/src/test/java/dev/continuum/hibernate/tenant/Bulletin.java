package dev.continuum.hibernate.tenant;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity without a tenant, shared by all tenants of a unit that has tenants. */
@Entity
@Table(name = "bulletin")
@Versioned
public class Bulletin {
    @Id
    private Long id;
    private String text;

    protected Bulletin() {
    }

    public Bulletin(Long id, String text) {
        this.id = id;
        this.text = text;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
