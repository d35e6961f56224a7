package dev.continuum.bench.model.audited;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Audited;

/** A tag of this variant, shared by many articles. */
@Entity
@Table(name = "tag")
@Audited
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_id")
    @SequenceGenerator(name = "tag_id", sequenceName = "tag_id_seq")
    private Long id;

    private String name;

    /** For Hibernate. */
    protected Tag() {
    }

    Tag(String name) {
        this.name = name;
    }

    Long getId() {
        return id;
    }

    /** The tag's name. */
    public String getName() {
        return name;
    }
}
