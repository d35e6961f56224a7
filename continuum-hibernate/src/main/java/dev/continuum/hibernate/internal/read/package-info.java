/**
 * The read path: {@link dev.continuum.VersionHistory} and {@link dev.continuum.Version}
 * implemented with plain JDBC on the session's connection, one statement per question (never one
 * per version), rows decoded into detached entity snapshots through Hibernate's mapping model,
 * relations read as of a transaction in batches; revert, undo and redo on top; and the binding of
 * loaded typed version classes. Uses the model package only; never the write path (revert tells
 * it of re-created entities through {@link dev.continuum.hibernate.internal.model.ContinuumService}).
 * Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.read;
