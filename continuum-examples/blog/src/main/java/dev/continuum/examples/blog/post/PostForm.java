package dev.continuum.examples.blog.post;

import java.util.ArrayList;
import java.util.List;

/**
 * What the post form sends: the post's fields, its tags, and for an edit its comments (changed
 * texts, comments to remove) and a new comment, all saved in one transaction.
 */
public class PostForm {

    /** One comment of the edit form. */
    public static class CommentEdit {
        private Long id;
        private String author;
        private String text;
        private boolean remove;

        public CommentEdit() {
        }

        public CommentEdit(Long id, String author, String text) {
            this.id = id;
            this.author = author;
            this.text = text;
        }

        public Long getId() { return id; }
        public void setId(Long id) { this.id = id; }
        public String getAuthor() { return author; }
        public void setAuthor(String author) { this.author = author; }
        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
        public boolean isRemove() { return remove; }
        public void setRemove(boolean remove) { this.remove = remove; }
    }

    private String title = "";
    private String body = "";
    private PostStatus status = PostStatus.DRAFT;
    private Long authorId;
    private List<Long> tagIds = new ArrayList<>();
    private List<CommentEdit> comments = new ArrayList<>();
    private String newComment = "";

    /** The form of an existing post, filled with its values. */
    public static PostForm of(Post post) {
        PostForm form = new PostForm();
        form.title = post.getTitle();
        form.body = post.getBody();
        form.status = post.getStatus();
        form.authorId = post.getAuthor().getId();
        post.getTags().forEach(tag -> form.tagIds.add(tag.getId()));
        post.getComments().forEach(comment -> form.comments.add(
                new CommentEdit(comment.getId(), comment.getAuthor(), comment.getText())));
        return form;
    }

    /** What is wrong with the form, in words a writer understands; empty when nothing is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (title == null || title.isBlank()) {
            problems.add("The title is empty: give the post a title.");
        } else if (title.strip().length() > 200) {
            problems.add("The title has " + title.strip().length() + " characters; 200 at most.");
        }
        if (body == null || body.isBlank()) {
            problems.add("The text is empty: write something.");
        } else if (body.length() > Post.MAX_BODY) {
            problems.add("The text has " + body.length() + " characters; " + Post.MAX_BODY + " at most.");
        }
        if (authorId == null) {
            problems.add("Choose the author.");
        }
        for (CommentEdit comment : comments) {
            if (!comment.remove && (comment.text == null || comment.text.isBlank())) {
                problems.add("A comment is empty: write its text, or tick “remove”.");
            }
        }
        return problems;
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public PostStatus getStatus() { return status; }
    public void setStatus(PostStatus status) { this.status = status; }
    public Long getAuthorId() { return authorId; }
    public void setAuthorId(Long authorId) { this.authorId = authorId; }
    public List<Long> getTagIds() { return tagIds; }
    public void setTagIds(List<Long> tagIds) { this.tagIds = tagIds; }
    public List<CommentEdit> getComments() { return comments; }
    public void setComments(List<CommentEdit> comments) { this.comments = comments; }
    public String getNewComment() { return newComment; }
    public void setNewComment(String newComment) { this.newComment = newComment; }
}
