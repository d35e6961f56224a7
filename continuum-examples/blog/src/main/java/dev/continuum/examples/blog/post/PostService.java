package dev.continuum.examples.blog.post;

import dev.continuum.examples.blog.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes posts as a writer does: each method is one transaction, and so one version of everything
 * it changed, recorded by Continuum with the signed-in user (Spring Security's, through the starter).
 */
@Service
public class PostService {

    private final PostRepository posts;
    private final TagRepository tags;
    private final AuthorRepository authors;

    public PostService(PostRepository posts, TagRepository tags, AuthorRepository authors) {
        this.posts = posts;
        this.tags = tags;
        this.authors = authors;
    }

    /** All posts, newest first, with what the list shows of them. */
    @Transactional(readOnly = true)
    public List<Post> all() {
        List<Post> all = posts.findAllByOrderByIdDesc();
        all.forEach(post -> {
            post.getTags().size();
            post.getComments().size();
        });
        return all;
    }

    /** A post with its tags and comments. */
    @Transactional(readOnly = true)
    public Post get(long id) {
        Post post = find(id);
        post.getTags().size();
        post.getComments().size();
        return post;
    }

    /** The edit form of a post. */
    @Transactional(readOnly = true)
    public PostForm form(long id) {
        return PostForm.of(find(id));
    }

    /** Writes a new post; returns its id. */
    @Transactional
    public long create(PostForm form) {
        requireFreeTitle(form.getTitle(), null);
        Post post = new Post(form.getTitle().strip(), form.getBody(), form.getStatus(), author(form.getAuthorId()));
        post.getTags().addAll(tags.findAllById(form.getTagIds()));
        return posts.save(post).getId();
    }

    /**
     * Changes a post, its tags and its comments (texts changed, comments removed, a new one
     * added), in one transaction: one action, which one undo takes back.
     */
    @Transactional
    public void update(long id, PostForm form, String user) {
        Post post = find(id);
        requireFreeTitle(form.getTitle(), id);
        post.setTitle(form.getTitle().strip());
        post.setBody(form.getBody());
        post.setStatus(form.getStatus());
        post.setAuthor(author(form.getAuthorId()));
        if (!new HashSet<>(post.getTags().stream().map(Tag::getId).toList()).equals(new HashSet<>(form.getTagIds()))) {
            post.getTags().clear();
            post.getTags().addAll(tags.findAllById(form.getTagIds()));
        }
        Map<Long, PostForm.CommentEdit> edits = form.getComments().stream()
                .filter(edit -> edit.getId() != null)
                .collect(Collectors.toMap(PostForm.CommentEdit::getId, Function.identity()));
        post.getComments().removeIf(comment -> edits.containsKey(comment.getId()) && edits.get(comment.getId()).isRemove());
        for (Comment comment : post.getComments()) {
            PostForm.CommentEdit edit = edits.get(comment.getId());
            if (edit != null && !edit.getText().strip().equals(comment.getText())) {
                comment.setText(edit.getText().strip());
            }
        }
        if (form.getNewComment() != null && !form.getNewComment().isBlank()) {
            post.addComment(user, form.getNewComment().strip());
        }
    }

    /** Adds a comment to a post. */
    @Transactional
    public void comment(long id, String user, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The comment is empty: write something before sending it.");
        }
        find(id).addComment(user, text.strip());
    }

    /** Deletes a post with its comments; its history stays, so it can be restored. */
    @Transactional
    public String delete(long id) {
        Post post = find(id);
        posts.delete(post);
        return post.getTitle();
    }

    /** The authors and tags the form offers. */
    @Transactional(readOnly = true)
    public List<Author> authors() {
        return authors.findAllByOrderByName();
    }

    @Transactional(readOnly = true)
    public List<Tag> tags() {
        return tags.findAllByOrderByName();
    }

    private Post find(long id) {
        return posts.findById(id).orElseThrow(() -> new NotFoundException("There is no post " + id
                + ". If it was deleted, its history is kept: find it among the deleted posts to restore it."));
    }

    private Author author(Long id) {
        return authors.findById(id).orElseThrow(() -> new InvalidInputException("There is no author " + id + "."));
    }

    private void requireFreeTitle(String title, Long id) {
        String wanted = title.strip();
        posts.findByTitle(wanted).filter(post -> !post.getId().equals(id)).ifPresent(post -> {
            throw new InvalidInputException("Another post is titled “" + wanted + "” already; titles are unique.");
        });
    }
}
