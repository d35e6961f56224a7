/**
 * The Continuum annotation processor, which checks {@code @Versioned} entities while they compile
 * and generates their typed version classes. {@code @Versioned} on a class that is not an entity,
 * an excluded name that is not a persistent property, and the identifier left out of versioning
 * are errors on the offending element, so the mistake surfaces in the editor instead of at boot;
 * {@code @NotVersioned} where it has no effect, and an entity whose version class is skipped
 * because of a mapping it cannot follow, are warnings. For {@code com.example.Article} it writes
 * {@code com.example.ArticleVersion}, a read-only entity mapped onto the version table. The
 * {@code analysis} package works out what to generate, as the values of the {@code model}
 * package, which the {@code writer} package renders to source. Put this module on the compiler's
 * processor path; nothing in it is meant to be called from code.
 */
package dev.continuum.processor;
