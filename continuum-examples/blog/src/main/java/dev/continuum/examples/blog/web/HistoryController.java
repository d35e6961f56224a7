package dev.continuum.examples.blog.web;

import dev.continuum.examples.blog.history.BlogTimeline;
import dev.continuum.examples.blog.history.PostHistory;
import dev.continuum.examples.blog.history.PostSnapshot;
import dev.continuum.examples.blog.history.VersionItem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The history of posts and of the blog: versions, comparison, restore, deleted posts, time travel, activity. */
@Controller
public class HistoryController {

    private final PostHistory history;
    private final BlogTimeline timeline;
    private final Times times;

    public HistoryController(PostHistory history, BlogTimeline timeline, Times times) {
        this.history = history;
        this.timeline = timeline;
        this.times = times;
    }

    @GetMapping("/posts/{id}/history")
    String history(@PathVariable long id, Model model) {
        List<VersionItem> versions = history.versions(id);
        model.addAttribute("postId", id);
        model.addAttribute("versions", versions);
        model.addAttribute("title", versions.get(0).title());
        model.addAttribute("exists", history.exists(id));
        return "posts/history";
    }

    @GetMapping("/posts/{id}/versions/{number}")
    String version(@PathVariable long id, @PathVariable int number, Model model) {
        Map.Entry<VersionItem, PostSnapshot> version = history.version(id, number);
        model.addAttribute("postId", id);
        model.addAttribute("version", version.getKey());
        model.addAttribute("post", version.getValue());
        return "posts/version";
    }

    @GetMapping("/posts/{id}/compare")
    String compare(@PathVariable long id, @RequestParam int from, @RequestParam int to, Model model) {
        model.addAttribute("postId", id);
        model.addAttribute("comparison", history.compare(id, from, to));
        return "posts/compare";
    }

    @PostMapping("/posts/{id}/versions/{number}/restore")
    String restore(@PathVariable long id, @PathVariable int number, RedirectAttributes redirect) {
        history.restore(id, number);
        redirect.addFlashAttribute("message", "Restored version " + number + ". The restore is a new version: undo "
                + "takes it back.");
        return "redirect:/posts/" + id;
    }

    @GetMapping("/deleted")
    String deleted(Model model) {
        model.addAttribute("deleted", timeline.deleted());
        return "deleted";
    }

    @PostMapping("/deleted/{id}/restore")
    String restoreDeleted(@PathVariable long id, RedirectAttributes redirect) {
        history.restoreDeleted(id);
        redirect.addFlashAttribute("message", "Post restored with its comments and tags.");
        return "redirect:/posts/" + id;
    }

    @GetMapping("/time-travel")
    String timeTravel(@RequestParam(required = false) String at, @RequestParam(required = false) Long tx, Model model) {
        model.addAttribute("moments", timeline.latest(15));
        if (tx != null) {
            BlogTimeline.BlogAsOf blog = timeline.asOf(tx);
            model.addAttribute("blog", blog);
            blog.transaction().ifPresent(transaction -> model.addAttribute("at", times.input(transaction.issuedAt())));
        } else if (at != null && !at.isBlank()) {
            Instant instant;
            try {
                instant = times.parse(at);
            } catch (DateTimeParseException e) {
                throw new NotFoundException("“" + at + "” is not a date and time: pick one with the date field.");
            }
            model.addAttribute("blog", timeline.asOf(instant));
            model.addAttribute("at", at);
        }
        return "time-travel";
    }

    @GetMapping("/activity")
    String activity(Model model) {
        model.addAttribute("activity", timeline.activity(30));
        return "activity";
    }
}
