package dev.continuum.hibernate.internal.model;

import org.hibernate.boot.model.naming.Identifier;

/**
 * The table of undo/redo positions of scopes spanning several entities ({@code continuum_undo_scope}
 * by default): named after the undo table of single entities, so that the
 * {@code continuum.undo_table} setting moves both. One row per scope that was undone.
 */
public final class UndoScopeTable {

    /** What follows the undo table's name. */
    public static final String SUFFIX = "_scope";
    /** The length of its text key columns, as of the undo table's (see UndoTableContributor). */
    public static final int KEY_LENGTH = 255;

    private UndoScopeTable() {
    }

    /** The table's name, quoted when the undo table's is. */
    public static Identifier name(String undoTable) {
        Identifier undo = Identifier.toIdentifier(undoTable);
        return Identifier.toIdentifier(undo.getText() + SUFFIX, undo.isQuoted());
    }
}
