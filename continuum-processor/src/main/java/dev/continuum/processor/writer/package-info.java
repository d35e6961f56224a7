/**
 * Renders a {@link dev.continuum.processor.model.VersionClassModel} to Java source: formatted,
 * with sorted imports, Javadoc that points back to the entity, and nothing that depends on the
 * compiler, so the same model always gives the same text.
 */
package dev.continuum.processor.writer;
