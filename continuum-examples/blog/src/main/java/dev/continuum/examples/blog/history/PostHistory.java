package dev.continuum.examples.blog.history;

import dev.continuum.Changeset;
import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.UndoSteps;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.examples.blog.post.Post;
import dev.continuum.examples.blog.web.NotFoundException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The history of one post, read and rewound through Continuum's {@link VersionHistory}: its
 * versions, a comparison of two, restore, and undo and redo of whole actions (the post with its
 * comments and tags, an {@link UndoScope}). Every method is one transaction and returns what the
 * page shows, read.
 */
@Service
public class PostHistory {

    /** Undo and redo take back and make again whole actions: the post, its comments and its tags. */
    public static UndoScope scope(long postId) {
        return UndoScope.of(Post.class, postId, "comments", "tags");
    }

    private final VersionHistory history;
    @PersistenceContext
    private EntityManager em;

    public PostHistory(VersionHistory history) {
        this.history = history;
    }

    /** Every version of a post, newest first. */
    @Transactional(readOnly = true)
    public List<VersionItem> versions(long postId) {
        List<Version<Post>> versions = versionsOf(postId);
        List<VersionItem> items = new ArrayList<>();
        for (Version<Post> version : versions) {
            items.add(0, item(version, versions));
        }
        return items;
    }

    /** One version of a post: what it was, and the version's place in the history. */
    @Transactional(readOnly = true)
    public Map.Entry<VersionItem, PostSnapshot> version(long postId, int number) {
        List<Version<Post>> versions = versionsOf(postId);
        Version<Post> version = numbered(postId, versions, number);
        return Map.entry(item(version, versions), PostSnapshot.of(version.entity(), Map.of()));
    }

    /** Two versions compared, in either order. */
    @Transactional(readOnly = true)
    public Comparison compare(long postId, int first, int second) {
        List<Version<Post>> versions = versionsOf(postId);
        Version<Post> from = numbered(postId, versions, Math.min(first, second));
        Version<Post> to = numbered(postId, versions, Math.max(first, second));
        PostSnapshot before = PostSnapshot.of(from.entity(), Map.of());
        PostSnapshot after = PostSnapshot.of(to.entity(), Map.of());
        List<Comparison.Field> fields = List.of(
                new Comparison.Field("title", before.title(), after.title()),
                new Comparison.Field("status", before.status().name(), after.status().name()),
                new Comparison.Field("author", before.author(), after.author()),
                new Comparison.Field("tags", String.join(", ", before.tags()), String.join(", ", after.tags())));
        Map<Long, PostSnapshot.CommentSnapshot> old = byId(before.comments());
        Map<Long, PostSnapshot.CommentSnapshot> now = byId(after.comments());
        List<Comparison.CommentChange> comments = new ArrayList<>();
        for (Long id : new TreeSet<>(union(old.keySet(), now.keySet()))) {
            PostSnapshot.CommentSnapshot a = old.get(id);
            PostSnapshot.CommentSnapshot b = now.get(id);
            comments.add(new Comparison.CommentChange(id, (b != null ? b : a).author(), a == null ? null : a.text(),
                    b == null ? null : b.text()));
        }
        return new Comparison(item(from, versions), item(to, versions), before, after, fields,
                WordDiff.between(before.body(), after.body()), comments);
    }

    /**
     * Writes the post, its comments and its tags back to a version (re-creating the post when it
     * was deleted); committing records that as a new version.
     *
     * @throws NotFoundException if the post has no such version
     * @throws RestoreConflictException if the version cannot be restored as it is
     */
    @Transactional
    public void restore(long postId, int number) {
        List<Version<Post>> versions = versionsOf(postId);
        Version<Post> version = numbered(postId, versions, number);
        if (version.operation() == Operation.DELETE) {
            throw new RestoreConflictException("Version " + number + " is the deletion of the post; restore a version "
                    + "before it (or delete the post again).");
        }
        version.revert("comments", "tags");
        flush("Version " + number + " of post " + postId, "restored", version.entity().getTitle());
    }

