package dev.continuum.examples.blog.web;

import dev.continuum.Transaction;
import dev.continuum.examples.blog.history.PostHistory;
import dev.continuum.examples.blog.post.Author;
import dev.continuum.examples.blog.post.InvalidInputException;
import dev.continuum.examples.blog.post.PostForm;
import dev.continuum.examples.blog.post.PostService;
import dev.continuum.examples.blog.post.PostStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/** The posts: list, read, write, edit, comment, delete, and undo or redo the latest action on one. */
@Controller
public class PostController {

    private final PostService posts;
    private final PostHistory history;
    private final Times times;

    public PostController(PostService posts, PostHistory history, Times times) {
        this.posts = posts;
        this.history = history;
        this.times = times;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/posts";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/posts")
    String list(Model model) {
        model.addAttribute("posts", posts.all());
        return "posts/list";
    }

    @GetMapping("/posts/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("post", posts.get(id));
        model.addAttribute("steps", history.steps(id));
        model.addAttribute("lastChange", history.versions(id).get(0));
        return "posts/show";
    }

    @GetMapping("/posts/new")
    String create(Model model, Principal user) {
        PostForm form = new PostForm();
        posts.authors().stream().filter(author -> author.getUsername().equals(user.getName())).findFirst()
                .map(Author::getId).ifPresent(form::setAuthorId);
        return form(model, form, null, List.of());
    }

    @PostMapping("/posts")
    String create(@ModelAttribute("form") PostForm form, Model model, RedirectAttributes redirect) {
        List<String> problems = form.problems();
        if (!problems.isEmpty()) {
            return form(model, form, null, problems);
        }
        try {
            long id = posts.create(form);
            redirect.addFlashAttribute("message", "Post “" + form.getTitle().strip() + "” created.");
            return "redirect:/posts/" + id;
        } catch (InvalidInputException e) {
            return form(model, form, null, List.of(e.getMessage()));
        }
    }

    @GetMapping("/posts/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, posts.form(id), id, List.of());
    }

    @PostMapping("/posts/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") PostForm form, Model model, Principal user,
            RedirectAttributes redirect) {
        List<String> problems = form.problems();
        if (!problems.isEmpty()) {
            return form(model, form, id, problems);
        }
        try {
            posts.update(id, form, user.getName());
            redirect.addFlashAttribute("message", "Changes saved.");
            return "redirect:/posts/" + id;
        } catch (InvalidInputException e) {
            return form(model, form, id, List.of(e.getMessage()));
        }
    }

    @PostMapping("/posts/{id}/comments")
    String comment(@PathVariable long id, @RequestParam String text, Principal user, RedirectAttributes redirect) {
        posts.comment(id, user.getName(), text);
        redirect.addFlashAttribute("message", "Comment added.");
        return "redirect:/posts/" + id + "#comments";
    }

    @PostMapping("/posts/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String title = posts.delete(id);
        redirect.addFlashAttribute("message", "Post “" + title + "” deleted. Its history is kept: restore it from "
                + "Deleted posts.");
        return "redirect:/posts";
    }

    @PostMapping("/posts/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes redirect) {
        return stepped(id, history.undo(id), "Undid", "Nothing to undo: this is the post's first version.", redirect);
    }

    @PostMapping("/posts/{id}/redo")
    String redo(@PathVariable long id, RedirectAttributes redirect) {
        return stepped(id, history.redo(id), "Redid", "Nothing to redo.", redirect);
    }

    private String stepped(long id, Optional<Transaction> step, String verb, String nothing, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", step
                .map(transaction -> verb + " the change by " + transaction.userId().orElse("an unknown user") + " of "
                        + times.format(transaction.issuedAt()) + ".")
                .orElse(nothing));
        return history.exists(id) ? "redirect:/posts/" + id : "redirect:/deleted";
    }

    private String form(Model model, PostForm form, Long id, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("postId", id);
        model.addAttribute("problems", problems);
        model.addAttribute("authors", posts.authors());
        model.addAttribute("tags", posts.tags());
        model.addAttribute("statuses", PostStatus.values());
        return "posts/form";
    }
}
