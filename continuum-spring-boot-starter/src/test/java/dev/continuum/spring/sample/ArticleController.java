package dev.continuum.spring.sample;

import dev.continuum.Version;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

// snippet: controller
@RestController
@RequestMapping("/articles")
public class ArticleController {

    public record ArticleForm(String title, String body) {
    }

    private final ArticleService service;

    public ArticleController(ArticleService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Article write(@RequestBody ArticleForm form) {
        return service.write(form.title(), form.body());
    }

    @PutMapping("/{id}")
    public Article edit(@PathVariable long id, @RequestBody ArticleForm form) {
        return service.edit(id, form.title(), form.body());
    }

    @GetMapping("/{id}/versions")            // ?page=0&size=20&sort=index,desc
    public PagedModel<Version<Article>> versions(@PathVariable long id, Pageable pageable) {
        return new PagedModel<>(service.versions(id, pageable));
    }

    @GetMapping("/{id}/title-changes")
    public List<String> titleChanges(@PathVariable long id) {
        return service.titleChanges(id);
    }

    @PostMapping("/{id}/undo")
    public ResponseEntity<Version<Article>> undo(@PathVariable long id) {
        return ResponseEntity.of(service.undo(id));
    }
}
// end snippet
