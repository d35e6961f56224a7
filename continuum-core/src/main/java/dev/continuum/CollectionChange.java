package dev.continuum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How one collection of an entity (a one-to-many, a many-to-many, an element collection) differs
 * between a version and the version before it: the elements it gained and the elements it lost.
 * An element is what the collection holds: for a collection of entities, the related entity's
 * snapshot (an added one as of this version's transaction, a removed one as of the previous
 * version's), compared by identifier; for an element collection, the value; for a map, a
 * {@link java.util.Map.Entry} of key and value. An element held twice and then once (a bag) was
 * removed once. An ordered list whose elements only moved has a change with neither added nor
 * removed elements.
 *
 * @param <E> the element type
 * @param added the elements the collection gained, in its order; unmodifiable
 * @param removed the elements the collection lost, in the previous version's order; unmodifiable
 */
public record CollectionChange<E>(List<E> added, List<E> removed) {

    /**
     * Creates a change; the lists are copied.
     *
     * @throws NullPointerException if either list is null
     */
    public CollectionChange {
        added = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(added, "added")));
        removed = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(removed, "removed")));
    }
}
