/**
 * The Continuum annotation processor, which checks {@code @Versioned} entities while they compile
 * and generates their typed version classes. {@code @Versioned} on a class that is not an entity,
 * an excluded name that is not a persistent property, the identifier left out of versioning,
 * {@code @NotVersioned} where it has no effect, and mappings the version class generator does not
 * support are reported on the offending element, so the mistake surfaces in the editor instead of
 * at boot. For {@code com.example.Article} it writes {@code com.example.ArticleVersion}, a
 * read-only entity mapped onto the version table. Put this module on the compiler's processor
 * path; nothing in it is meant to be called from code.
 */
package dev.continuum.processor;
