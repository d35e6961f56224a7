package dev.continuum.spring.boot;

import dev.continuum.spring.sample.ArticleService;
import dev.continuum.spring.sample.BlogApplication;
import dev.continuum.spring.testing.DatabaseCondition;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code continuum.*} properties in Spring Boot's form reach Continuum. */
@ExtendWith(DatabaseCondition.class)
@SpringBootTest(classes = BlogApplication.class, properties = {"spring.jpa.hibernate.ddl-auto=update",
        "continuum.table-suffix=_history", "continuum.transaction-table=change_set",
        "continuum.transaction-sequence=change_set_seq", "continuum.undo-table=change_set_undo"})
@DirtiesContext
class PropertiesTest {

    @Autowired
    ArticleService service;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    /** The tables of this test's names outlive it (ddl-auto=update), so rows of earlier runs are removed first. */
    @BeforeEach
    void emptyTheRenamedTables() {
        jdbc.update("delete from article_history");
        jdbc.update("delete from change_set");
    }

    @Test
    void versionsGoToTheTablesTheyName() {
        long id = service.write("Draft", "Text").getId();

        Long versions = jdbc.queryForObject("select count(*) from article_history where id = ?", Long.class, id);
        Long transactions = jdbc.queryForObject("select count(*) from change_set t join article_history v"
                + " on v.transaction_id = t.id where v.id = ?", Long.class, id);

        assertThat(versions).isEqualTo(1);
        assertThat(transactions).isEqualTo(1);
    }

    @Test
    void theyArePassedToHibernateUnderContinuumsNames() {
        assertThat(entityManagerFactory.getProperties())
                .containsEntry("continuum.table_suffix", "_history")
                .containsEntry("continuum.undo_table", "change_set_undo")
                .doesNotContainKey("continuum.enabled");
    }
}
