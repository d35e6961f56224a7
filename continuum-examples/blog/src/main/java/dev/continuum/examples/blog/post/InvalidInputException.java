package dev.continuum.examples.blog.post;

/** What a writer sent cannot be saved as it is; the message says why, in their words. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
