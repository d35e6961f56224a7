package dev.continuum.spring.boot;

import dev.continuum.ContinuumException;
import dev.continuum.VersionHistory;
import dev.continuum.spring.TransactionalVersionHistory;
import dev.continuum.spring.sample.Article;
import dev.continuum.spring.sample.ArticleService;
import dev.continuum.spring.testing.BlogTest;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link VersionHistory} bean: bound to the current transaction's entity manager at each call. */
@BlogTest
class VersionHistoryBeanTest {

    @Autowired
    VersionHistory history;
    @Autowired
    ArticleService service;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    <T> T readOnly(Supplier<T> work) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setReadOnly(true);
        return template.execute(status -> work.get());
    }

    /** Runs work with an entity manager bound to the thread and no transaction, as open-EntityManager-in-view does. */
    <T> T inView(Supplier<T> work) {
        EntityManager em = entityManagerFactory.createEntityManager();
        TransactionSynchronizationManager.bindResource(entityManagerFactory, new EntityManagerHolder(em));
        try {
            return work.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(entityManagerFactory);
            em.close();
        }
    }

    @Test
    void theBeanIsTheTransactionBoundHistory() {
        assertThat(history).isInstanceOf(TransactionalVersionHistory.class);
    }

    @Test
    void readsInAReadOnlyTransaction() {
        long id = service.write("Draft", "Text").getId();

        assertThat(readOnly(() -> history.count(Article.class, id))).isEqualTo(1);
    }

    @Test
    void outsideATransactionACallSaysToMakeTheMethodTransactional() {
        assertThatThrownBy(() -> history.versions(Article.class, 1L))
                .isInstanceOf(ContinuumException.class)
                .hasMessageContaining("VersionHistory.versions was called outside a transaction")
                .hasMessageContaining("@Transactional");
    }

    @Test
    void readsWithTheRequestsEntityManagerOfOpenEntityManagerInView() {
        long id = service.write("Draft", "Text").getId();

        assertThat(inView(() -> history.versions(Article.class, id).get(0).entity().getTitle())).isEqualTo("Draft");
    }

    @Test
    void undoWithoutATransactionIsRefusedEvenInView() {
        long id = service.write("Draft", "Text").getId();

        assertThatThrownBy(() -> inView(() -> history.undo(Article.class, id)))
                .isInstanceOf(ContinuumException.class)
                .hasMessageContaining("VersionHistory.undo")
                .hasMessageContaining("read-write transaction");
    }

    @Test
    void undoInAReadOnlyTransactionIsRefused() {
        long id = service.write("Draft", "Text").getId();

        assertThatThrownBy(() -> readOnly(() -> history.redo(Article.class, id)))
                .isInstanceOf(ContinuumException.class)
                .hasMessageContaining("not readOnly");
    }

    @Test
    void undoInATransaction() {
        long id = service.write("Draft", "Text").getId();
        service.edit(id, "Final", "Text");

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> history.undo(Article.class, id));

        assertThat(readOnly(() -> history.versions(Article.class, id).get(2).entity().getTitle())).isEqualTo("Draft");
    }
}
