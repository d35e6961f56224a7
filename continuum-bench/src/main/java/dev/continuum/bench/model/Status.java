package dev.continuum.bench.model;

/** The publication state of a benchmark article, stored by name. */
public enum Status {
    /** Not yet visible. */
    DRAFT,
    /** Visible to readers. */
    PUBLISHED,
    /** No longer listed. */
    ARCHIVED;

    /** The state an update moves to: every value differs from its successor, so each update really changes the row. */
    public Status next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
