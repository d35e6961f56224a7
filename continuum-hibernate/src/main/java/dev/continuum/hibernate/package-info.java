/**
 * Continuum's integration with Hibernate ORM 7. Applications need nothing of it to record and read
 * history: Hibernate discovers the integration, and {@link dev.continuum.VersionHistory} is the
 * API. The one public type here is {@link dev.continuum.hibernate.ContinuumTransaction}, the entity
 * that maps the transaction table for JPQL queries. Everything under {@code internal} may change
 * in any release.
 */
package dev.continuum.hibernate;
