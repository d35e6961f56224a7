/**
 * The read path: {@link dev.continuum.VersionHistory} and {@link dev.continuum.Version}
 * implemented with plain JDBC on the session's connection, one statement per question (never one
 * per version). {@code HibernateVersionHistory} checks arguments and hands each call to a part
 * wired per session in {@code ReadSession}: {@code VersionQueries} runs the statements that
 * {@code VersionSql} builds over the {@code TableLayout} of each version table (single table,
 * JOINED levels, TABLE_PER_CLASS union); {@code VersionAssembler} decodes the rows into detached
 * snapshots through Hibernate's mapping model ({@code EntityDecoder}); {@code RelationResolver}
 * reads their relations as of each version's transaction (or point in time) in batches, each
 * {@code SnapshotRelation} kind reading its own rows, collections lazily
 * ({@code LazyCollection}), the to-ones of related snapshots through proxies
 * ({@code LazyToOnes}); {@code CollectionChanges} compares collections for changesets;
 * {@code VersionNavigation} finds a lone version's neighbours; {@code EntityReverter},
 * {@code RelationReverter}, {@code UndoRedo}
 * and {@code ScopeUndoRedo} rewind; {@code TypedVersions}, {@code SessionVersionBinding} and {@code BoundVersions} bind
 * typed version classes. Uses the model package only; never the write path (revert tells it of
 * re-created entities through {@link dev.continuum.hibernate.internal.model.ContinuumService}).
 * Internal: no compatibility promise.
 */
package dev.continuum.hibernate.internal.read;
