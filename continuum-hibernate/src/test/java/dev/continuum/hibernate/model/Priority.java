package dev.continuum.hibernate.model;

public enum Priority {
    LOW, MEDIUM, HIGH
}
