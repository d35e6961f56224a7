package dev.continuum;

/**
 * How many steps undo and redo of an {@link UndoScope} can take from where it stands, as
 * {@link VersionHistory#undoSteps(UndoScope)} counts them: what an application needs to enable its
 * undo and redo buttons.
 *
 * @param undo the number of steps {@link VersionHistory#undo(UndoScope)} can take back, one per
 *        call; 0 at the first step of the scope's history
 * @param redo the number of steps {@link VersionHistory#redo(UndoScope)} can make again; 0 unless
 *        undo ran and nothing else changed the scope since
 */
public record UndoSteps(int undo, int redo) {

    /**
     * Creates a count.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public UndoSteps {
        if (undo < 0 || redo < 0) {
            throw new IllegalArgumentException("Undo and redo steps cannot be negative, got " + undo + " and " + redo);
        }
    }

    /**
     * Whether there is a step to undo.
     *
     * @return {@code undo() > 0}
     */
    public boolean canUndo() {
        return undo > 0;
    }

    /**
     * Whether there is a step to redo.
     *
     * @return {@code redo() > 0}
     */
    public boolean canRedo() {
        return redo > 0;
    }
}
