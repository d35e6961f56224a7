package dev.continuum.spring.web;

import dev.continuum.spring.testing.BlogTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /actuator/continuum}: what is versioned, where, and the schema check. */
@BlogTest
class ActuatorEndpointTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    JsonNode endpoint() throws Exception {
        return json.readTree(mvc.perform(get("/actuator/continuum")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void listsTheVersionedEntitiesWithTheirTables() throws Exception {
        JsonNode article = null;
        for (JsonNode entity : endpoint().get("entities")) {
            if (entity.get("entity").asString().equals("Article")) {
                article = entity;
            }
        }

        assertThat(article).isNotNull();
        assertThat(article.get("type").asString()).isEqualTo("dev.continuum.spring.sample.Article");
        assertThat(article.get("tables").get(0).asString()).isEqualTo("article");
        assertThat(article.get("versionTable").asString()).isEqualTo("article_version");
    }

    @Test
    void namesTheTransactionTable() throws Exception {
        assertThat(endpoint().get("transactionTable").asString()).isEqualTo("transaction");
    }

    @Test
    void saysTheSchemaCheckWasSkippedWhenHibernateCreatesTheSchema() throws Exception {
        JsonNode check = endpoint().get("schemaCheck");

        assertThat(check.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(check.get("detail").asString()).contains("create-drop");
    }
}
