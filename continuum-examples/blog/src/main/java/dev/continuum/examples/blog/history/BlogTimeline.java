package dev.continuum.examples.blog.history;

import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.examples.blog.post.Author;
import dev.continuum.examples.blog.post.Comment;
import dev.continuum.examples.blog.post.Post;
import dev.continuum.examples.blog.post.PostVersion;
import dev.continuum.examples.blog.post.Tag;
import dev.continuum.examples.blog.web.NotFoundException;
import dev.continuum.hibernate.ContinuumTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The history of the whole blog: the deleted posts (a JPQL query of the generated
 * {@code PostVersion}), the blog as of a moment, and the latest transactions with who made them.
 * Every method is one read-only transaction and returns what the page shows, read.
 */
@Service
public class BlogTimeline {

    /**
     * A deleted post, as the deleted-posts page lists it.
     *
     * @param id the post's id
     * @param title its title when it was deleted
     * @param deletedBy who deleted it
     * @param deletedAt when
     */
    public record DeletedPost(long id, String title, String deletedBy, Instant deletedAt) {
    }

    /**
     * The blog as it was after one transaction.
     *
     * @param transaction the transaction, empty when the moment is before the first one
     * @param posts the posts that existed then, with their tags and comments of then
     */
    public record BlogAsOf(Optional<Transaction> transaction, List<PostSnapshot> posts) {
    }

    /**
     * One transaction of the activity page: who, when, and what it changed.
     *
     * @param id the transaction id
     * @param user who, "—" when unknown
     * @param address from where
     * @param time when
     * @param changes what it changed, one line per entity
     */
    public record Activity(long id, String user, String address, Instant time, List<Change> changes) {
    }

    /**
     * One entity a transaction changed.
     *
     * @param operation inserted, updated or deleted
     * @param what "post", "comment", "tag" or "author"
     * @param label a title, a comment's beginning, a name
     * @param postId the post it belongs to, for a link, or null
     */
    public record Change(Operation operation, String what, String label, Long postId) {
    }

    private final VersionHistory history;
    @PersistenceContext
    private EntityManager em;

    public BlogTimeline(VersionHistory history) {
        this.history = history;
    }

    /** The posts whose last version is a deletion, the latest deleted first: a query of the generated PostVersion. */
    @Transactional(readOnly = true)
    public List<DeletedPost> deleted() {
        List<PostVersion> deletions = em.createQuery("select v from PostVersion v where v.operationType = :delete "
                        + "and v.endTransactionId is null order by v.transactionId desc", PostVersion.class)
                .setParameter("delete", (short) Operation.DELETE.code())
                .getResultList();
        return deletions.stream().map(v -> new DeletedPost(v.getId(), v.getTitle(), user(v.transaction()),
                v.transaction().issuedAt())).toList();
    }

    /** The blog right after the last transaction issued at or before {@code instant}. */
    @Transactional(readOnly = true)
    public BlogAsOf asOf(Instant instant) {
        Optional<Long> transaction = em.createQuery("select max(t.id) from ContinuumTransaction t where t.issuedAt <= :at",
                Long.class).setParameter("at", instant).getResultStream().filter(Objects::nonNull).findFirst();
        return transaction.map(this::asOf).orElseGet(() -> new BlogAsOf(Optional.empty(), List.of()));
    }

    /** The blog right after transaction {@code transactionId}: every post (newest first), its tags and comments of then. */
    @Transactional(readOnly = true)
    public BlogAsOf asOf(long transactionId) {
        Transaction transaction = history.transaction(transactionId).orElseThrow(() -> new NotFoundException(
                "There is no transaction " + transactionId + ": pick a moment of the list."));
        Map<Long, String> tagNames = history.allAsOf(Tag.class, transactionId, 0, 1000).stream()
                .collect(Collectors.toMap(v -> v.entity().getId(), v -> v.entity().getName()));
        Map<Long, List<Comment>> comments = history.allAsOf(Comment.class, transactionId, 0, 10_000).stream()
                .map(Version::entity)
                .collect(Collectors.groupingBy(comment -> comment.getPost().getId(), LinkedHashMap::new, Collectors.toList()));
        List<PostSnapshot> posts = history.allAsOf(Post.class, transactionId, 0, 1000).stream()
                .map(Version::entity)
                .map(post -> {
                    PostSnapshot snapshot = PostSnapshot.of(post, tagNames);
                    return new PostSnapshot(snapshot.id(), snapshot.title(), snapshot.body(), snapshot.status(),
                            snapshot.author(), snapshot.tags(),
                            PostSnapshot.comments(comments.getOrDefault(post.getId(), List.of())));
                })
                .sorted(Comparator.comparing(PostSnapshot::id).reversed())
                .toList();
        return new BlogAsOf(Optional.of(transaction), posts);
    }

    /** The latest transactions, newest first, with what each changed. */
    @Transactional(readOnly = true)
    public List<Activity> activity(int limit) {
        List<ContinuumTransaction> transactions = latest(limit);
        List<Activity> activity = new ArrayList<>();
        for (ContinuumTransaction transaction : transactions) {
            List<Change> changes = history.changedIn(transaction.getId()).stream().map(this::change).toList();
            activity.add(new Activity(transaction.getId(), transaction.getUserId() == null ? "—" : transaction.getUserId(),
                    transaction.getRemoteAddr(), transaction.getIssuedAt(), changes));
        }
        return activity;
    }

    /** The latest transactions, newest first: the moments the time-travel page offers. */
    @Transactional(readOnly = true)
    public List<ContinuumTransaction> latest(int limit) {
        return em.createQuery("select t from ContinuumTransaction t order by t.id desc", ContinuumTransaction.class)
                .setMaxResults(limit).getResultList();
    }

    private Change change(Version<?> version) {
        Object entity = version.entity();
        if (entity instanceof Post post) {
            return new Change(version.operation(), "post", post.getTitle(), post.getId());
        }
        if (entity instanceof Comment comment) {
            Post post = comment.getPost();
            String on = post.getTitle() == null ? "post " + post.getId() : "“" + post.getTitle() + "”";
            return new Change(version.operation(), "comment", abbreviate(comment.getText()) + " on " + on, post.getId());
        }
        if (entity instanceof Tag tag) {
            return new Change(version.operation(), "tag", tag.getName(), null);
        }
        if (entity instanceof Author author) {
            return new Change(version.operation(), "author", author.getName(), null);
        }
        return new Change(version.operation(), version.entityName(), String.valueOf(version.id()), null);
    }

    private static String abbreviate(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return "“" + (line.length() > 40 ? line.substring(0, 39) + "…" : line) + "”";
    }

    private static String user(Transaction transaction) {
        return transaction.userId().orElse("—");
    }
}
