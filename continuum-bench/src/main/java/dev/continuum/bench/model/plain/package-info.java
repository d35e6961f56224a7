/** Variant P's copy of the benchmark model: plain entities, nothing versioned; the floor. */
package dev.continuum.bench.model.plain;
