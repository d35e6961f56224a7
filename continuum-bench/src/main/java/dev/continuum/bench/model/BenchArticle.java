package dev.continuum.bench.model;

import java.time.Instant;

/**
 * What the workloads need of an article, whichever variant's entity class it is. Each variant has
 * its own copy of the model (the annotations differ); this view lets one workload drive them all.
 */
public interface BenchArticle {

    /** The id, assigned from the article sequence at persist. */
    Long getId();

    /** The title. */
    String getTitle();

    /** Sets the title. */
    void setTitle(String title);

    /** The publication state. */
    Status getStatus();

    /** Sets the publication state. */
    void setStatus(Status status);

    /** Sets the time of the last edit. */
    void setUpdatedAt(Instant updatedAt);
}
