/**
 * Compact storage of large values ({@link dev.continuum.Compact}): the version column of such a
 * property holds the SHA-256 of the value, and the value lives once in the value table
 * ({@code <transaction>_value}), deflated, either whole (a keyframe) or as deflated copy/insert
 * instructions against a keyframe (a delta, {@link dev.continuum.hibernate.internal.compact.CopyDelta}). The codec, the value table's SQL, and the batch
 * lookup that the read path uses; the write path and maintenance call into it.
 */
package dev.continuum.hibernate.internal.compact;
