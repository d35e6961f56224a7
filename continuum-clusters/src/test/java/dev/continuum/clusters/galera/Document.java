package dev.continuum.clusters.galera;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The versioned entity of the throughput workload; {@link PlainDocument} is the same, unversioned. */
@Entity
@Table(name = "document")
@Versioned
public class Document {

    @Id
    private Long id;

    @Column(length = 200)
    private String title;

    @Column(length = 20)
    private String status;

    protected Document() {
    }

    public Document(long id, String title, String status) {
        this.id = id;
        this.title = title;
        this.status = status;
    }

    public void edit(String title, String status) {
        this.title = title;
        this.status = status;
    }
}
