package dev.continuum;

/**
 * A history lookup cannot be answered as asked: the entity type is not versioned, the entity has
 * no identifier or no history, the identifier has the wrong type, or a property is unknown. The
 * message names the entity and the fix.
 */
public class HistoryLookupException extends ContinuumException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message which entity, identifier or property was asked for, and how to fix the call
     */
    public HistoryLookupException(String message) {
        super(message);
    }
}
