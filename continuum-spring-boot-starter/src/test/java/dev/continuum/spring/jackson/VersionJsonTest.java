package dev.continuum.spring.jackson;

import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.spring.sample.forum.Reply;
import dev.continuum.spring.sample.forum.Topic;
import dev.continuum.spring.testing.BlogTest;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of versions with relations, written by the application's mapper after the transaction. */
@BlogTest
class VersionJsonTest {

    @Autowired
    JsonMapper json;
    @Autowired
    VersionHistory history;
    @Autowired
    EntityManager em;
    @Autowired
    TransactionTemplate transactions;

    record Ids(long topic, long reply) {
    }

    /** A topic with two replies, the first moved to a second topic and edited. */
    Ids forum() {
        Ids ids = transactions.execute(status -> {
            Topic topic = new Topic("Versioning");
            em.persist(topic);
            Reply reply = new Reply(topic, "First");
            reply.getLabels().add("question");
            reply.setDraft("unsent notes");
            em.persist(reply);
            em.persist(new Reply(topic, "Second"));
            return new Ids(topic.getId(), reply.getId());
        });
        transactions.executeWithoutResult(status -> {
            Topic other = new Topic("History");
            em.persist(other);
            Reply reply = em.find(Reply.class, ids.reply());
            reply.setTopic(other);
            reply.setText("First, edited");
        });
        return ids;
    }

    <T> List<Version<T>> versions(Class<T> type, long id) {
        // as the repository fragment returns them: changesets and transaction metadata read while the
        // EntityManager is open, so that the versions can be written after the transaction
        return transactions.execute(status -> {
            List<Version<T>> versions = history.versions(type, id);
            versions.forEach(version -> {
                version.changeset();
                version.transaction().metadata().size();
            });
            return versions;
        });
    }

    JsonNode write(Object value) {
        return json.readTree(json.writeValueAsString(value));
    }

    @Test
    void aToOneIsTheRelatedEntitysIdentifier() {
        Ids ids = forum();

        JsonNode first = write(versions(Reply.class, ids.reply()).get(0));

        assertThat(first.get("snapshot").get("topic").asLong()).isEqualTo(ids.topic());
        assertThat(first.get("changes").get("topic").get("old").isNull()).isTrue();
        assertThat(first.get("changes").get("topic").get("new").asLong()).isEqualTo(ids.topic());
    }

    @Test
    void aChangedToOneShowsBothIdentifiers() {
        Ids ids = forum();

        JsonNode second = write(versions(Reply.class, ids.reply()).get(1));

        assertThat(second.get("changes").get("topic").get("old").asLong()).isEqualTo(ids.topic());
        assertThat(second.get("changes").get("topic").get("new").asLong()).isNotEqualTo(ids.topic());
        assertThat(second.get("changes").get("text").get("new").asString()).isEqualTo("First, edited");
    }

    @Test
    void collectionsAndPropertiesThatAreNotHistoryAreLeftOut() {
        Ids ids = forum();

        JsonNode reply = write(versions(Reply.class, ids.reply()).get(0)).get("snapshot");
        JsonNode topic = write(versions(Topic.class, ids.topic()).get(0)).get("snapshot");

        assertThat(reply.propertyNames()).containsExactlyInAnyOrder("id", "text", "topic");
        assertThat(topic.propertyNames()).containsExactlyInAnyOrder("id", "subject");
    }

    @Test
    void aSnapshotWhoseRelationsPointBackIsWrittenOnce() {
        Ids ids = forum();

        String written = transactions.execute(status -> {
            Version<Reply> version = history.versions(Reply.class, ids.reply()).get(0);
            assertThat(version.entity().getTopic().getReplies()).extracting(Reply::getText).contains("First");
            return json.writeValueAsString(version);
        });

        assertThat(json.readTree(written).get("snapshot").get("topic").asLong()).isEqualTo(ids.topic());
    }

    @Test
    void liveEntitiesAreWrittenAsWithoutTheModule() {
        Ids ids = forum();

        JsonNode live = transactions.execute(status -> write(em.find(Reply.class, ids.reply())));

        assertThat(live.get("topic").get("subject").asString()).isEqualTo("History");
        assertThat(live.get("labels").get(0).asString()).isEqualTo("question");
        assertThat(live.get("draft").asString()).isEqualTo("unsent notes");
    }

    @Test
    void aTransactionOnItsOwn() {
        Ids ids = forum();
        long transactionId = versions(Reply.class, ids.reply()).get(0).transactionId();

        JsonNode transaction = write(transactions.execute(status -> {
            Transaction read = history.transaction(transactionId).orElseThrow();
            read.metadata().size(); // metadata is read on first use, while the EntityManager is open
            return read;
        }));

        assertThat(transaction.propertyNames()).containsExactly("id", "issuedAt", "user", "address");
        assertThat(transaction.get("id").asLong()).isEqualTo(transactionId);
        assertThat(transaction.get("user").isNull()).isTrue();
    }
}
