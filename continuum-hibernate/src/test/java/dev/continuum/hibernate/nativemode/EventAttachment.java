package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The columns of {@link AttachmentState}, versioned through Hibernate's events. */
@Entity
@Table(name = "event_attachment")
@Versioned(exclude = "note")
public class EventAttachment extends AttachmentState {

    protected EventAttachment() {
    }

    public EventAttachment(Long id, String title) {
        super(id, title);
    }
}