    /**
     * Restores a deleted post as it was just before its deletion, with its comments and tags: the
     * deletion is the latest step of the post's undo scope (nothing of the scope can change while
     * the post is deleted), so undoing it brings back all of them, whichever transactions last
     * changed each.
     */
    @Transactional
    public void restoreDeleted(long postId) {
        List<Version<Post>> versions = versionsOf(postId);
        if (versions.get(versions.size() - 1).operation() != Operation.DELETE) {
            throw new RestoreConflictException("Post " + postId + " is not deleted: there is nothing to restore.");
        }
        history.undo(scope(postId));
        flush("Deleted post " + postId, "restored", versions.get(versions.size() - 1).entity().getTitle());
    }

    /** Takes back the latest action on the post, whatever entities it changed; the action's transaction, or empty. */
    @Transactional
    public Optional<Transaction> undo(long postId) {
        versionsOf(postId);
        Optional<Transaction> undone = history.undo(scope(postId));
        flush("The last change of post " + postId, "undone", null);
        return undone;
    }

    /** Makes the action undo took back again; its transaction, or empty. */
    @Transactional
    public Optional<Transaction> redo(long postId) {
        versionsOf(postId);
        Optional<Transaction> redone = history.redo(scope(postId));
        flush("The undone change of post " + postId, "made again", null);
        return redone;
    }

    /** Whether the post exists now (it may have been deleted, or undone). */
    @Transactional(readOnly = true)
    public boolean exists(long postId) {
        return em.find(Post.class, postId) != null;
    }

    /** How many actions undo and redo can take each way. */
    @Transactional(readOnly = true)
    public UndoSteps steps(long postId) {
        return history.undoSteps(scope(postId));
    }

    private List<Version<Post>> versionsOf(long postId) {
        List<Version<Post>> versions = history.versions(Post.class, postId);
        if (versions.isEmpty()) {
            throw new NotFoundException("Post " + postId + " has no history: there is no such post.");
        }
        return versions;
    }

    private static Version<Post> numbered(long postId, List<Version<Post>> versions, int number) {
        if (number < 1 || number > versions.size()) {
            throw new NotFoundException("Post " + postId + " has no version " + number + ": its versions are 1 to "
                    + versions.size() + ".");
        }
        return versions.get(number - 1);
    }

    private static VersionItem item(Version<Post> version, List<Version<Post>> versions) {
        boolean current = version.index() == versions.size() - 1 && version.operation() != Operation.DELETE;
        return new VersionItem(version.index() + 1, version.entity().getTitle(), version.operation(),
                user(version.transaction()),
                version.transaction().issuedAt(), version.transactionId(), changes(version), current);
    }

    /**
     * What a version changed: its changeset's properties and collections (elements added or
     * removed), then "tags" and "comments" when they differ from the version before otherwise (a
     * comment's text edited), each named once.
     */
    private static List<String> changes(Version<Post> version) {
        if (version.operation() != Operation.UPDATE || version.previous().isEmpty()) {
            return List.of();
        }
        Changeset<Post> changeset = version.changeset();
        List<String> changes = new ArrayList<>(changeset.properties());
        Post now = version.entity();
        Post before = version.previous().get().entity();
        if (!changes.contains("tags") && !PostSnapshot.tagIds(now).equals(PostSnapshot.tagIds(before))) {
            changes.add("tags");
        }
        if (!changes.contains("comments")
                && !PostSnapshot.comments(now.getComments()).equals(PostSnapshot.comments(before.getComments()))) {
            changes.add("comments");
        }
        return changes;
    }

    /** Flushes now, so that what the database refuses is told in words here rather than as a failed commit. */
    private void flush(String what, String verb, String title) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw RestoreConflictException.of(what, verb, title, e);
        }
    }

    private static String user(Transaction transaction) {
        return transaction.userId().orElse("—");
    }

    private static Map<Long, PostSnapshot.CommentSnapshot> byId(List<PostSnapshot.CommentSnapshot> comments) {
        return comments.stream().collect(Collectors.toMap(PostSnapshot.CommentSnapshot::id, Function.identity()));
    }

    private static <T> List<T> union(Collection<T> a, Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
