package dev.continuum.spring.boot;

import dev.continuum.Transaction;
import dev.continuum.VersionHistory;
import dev.continuum.spi.TransactionContextProvider;
import dev.continuum.spring.SpringTransactionContextProvider;
import dev.continuum.spring.sample.Article;
import dev.continuum.spring.sample.BlogApplication;
import dev.continuum.spring.testing.DatabaseCondition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An application's own {@link TransactionContextProvider} bean replaces the starter's. */
@ExtendWith(DatabaseCondition.class)
@SpringBootTest(classes = {BlogApplication.class, ContextProviderTest.TenantUsers.class},
        properties = "spring.jpa.hibernate.ddl-auto=update")
@AutoConfigureMockMvc
@DirtiesContext
class ContextProviderTest {

    /** Records users as "tenant/user", keeping the starter's request address. */
    @TestConfiguration
    static class TenantUsers {

        @Bean
        TransactionContextProvider tenantUsers() {
            return new TransactionContextProvider() {
                @Override
                public Optional<String> userId() {
                    return SpringTransactionContextProvider.authenticatedUser().map(user -> "acme/" + user);
                }

                @Override
                public Optional<String> remoteAddress() {
                    return SpringTransactionContextProvider.requestAddress();
                }
            };
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    VersionHistory history;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JsonMapper json;

    @Test
    void theApplicationsProviderDecidesWhoMadeTheChange() throws Exception {
        String response = mvc.perform(post("/articles").with(httpBasic("alice", "alice-secret"))
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.7");
                            return request;
                        })
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Spring\",\"body\":\"Text\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = json.readTree(response).get("id").asLong();

        Transaction transaction = transactions.execute(status -> history.versions(Article.class, id).get(0).transaction());

        assertThat(transaction.userId()).contains("acme/alice");
        assertThat(transaction.remoteAddress()).contains("203.0.113.7");
    }
}
