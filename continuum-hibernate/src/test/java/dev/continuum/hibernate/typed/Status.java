package dev.continuum.hibernate.typed;

/** The life cycle of an {@link Article}, stored by name. */
public enum Status {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}
