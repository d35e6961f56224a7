/**
 * The Continuum annotation processor, which checks {@code @Versioned} entities while they compile:
 * {@code @Versioned} on a class that is not an entity, an excluded name that is not a persistent
 * property, the identifier left out of versioning, and {@code @NotVersioned} where it has no effect
 * are reported on the offending element, so the mistake surfaces in the editor instead of at boot.
 * Put this module on the compiler's processor path; nothing in it is meant to be called from code.
 */
package dev.continuum.processor;
