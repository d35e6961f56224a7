/**
 * Wires Continuum into a Hibernate session factory: the integrator that checks the schema,
 * registers the event listeners, builds the {@link dev.continuum.hibernate.internal.model.VersionModel}
 * when the factory has started and hands it, with the write path, to the factory's
 * {@link dev.continuum.hibernate.internal.model.ContinuumService}; and the contributor that
 * registers that service. The only package that may use every other one (model, schema, write,
 * read). Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.boot;
