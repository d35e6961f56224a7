package dev.continuum.examples.blog.web;

/** What a page asks for does not exist (a post, a version); the message says what there is instead. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
