package dev.continuum.clusters.galera;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A versioned counter that records its own commit order: every change increments {@code rev},
 * so the n-th committed change of a counter carries rev n (a change that read a stale rev loses
 * Galera's certification and never commits).
 */
@Entity
@Table(name = "counter")
@Versioned
public class Counter {

    @Id
    private Long id;

    private int rev;

    @Column(name = "last_writer", length = 40)
    private String lastWriter;

    protected Counter() {
    }

    public Counter(long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    public int getRev() {
        return rev;
    }

    public String getLastWriter() {
        return lastWriter;
    }

    /** One change: the next rev, written by {@code writer}. */
    public void change(String writer) {
        rev++;
        lastWriter = writer;
    }
}
