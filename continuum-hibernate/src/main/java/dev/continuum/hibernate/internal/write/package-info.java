/**
 * The write path: {@link dev.continuum.hibernate.internal.write.VersionEventListener} captures the
 * state of versioned entities and the changed rows of versioned collections from Hibernate's
 * events into the unit of work of the session's transaction, where each key's change is one of a
 * few types that carry their own merge rule and the rows they write; when the transaction
 * completes (after the last flush, before commit) the transaction row, the closings of the
 * superseded versions and the version rows are written with JDBC batches, in as few round trips as
 * the database allows, the way being chosen once at boot from Hibernate's dialect. Uses the model
 * package only; never the read path. Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.write;
