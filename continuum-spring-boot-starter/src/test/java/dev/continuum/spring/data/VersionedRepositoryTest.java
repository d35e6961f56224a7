package dev.continuum.spring.data;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.spring.sample.Article;
import dev.continuum.spring.sample.ArticleRepository;
import dev.continuum.spring.sample.ArticleService;
import dev.continuum.spring.testing.BlogTest;
import dev.continuum.spring.testing.StatementCounter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link VersionedRepository} on a Spring Data JPA repository that only extends it. */
@BlogTest
class VersionedRepositoryTest {

    @Autowired
    ArticleRepository articles;
    @Autowired
    ArticleService service;
    @Autowired
    TransactionTemplate transactions;

    /** An article with five versions, titled "v0" to "v4". */
    long articleWithFiveVersions() {
        long id = service.write("v0", "Text").getId();
        for (int i = 1; i < 5; i++) {
            service.edit(id, "v" + i, "Text");
        }
        return id;
    }

    static List<String> titles(Page<Version<Article>> page) {
        return page.getContent().stream().map(v -> v.index() + ":" + v.entity().getTitle()).toList();
    }

    /** The statements on the version table since the last reset. */
    static List<String> historyStatements() {
        return StatementCounter.statements().stream()
                .filter(sql -> sql.toLowerCase(Locale.ROOT).contains("article_version")).toList();
    }

    static boolean paged(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        return lower.contains(" limit ") || lower.contains(" fetch ") || lower.contains(" offset ");
    }

    static boolean counting(String sql) {
        return sql.toLowerCase(Locale.ROOT).contains("count(");
    }

    @Test
    void aPageOfVersionsOldestFirst() {
        long id = articleWithFiveVersions();

        Page<Version<Article>> page = articles.findVersions(id, PageRequest.of(1, 2));

        assertThat(titles(page)).containsExactly("2:v2", "3:v3");
        assertThat(page.getTotalElements()).isEqualTo(5);
        assertThat(page.getTotalPages()).isEqualTo(3);
    }

    @Test
    void aPageIsReadByTheDatabaseWithACountAndOneLookupForItsFirstChangeset() {
        long id = articleWithFiveVersions();

        StatementCounter.reset();
        articles.findVersions(id, PageRequest.of(1, 2));
        List<String> statements = historyStatements();

        assertThat(statements).hasSize(3);
        assertThat(statements).filteredOn(VersionedRepositoryTest::paged).hasSize(1);
        assertThat(statements).filteredOn(VersionedRepositoryTest::counting).hasSize(1);
    }

    @Test
    void aFirstPageThatHoldsEveryVersionNeedsNoCount() {
        long id = articleWithFiveVersions();

        StatementCounter.reset();
        Page<Version<Article>> page = articles.findVersions(id, PageRequest.of(0, 10));

        assertThat(page.getTotalElements()).isEqualTo(5);
        assertThat(historyStatements()).singleElement().matches(VersionedRepositoryTest::paged);
    }

    @Test
    void aPageOfVersionsNewestFirst() {
        long id = articleWithFiveVersions();

        Page<Version<Article>> first = articles.findVersions(id, PageRequest.of(0, 2, VersionSort.newestFirst()));
        Page<Version<Article>> last = articles.findVersions(id, PageRequest.of(2, 2, VersionSort.newestFirst()));

        assertThat(titles(first)).containsExactly("4:v4", "3:v3");
        assertThat(titles(last)).containsExactly("0:v0");
        assertThat(last.getTotalElements()).isEqualTo(5);
    }

