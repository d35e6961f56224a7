/**
 * Maintenance of recorded history, behind {@link dev.continuum.HistoryAdmin}: operations that run
 * beside the application in bounded batches, each its own database transaction, over the tables
 * the {@link dev.continuum.hibernate.internal.model.VersionModel} describes (the baseline of rows
 * that predate versioning). Uses the model package only; never the write or read path.
 * Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.maintenance;
