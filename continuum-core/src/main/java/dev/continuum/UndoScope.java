package dev.continuum;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@link VersionHistory#undo(UndoScope)} and {@link VersionHistory#redo(UndoScope)} take back
 * and make again as one step: an entity (the root) together with the entities and rows of some of
 * its collections, such as a post with its comments and its tags. Each transaction that changed
 * any part of the scope is one step, however many entities it changed, so that one user action
 * (an edit of the post, its tags and its comments, committed together) is undone as a whole.
 *
 * <p>A relation is named as the root's attribute: a one-to-many to versioned entities (the
 * children belong to the scope), a many-to-many (its association rows belong to the scope, the
 * entities it points to do not) or an element collection. Two scopes are the same when they have
 * the same type, identifier and relations, whatever the order the relations were named in; each
 * scope keeps its own undo/redo position.
 *
 * <pre>{@code
 * UndoScope post = UndoScope.of(Post.class, 42L, "comments", "tags");
 * history.undo(post);                       // takes back the latest action on the post
 * UndoSteps steps = history.undoSteps(post); // how many steps remain each way
 * }</pre>
 *
 * @param type the root entity's class, a {@link Versioned} entity
 * @param id the root entity's identifier
 * @param relations the names of the root's collections that belong to the scope, sorted, without
 *        duplicates; empty for the root alone
 */
public record UndoScope(Class<?> type, Object id, List<String> relations) {

    /**
     * Creates a scope; the relations are sorted and duplicates dropped.
     *
     * @throws NullPointerException if {@code type}, {@code id} or a relation is null
     * @throws IllegalArgumentException if a relation name is blank
     */
    public UndoScope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(relations, "relations");
        TreeSet<String> sorted = new TreeSet<>();
        for (String relation : relations) {
            Objects.requireNonNull(relation, "relation");
            if (relation.isBlank()) {
                throw new IllegalArgumentException("An UndoScope of " + type.getSimpleName()
                        + " needs relation names, got a blank one");
            }
            sorted.add(relation);
        }
        relations = List.copyOf(sorted);
    }

    /**
     * The scope of the entity of type {@code type} with identifier {@code id} and the named
     * collections of it.
     *
     * @param type the root entity's class
     * @param id the root entity's identifier
     * @param relations names of the root's collections (one-to-many, many-to-many, element
     *        collections); none for the root alone
     * @return the scope
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a relation name is blank
     */
    public static UndoScope of(Class<?> type, Object id, String... relations) {
        return new UndoScope(type, id, List.of(Objects.requireNonNull(relations, "relations")));
    }
}
