package dev.continuum.hibernate.internal;

import org.hibernate.mapping.Table;

/**
 * A versioned entity and the version table contributed for it.
 *
 * @param view the entity's versioning view
 * @param table its version table in Hibernate's relational model
 */
record VersionTableMapping(VersionedEntity view, Table table) {
}
