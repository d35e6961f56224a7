package dev.continuum.hibernate.boot;

import dev.continuum.Versioned;

/** Carries @Versioned without being an entity. */
@Versioned
public class NotAnEntity {
    Long id;
}
