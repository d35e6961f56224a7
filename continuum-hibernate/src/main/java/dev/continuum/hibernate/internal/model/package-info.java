/**
 * The version-table model: what Continuum knows about the version tables of one session factory,
 * described once and read by every other concern. At metadata time,
 * {@link dev.continuum.hibernate.internal.model.VersionedEntity} and
 * {@link dev.continuum.hibernate.internal.model.VersionedCollection} say, from the boot mapping and
 * the annotations, which properties are versioned and how the version tables are named and laid
 * out (the schema contributor builds the tables from them); when the factory has started,
 * {@link dev.continuum.hibernate.internal.model.VersionModelBuilder} adds what the persisters know
 * (JDBC mappings, write expressions, positions) and produces the immutable
 * {@link dev.continuum.hibernate.internal.model.VersionModel}, held by the factory's
 * {@link dev.continuum.hibernate.internal.model.ContinuumService}. Depends on Hibernate and the
 * public API only, never on the other internal packages. Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.model;
