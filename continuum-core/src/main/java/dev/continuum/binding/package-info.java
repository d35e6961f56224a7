/**
 * The contract between the typed version classes that the annotation processor generates and the
 * JPA provider's Continuum module: {@link dev.continuum.binding.VersionBinding} gives each loaded
 * instance of a generated class the {@link dev.continuum.Version} it delegates to. Generated code
 * uses it; applications neither implement nor call it. It may change with the processor, which is
 * why the generated classes must be recompiled when Continuum is upgraded.
 */
package dev.continuum.binding;
