package com.example.blog;

import dev.continuum.PropertyChange;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import jakarta.persistence.EntityManagerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The blog's service code: writes articles, reads and rewinds their history. */
public class ArticleService {

    private final EntityManagerFactory emf;

    public ArticleService(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public Long write(String title, String body) {
        return emf.callInTransaction(em -> {
            Article article = new Article(title, body);
            em.persist(article);
            return article.getId();
        });                              // committed: one article_version row, one transaction row
    }

    public void edit(Long id, String title, String body) {
        emf.runInTransaction(em -> {
            Article article = em.find(Article.class, id);
            article.setTitle(title);
            article.setBody(body);
        });
    }

    public void countView(Long id) {     // views is excluded: this writes no version
        emf.runInTransaction(em -> {
            Article article = em.find(Article.class, id);
            article.setViews(article.getViews() + 1);
        });
    }

    public void delete(Long id) {
        emf.runInTransaction(em -> em.remove(em.find(Article.class, id)));
    }

    // snippet: versions
    /** One line per version, oldest first, such as {@code "1 UPDATE by alice: [title]"}. */
    public List<String> history(Long id) {
        return emf.callInTransaction(em -> {
            List<String> lines = new ArrayList<>();
            for (Version<Article> version : VersionHistory.of(em).versions(Article.class, id)) {
                lines.add(version.index() + " " + version.operation() + " by "
                        + version.transaction().userId().orElse("-") + ": " + version.changeset().properties());
            }
            return lines;
        });
    }
    // end snippet

    // snippet: changeset
    /** The title before and after the latest change, if that change touched the title. */
    public Optional<PropertyChange<?>> latestTitleChange(Long id) {
        return emf.callInTransaction(em -> {
            List<Version<Article>> versions = VersionHistory.of(em).versions(Article.class, id);
            Version<Article> latest = versions.get(versions.size() - 1);
            return latest.changeset().get("title");           // oldValue(), newValue()
        });
    }
    // end snippet

    // snippet: as of
    /** The article as it was at {@code instant}: empty if it did not exist then. */
    public Optional<Article> asOf(Long id, Instant instant) {
        return emf.callInTransaction(em -> VersionHistory.of(em).asOf(Article.class, id, instant)
                .map(Version::entity));                      // a detached snapshot
    }
    // end snippet

    // snippet: revert
    /** Writes the article back to its state at version {@code index} (0 is the first). */
    public void revert(Long id, int index) {
        emf.runInTransaction(em -> VersionHistory.of(em).versions(Article.class, id).get(index).revert());
    }

    /** Steps the article back one version; false when there is nothing to undo. */
    public boolean undo(Long id) {
        return emf.callInTransaction(em -> VersionHistory.of(em).undo(Article.class, id).isPresent());
    }

    /** Steps it forward again after an undo; false when there is nothing to redo. */
    public boolean redo(Long id) {
        return emf.callInTransaction(em -> VersionHistory.of(em).redo(Article.class, id).isPresent());
    }
    // end snippet

    // snippet: typed query
    /** Every version of the article whose title contained {@code word}, oldest first. */
    public List<ArticleVersion> versionsTitled(Long id, String word) {
        return emf.callInTransaction(em -> em.createQuery("""
                        select v from ArticleVersion v
                        where v.id = :id and v.title like :pattern
                        order by v.transactionId""", ArticleVersion.class)
                .setParameter("id", id)
                .setParameter("pattern", "%" + word + "%")
                .getResultList());
    }
    // end snippet
}
