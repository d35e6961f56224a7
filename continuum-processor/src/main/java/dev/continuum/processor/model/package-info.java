/**
 * What the processor generates for one {@code @Versioned} entity, as immutable values: the typed
 * version class with its fields, identifier, relation accessors and table, the types and
 * annotations it writes spelled out. The analysis builds it from the compiler's model; the writer
 * renders it to source without looking back at the compiler.
 */
package dev.continuum.processor.model;