    @Test
    void aPageNewestFirstIsReadByTheDatabaseAfterACount() {
        long id = articleWithFiveVersions();

        StatementCounter.reset();
        articles.findVersions(id, PageRequest.of(0, 2, Sort.by("index").descending()));
        List<String> statements = historyStatements();

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).matches(VersionedRepositoryTest::counting);
        assertThat(statements).filteredOn(VersionedRepositoryTest::paged).hasSize(1);
    }

    @Test
    void aPagePastTheLastVersionIsEmpty() {
        long id = articleWithFiveVersions();

        assertThat(articles.findVersions(id, PageRequest.of(3, 2, VersionSort.newestFirst()))).isEmpty();
        assertThat(articles.findVersions(id, PageRequest.of(3, 2))).isEmpty();
    }

    @Test
    void unpagedIsEveryVersionInTheOrderAsked() {
        long id = articleWithFiveVersions();

        Page<Version<Article>> page = articles.findVersions(id, Pageable.unpaged(VersionSort.newestFirst()));

        assertThat(titles(page)).containsExactly("4:v4", "3:v3", "2:v2", "1:v1", "0:v0");
    }

    @Test
    void sortingByAnotherPropertyIsRefusedWithTheFix() {
        long id = articleWithFiveVersions();

        assertThatThrownBy(() -> articles.findVersions(id, PageRequest.of(0, 2, Sort.by("title"))))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("Article")
                .hasMessageContaining("sort=index,desc");
    }

    @Test
    void allVersionsOldestFirst() {
        long id = articleWithFiveVersions();

        assertThat(articles.findVersions(id)).extracting(v -> v.entity().getTitle())
                .containsExactly("v0", "v1", "v2", "v3", "v4");
    }

    @Test
    void theLastChange() {
        long id = articleWithFiveVersions();

        Version<Article> last = articles.findLastChange(id).orElseThrow();

        assertThat(last.index()).isEqualTo(4);
        assertThat(last.changeset().get("title").orElseThrow().oldValue().orElseThrow()).isEqualTo("v3");
    }

    @Test
    void noLastChangeWithoutHistory() {
        assertThat(articles.findLastChange(-1L)).isEmpty();
    }

    @Test
    void aVersionByIndex() {
        long id = articleWithFiveVersions();

        assertThat(articles.findVersion(id, 2)).map(v -> v.entity().getTitle()).contains("v2");
        assertThat(articles.findVersion(id, 5)).isEmpty();
    }

    @Test
    void theNumberOfVersions() {
        long id = articleWithFiveVersions();

        assertThat(articles.countVersions(id)).isEqualTo(5);
    }

    @Test
    void theEntityAsOfATransaction() {
        long id = articleWithFiveVersions();
        long second = articles.findVersion(id, 1).orElseThrow().transactionId();

        assertThat(articles.findAsOf(id, second)).map(Article::getTitle).contains("v1");
    }

    @Test
    void theEntityAsOfAnInstant() {
        long id = articleWithFiveVersions();

        assertThat(articles.findAsOf(id, Instant.now().plusSeconds(60))).map(Article::getTitle).contains("v4");
        assertThat(articles.findAsOf(id, Instant.now().minusSeconds(86_400))).isEmpty();
    }

    @Test
    void revertToAVersionRecordsANewOne() {
        long id = articleWithFiveVersions();

        articles.revertTo(id, 1);

        assertThat(articles.findById(id)).map(Article::getTitle).contains("v1");
        Version<Article> last = articles.findLastChange(id).orElseThrow();
        assertThat(last.index()).isEqualTo(5);
        assertThat(last.operation()).isEqualTo(Operation.UPDATE);
    }

    @Test
    void revertToAVersionThatDoesNotExistSaysHowManyThereAre() {
        long id = articleWithFiveVersions();

        assertThatThrownBy(() -> articles.revertTo(id, 7))
                .isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("has no version 7; it has 5");
    }

    @Test
    void undoAndRedo() {
        long id = articleWithFiveVersions();

        articles.undo(id);
        assertThat(articles.findById(id)).map(Article::getTitle).contains("v3");
        articles.redo(id);
        assertThat(articles.findById(id)).map(Article::getTitle).contains("v4");
    }

    @Test
    void versionsReadInsideTheCallersTransactionUseItsEntityManager() {
        long id = articleWithFiveVersions();

        String previous = transactions.execute(status -> articles.findVersions(id, PageRequest.of(2, 1))
                .getContent().get(0).previous().orElseThrow().previous().orElseThrow().entity().getTitle());

        assertThat(previous).isEqualTo("v0");
    }
}
