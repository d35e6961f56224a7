/**
 * The write path: event listeners capture the state of versioned entities and the changed rows of
 * versioned collections from Hibernate's events into the unit of work of the session's
 * transaction, which merges them per entity and per row; when the transaction completes (after the
 * last flush, before commit) the transaction row, the closings of the superseded versions and the
 * version rows are written with JDBC batches in as few round trips as the database allows. Uses the
 * model package only; never the read path. Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.write;
