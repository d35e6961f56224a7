/**
 * Variant H's copy of the benchmark model: every entity {@code @org.hibernate.annotations.Audited},
 * Hibernate ORM 7.4's incubating built-in audit log, with Hibernate's default changelog entity
 * supplying changeset ids.
 */
package dev.continuum.bench.model.audited;
