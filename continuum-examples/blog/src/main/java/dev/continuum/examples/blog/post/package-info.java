/**
 * The blog's entities (posts, their comments and tags, authors), all {@code @Versioned}, their
 * repositories, and the service that writes them.
 */
package dev.continuum.examples.blog.post;
