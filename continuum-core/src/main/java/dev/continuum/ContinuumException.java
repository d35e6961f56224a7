package dev.continuum;

/**
 * Root of the exceptions thrown by Continuum. Unchecked; every message names what is wrong
 * (entity, property, table) and how to fix it.
 */
public class ContinuumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and how to fix it
     */
    public ContinuumException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public ContinuumException(String message, Throwable cause) {
        super(message, cause);
    }
}
