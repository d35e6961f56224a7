package dev.continuum.hibernate.nativemode;

import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.MappedSuperclass;

import java.util.Arrays;

/** The large-object columns of {@link Attachment} (versioned natively) and {@link EventAttachment} (through events). */
@MappedSuperclass
public abstract class AttachmentState {

    @Id
    private Long id;
    private String title;
    @Lob
    private String document;
    @Lob
    private byte[] image;
    /** Not versioned (excluded by both entities). */
    private String note;

    protected AttachmentState() {
    }

    protected AttachmentState(Long id, String title) {
        this.id = id;
        this.title = title;
        this.document = "document of " + title;
        this.image = new byte[] {9, 8, 7};
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public void setNote(String note) {
        this.note = note;
    }

    /** Every versioned column, as text. */
    public String state() {
        return title + "|" + document + "|" + Arrays.toString(image);
    }
}
