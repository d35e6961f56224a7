package dev.continuum.clusters.galera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** {@link Document} without history: plain Hibernate, the floor of the throughput comparison. */
@Entity
@Table(name = "plain_document")
public class PlainDocument {

    @Id
    private Long id;

    @Column(length = 200)
    private String title;

    @Column(length = 20)
    private String status;

    protected PlainDocument() {
    }

    public PlainDocument(long id, String title, String status) {
        this.id = id;
        this.title = title;
        this.status = status;
    }

    public void edit(String title, String status) {
        this.title = title;
        this.status = status;
    }
}
