package dev.continuum.examples.blog.history;

import dev.continuum.Operation;

import java.time.Instant;
import java.util.List;

/**
 * One version of a post as the history page lists it.
 *
 * @param number its number, 1 for the first version
 * @param title the post's title in this version
 * @param operation whether the post was created, changed or deleted
 * @param user who did it, "—" when unknown
 * @param time when
 * @param transactionId the transaction that recorded it
 * @param changes what changed compared with the version before: the post's fields, "tags" and
 *        "comments"; empty for a creation or a deletion
 * @param current whether it is the post's state now
 */
public record VersionItem(int number, String title, Operation operation, String user, Instant time, long transactionId,
        List<String> changes, boolean current) {

    /** Whether the post can be restored to this version: not its deletion, not what it is now. */
    public boolean restorable() {
        return operation != Operation.DELETE && !current;
    }
}
