/**
 * Continuum's integration with Hibernate ORM 7. Applications need nothing of it to record and read
 * history: Hibernate discovers the integration, and {@link dev.continuum.VersionHistory} is the
 * API. The public types here are {@link dev.continuum.hibernate.ContinuumTransaction}, the entity
 * that maps the transaction table for JPQL queries, and {@link dev.continuum.hibernate.ContinuumSchema},
 * the DDL of Continuum's tables for migration tools. Everything under {@code internal} may change
 * in any release.
 */
package dev.continuum.hibernate;
