package dev.continuum.hibernate.nativemode;

import dev.continuum.Compact;
import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A natively versioned entity with a compact property, which native versioning refuses. */
@Entity
@Table(name = "dossier")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Dossier {
    @Id
    private Long id;
    @Compact
    private String body;

    protected Dossier() {
    }

    public Long getId() {
        return id;
    }

    public String getBody() {
        return body;
    }
}
