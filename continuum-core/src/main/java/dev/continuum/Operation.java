package dev.continuum;

/**
 * What a version records: the entity was inserted, updated or deleted in that transaction.
 *
 * <p>The codes are stored in the {@code operation_type} column and are those of
 * SQLAlchemy-Continuum, so that version tables are readable by both.
 */
public enum Operation {
    /** The entity was created; the version holds its state at the end of the transaction. */
    INSERT(0),
    /** The entity was changed; the version holds its state at the end of the transaction. */
    UPDATE(1),
    /** The entity was removed; the version keeps its last state. */
    DELETE(2);

    private final int code;

    Operation(int code) {
        this.code = code;
    }

    /**
     * The value stored in the {@code operation_type} column.
     *
     * @return 0 for insert, 1 for update, 2 for delete
     */
    public int code() {
        return code;
    }

    /**
     * The operation stored as {@code code}.
     *
     * @param code a value of the {@code operation_type} column
     * @return the operation
     * @throws IllegalArgumentException if the code is not 0, 1 or 2
     */
    public static Operation ofCode(int code) {
        return switch (code) {
            case 0 -> INSERT;
            case 1 -> UPDATE;
            case 2 -> DELETE;
            default -> throw new IllegalArgumentException(
                    "Unknown operation_type " + code + "; expected 0 (insert), 1 (update) or 2 (delete)");
        };
    }
}
