package dev.continuum.examples.blog.history;

import java.util.List;
import java.util.Objects;

/**
 * Two versions of a post side by side: field by field, the body word by word, the comments one by
 * one.
 *
 * @param from the older version
 * @param to the newer version
 * @param before the post at {@code from}
 * @param after the post at {@code to}
 * @param fields title, status, author and tags, before and after
 * @param body the body's word difference
 * @param comments the comments of either version, by id
 */
public record Comparison(VersionItem from, VersionItem to, PostSnapshot before, PostSnapshot after, List<Field> fields,
        List<WordDiff.Segment> body, List<CommentChange> comments) {

    /**
     * A field of the post in both versions.
     *
     * @param name the field
     * @param before its value in the older version
     * @param after its value in the newer version
     */
    public record Field(String name, String before, String after) {

        public boolean changed() {
            return !Objects.equals(before, after);
        }
    }

    /**
     * A comment in either version.
     *
     * @param id the comment's id
     * @param author who wrote it
     * @param before its text in the older version, null when it was not there
     * @param after its text in the newer version, null when it was not there
     */
    public record CommentChange(Long id, String author, String before, String after) {

        /** "added", "removed", "changed" or "same". */
        public String kind() {
            return before == null ? "added" : after == null ? "removed" : before.equals(after) ? "same" : "changed";
        }

        /** The word difference of its text. */
        public List<WordDiff.Segment> diff() {
            return WordDiff.between(before, after);
        }
    }

    /** Whether the bodies differ. */
    public boolean bodyChanged() {
        return body.stream().anyMatch(segment -> segment.kind() != WordDiff.Kind.SAME);
    }
}
