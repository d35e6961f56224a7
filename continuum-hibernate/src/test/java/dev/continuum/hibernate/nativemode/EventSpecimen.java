package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The columns of {@link SpecimenState}, versioned through Hibernate's events. */
@Entity
@Table(name = "event_specimen")
@Versioned(exclude = "note")
public class EventSpecimen extends SpecimenState {

    protected EventSpecimen() {
    }

    public EventSpecimen(Long id) {
        super(id);
    }
}
