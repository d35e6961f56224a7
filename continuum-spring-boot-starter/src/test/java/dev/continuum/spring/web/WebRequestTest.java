package dev.continuum.spring.web;

import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.spring.sample.Article;
import dev.continuum.spring.testing.BlogTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who made a change, recorded from a web request through the example application with no code of its own. */
@BlogTest
class WebRequestTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    VersionHistory history;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JsonMapper json;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    long write(String user, String password, String address, String title) throws Exception {
        String response = mvc.perform(post("/articles").with(httpBasic(user, password)).with(from(address))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"" + title + "\",\"body\":\"Text\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asLong();
    }

    void edit(long id, String user, String password, String address, String title) throws Exception {
        mvc.perform(put("/articles/" + id).with(httpBasic(user, password)).with(from(address))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"" + title + "\",\"body\":\"Text\"}"))
                .andExpect(status().isOk());
    }

    List<Version<Article>> versions(long id) {
        return transactions.execute(status -> history.versions(Article.class, id));
    }

    @Test
    void aRequestByAliceRecordsHerNameAndAddress() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");

        Transaction transaction = versions(id).get(0).transaction();

        assertThat(transaction.userId()).contains("alice");
        assertThat(transaction.remoteAddress()).contains("203.0.113.7");
    }

    @Test
    void eachRequestRecordsItsOwnUserAndAddress() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");
        edit(id, "bob", "bob-secret", "198.51.100.2", "Summer");

        List<Transaction> transactions = versions(id).stream().map(Version::transaction).toList();

        assertThat(transactions).extracting(t -> t.userId().orElse(null)).containsExactly("alice", "bob");
        assertThat(transactions).extracting(t -> t.remoteAddress().orElse(null))
                .containsExactly("203.0.113.7", "198.51.100.2");
    }

    @Test
    void versionsAreServedAsJsonNewestFirst() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");
        edit(id, "bob", "bob-secret", "198.51.100.2", "Summer");

        String body = mvc.perform(get("/articles/" + id + "/versions?page=0&size=1&sort=index,desc")
                        .with(httpBasic("alice", "alice-secret")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode page = json.readTree(body);
        JsonNode newest = page.get("content").get(0);

        assertThat(page.get("content").size()).isEqualTo(1);
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(2);
        assertThat(newest.get("id").asLong()).isEqualTo(id);
        assertThat(newest.get("index").asInt()).isEqualTo(1);
        assertThat(newest.get("operation").asString()).isEqualTo("UPDATE");
        assertThat(newest.get("transaction").get("user").asString()).isEqualTo("bob");
        assertThat(newest.get("transaction").get("address").asString()).isEqualTo("198.51.100.2");
        assertThat(newest.get("transaction").get("issuedAt").asString()).endsWith("Z");
        assertThat(newest.get("changes").propertyNames()).containsExactly("title");
        assertThat(newest.get("changes").get("title").get("old").asString()).isEqualTo("Spring");
        assertThat(newest.get("changes").get("title").get("new").asString()).isEqualTo("Summer");
        assertThat(newest.get("snapshot").get("title").asString()).isEqualTo("Summer");
        assertThat(newest.get("snapshot").has("views")).as("an excluded property is not history").isFalse();
    }

    @Test
    void theFirstVersionOfAPageHasItsChangesetAfterTheTransaction() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");
        edit(id, "alice", "alice-secret", "203.0.113.7", "Summer");
        edit(id, "alice", "alice-secret", "203.0.113.7", "Autumn");

        String body = mvc.perform(get("/articles/" + id + "/versions?page=1&size=1")
                        .with(httpBasic("alice", "alice-secret")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode version = json.readTree(body).get("content").get(0);

        assertThat(version.get("index").asInt()).isEqualTo(1);
        assertThat(version.get("changes").get("title").get("old").asString()).isEqualTo("Spring");
    }

    @Test
    void historyReadThroughTheVersionHistoryBeanInAService() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");
        edit(id, "bob", "bob-secret", "198.51.100.2", "Summer");

        String body = mvc.perform(get("/articles/" + id + "/title-changes").with(httpBasic("bob", "bob-secret")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(json.readValue(body, String[].class)).containsExactly("alice: Spring", "bob: Summer");
    }

    @Test
    void undoThroughTheRepositoryIsRecordedWithTheUserWhoUndid() throws Exception {
        long id = write("alice", "alice-secret", "203.0.113.7", "Spring");
        edit(id, "alice", "alice-secret", "203.0.113.7", "Summer");

        mvc.perform(post("/articles/" + id + "/undo").with(httpBasic("bob", "bob-secret")).with(from("198.51.100.2")))
                .andExpect(status().isOk());

        Version<Article> undone = versions(id).get(2);
        assertThat(undone.entity().getTitle()).isEqualTo("Spring");
        assertThat(undone.transaction().userId()).contains("bob");
    }
}
