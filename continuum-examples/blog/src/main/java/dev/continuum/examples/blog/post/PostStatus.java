package dev.continuum.examples.blog.post;

/** Where a post stands in its life. */
public enum PostStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
