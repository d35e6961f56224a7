/**
 * The read side of the history API on Hibernate ORM: {@link dev.continuum.VersionHistory} and
 * {@link dev.continuum.Version} implemented with plain JDBC on the session's connection, one
 * statement per question (never one per version), rows decoded into detached entity snapshots
 * through Hibernate's mapping model; revert, undo and redo on top. Internal: no compatibility
 * promise.
 */
package dev.continuum.hibernate.internal.history;
