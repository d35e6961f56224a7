package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The columns of {@link AttachmentState}, versioned natively. */
@Entity
@Table(name = "attachment")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED, exclude = "note")
public class Attachment extends AttachmentState {

    protected Attachment() {
    }

    public Attachment(Long id, String title) {
        super(id, title);
    }
}
