package dev.continuum;

/**
 * A version table or the transaction table in the database does not match the live mapping:
 * it is missing, or a column is missing or has another type. Thrown at boot.
 */
public class SchemaMismatchException extends ContinuumException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message which table and column differ, for which entity property, and the fix
     */
    public SchemaMismatchException(String message) {
        super(message);
    }
}
