package dev.continuum.spring.boot;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.ContinuumException;
import dev.continuum.NewActivity;
import dev.continuum.spring.sample.Article;
import dev.continuum.spring.sample.ArticleService;
import dev.continuum.spring.testing.BlogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link ActivityStream} bean: records in and reads through the current transaction's entity manager. */
@BlogTest
class ActivityStreamBeanTest {

    @Autowired
    ActivityStream activities;
    @Autowired
    ArticleService service;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void recordsInTheCurrentTransactionAndReadsTheActivityWithItsVersion() {
        long id = service.write("Draft", "Text").getId();
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.executeWithoutResult(status -> activities.record(NewActivity.of("review", Article.class, id)
                .actor("editor")));

        List<Activity> read = template.execute(status -> activities.read(ActivityFilter.object(Article.class, id), 0, 5));

        assertThat(read).singleElement().satisfies(activity -> {
            assertThat(activity.actor()).contains("editor");
            assertThat(((Article) activity.object().version().orElseThrow().entity()).getTitle()).isEqualTo("Draft");
        });
    }

    @Test
    void recordingOutsideATransactionSaysToMakeTheMethodTransactional() {
        assertThatThrownBy(() -> activities.record(NewActivity.of("review", Article.class, 1L)))
                .isInstanceOf(ContinuumException.class).hasMessageContaining("@Transactional");
    }
}
