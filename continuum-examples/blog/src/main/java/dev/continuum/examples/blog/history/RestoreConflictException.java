package dev.continuum.examples.blog.history;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

/** A restore, undo or redo the database cannot take as it is; the message says why and what to do. */
public class RestoreConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RestoreConflictException(String message) {
        super(message);
    }

    private RestoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The conflict of a flush that the database refused: a unique title taken since, or another of its rules. */
    static RestoreConflictException of(String what, String verb, String title, PersistenceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                if (violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                    return new RestoreConflictException(what + " cannot be " + verb + ": "
                            + (title == null ? "a value that must be unique, such as a title," : "its title “" + title + "”")
                            + " belongs to another post now, and titles are unique. Rename that post first, then try again.",
                            e);
                }
                return new RestoreConflictException(what + " cannot be " + verb + ": the database refused it ("
                        + violation.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " constraint " + violation.getConstraintName() + ").", e);
            }
        }
        return new RestoreConflictException(what + " cannot be " + verb + ": " + e.getMessage(), e);
    }
}
