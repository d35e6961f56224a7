package dev.continuum.clusters.standby;

/** Where an article stands. */
public enum Status {
    DRAFT, PUBLISHED, ARCHIVED
}
