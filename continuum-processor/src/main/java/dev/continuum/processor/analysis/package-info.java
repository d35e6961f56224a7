/**
 * Reads a {@code @Versioned} entity from the compiler's model and works out its typed version
 * class as a {@link dev.continuum.processor.model.VersionClassModel}: the properties and columns
 * the runtime versions, the identifier, the foreign keys, the hierarchy's layout, the relation
 * accessors. What cannot be generated becomes a {@link dev.continuum.processor.analysis.Finding}
 * that says why. Also the compile-time checks of {@code @Versioned} and {@code @NotVersioned}.
 */
package dev.continuum.processor.analysis;
