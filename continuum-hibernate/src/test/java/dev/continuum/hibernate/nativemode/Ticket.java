package dev.continuum.hibernate.nativemode;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A natively versioned entity: triggers write its versions, whatever writes its rows. */
@Entity
@Table(name = "ticket")
@Versioned(nativeVersioning = Versioned.Setting.ENABLED)
public class Ticket {
    @Id
    private Long id;
    private String title;
    private int priority;

    protected Ticket() {
    }

    public Ticket(Long id, String title, int priority) {
        this.id = id;
        this.title = title;
        this.priority = priority;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }
}
