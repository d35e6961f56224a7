package dev.continuum.spring.sample;

import dev.continuum.Version;
import dev.continuum.VersionHistory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

// snippet: service
@Service
public class ArticleService {

    private final ArticleRepository articles;
    private final VersionHistory history;          // bound to the current transaction

    public ArticleService(ArticleRepository articles, VersionHistory history) {
        this.articles = articles;
        this.history = history;
    }

    @Transactional
    public Article write(String title, String body) {
        return articles.save(new Article(title, body));
    }

    @Transactional
    public Article edit(long id, String title, String body) {
        Article article = articles.findById(id).orElseThrow();
        article.setTitle(title);                   // committing records a version
        article.setBody(body);
        return article;
    }

    @Transactional(readOnly = true)
    public Page<Version<Article>> versions(long id, Pageable pageable) {
        return articles.findVersions(id, pageable);            // paged by the database
    }

    @Transactional(readOnly = true)
    public List<String> titleChanges(long id) {
        return history.propertyHistory(Article.class, id, "title").stream()
                .map(change -> change.transaction().userId().orElse("?") + ": "
                        + change.change().newValue().orElse(null))
                .toList();
    }

    @Transactional
    public Optional<Version<Article>> undo(long id) {
        return articles.undo(id);
    }
}
// end snippet
