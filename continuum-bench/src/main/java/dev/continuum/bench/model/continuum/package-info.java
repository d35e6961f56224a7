/** Variant C's copy of the benchmark model: every entity {@code @Versioned} by Continuum. */
package dev.continuum.bench.model.continuum;
