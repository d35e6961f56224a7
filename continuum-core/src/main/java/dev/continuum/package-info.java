/**
 * The public API of Continuum: the {@link dev.continuum.Versioned} annotation that puts an entity
 * under version control, the {@link dev.continuum.Operation} codes, the
 * {@link dev.continuum.ChangeContext} that names who made a change, the configuration property
 * names, the history API entered through {@link dev.continuum.VersionHistory}, the activity stream
 * ({@link dev.continuum.ActivityStream}) and the exception
 * hierarchy rooted in {@link dev.continuum.ContinuumException}.
 */
package dev.continuum;
