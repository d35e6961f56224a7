package dev.continuum.hibernate.model;

public enum Status {
    DRAFT, PUBLISHED, ARCHIVED
}
