/**
 * Compact storage of large values ({@link dev.continuum.Compact}): the version column of such a
 * property holds the SHA-256 of the value (32 bytes), and the value lives once in the value table
 * ({@code <transaction>_value}), in chains: a keyframe deflated whole, then deltas, each copy/insert
 * instructions ({@link dev.continuum.hibernate.internal.compact.CopyDelta}) against the value before
 * it. The codec, the value table's SQL, and the batch read and decoding of chains that the read path
 * uses; the write path and maintenance call into it.
 */
package dev.continuum.hibernate.internal.compact;
