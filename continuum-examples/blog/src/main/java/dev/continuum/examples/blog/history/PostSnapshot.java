package dev.continuum.examples.blog.history;

import dev.continuum.examples.blog.post.Comment;
import dev.continuum.examples.blog.post.Post;
import dev.continuum.examples.blog.post.PostStatus;
import dev.continuum.examples.blog.post.Tag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A post as a page shows it: from a live post, or from a version's snapshot (its tags and comments
 * as of that version's transaction), read inside the transaction so that the page needs none.
 *
 * @param id the post's id
 * @param title its title
 * @param body its text
 * @param status its status
 * @param author the author's name
 * @param tags the tags' names, sorted
 * @param comments the comments, oldest first
 */
public record PostSnapshot(Long id, String title, String body, PostStatus status, String author, List<String> tags,
        List<CommentSnapshot> comments) {

    /**
     * A comment as a page shows it.
     *
     * @param id the comment's id
     * @param author who wrote it
     * @param text its text
     */
    public record CommentSnapshot(Long id, String author, String text) {
    }

    /** The snapshot of a post (live, or a version's), its tags named by {@code tagNames} where given. */
    static PostSnapshot of(Post post, Map<Long, String> tagNames) {
        String author = post.getAuthor() == null ? "?" : post.getAuthor().getName() != null ? post.getAuthor().getName()
                : "author " + post.getAuthor().getId();
        List<String> tags = post.getTags().stream()
                .map(tag -> tagNames.getOrDefault(tag.getId(), tag.getName()))
                .sorted().toList();
        return new PostSnapshot(post.getId(), post.getTitle(), post.getBody(), post.getStatus(), author, tags,
                comments(post.getComments()));
    }

    static List<CommentSnapshot> comments(List<Comment> comments) {
        return comments.stream()
                .sorted(Comparator.comparing(Comment::getId))
                .map(comment -> new CommentSnapshot(comment.getId(), comment.getAuthor(), comment.getText()))
                .toList();
    }

    /** The ids of tags, for comparisons that must not depend on names. */
    static List<Long> tagIds(Post post) {
        return post.getTags().stream().map(Tag::getId).sorted().toList();
    }
}
