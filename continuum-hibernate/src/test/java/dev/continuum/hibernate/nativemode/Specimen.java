package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The columns of {@link SpecimenState}, versioned natively. */
@Entity
@Table(name = "specimen")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED, exclude = "note")
public class Specimen extends SpecimenState {

    protected Specimen() {
    }

    public Specimen(Long id) {
        super(id);
    }
}
