package dev.continuum;

/**
 * Writing version rows failed while the transaction was completing. The transaction is marked
 * for rollback, so the change and its history are lost together, never one without the other.
 */
public class VersioningException extends ContinuumException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what could not be written
     * @param cause the underlying failure, usually an {@link java.sql.SQLException}
     */
    public VersioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
