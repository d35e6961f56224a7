package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.relations.RelationsModel.Label;
import dev.continuum.hibernate.relations.RelationsModel.Link;
import dev.continuum.hibernate.relations.RelationsModel.Post;
import dev.continuum.hibernate.testing.CapabilityFreeH2Dialect;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose dialect reports none of the capabilities of the fast write paths (see
 * {@link CapabilityFreeH2Dialect}) gets the portable one: the transaction id selected from the
 * sequence before the transaction row is inserted, separate closings and inserts, and the
 * nullable identity columns of collection rows matched with {@code (c = ? or c is null and ? is
 * null)}. The history it writes is the same as elsewhere.
 */
@Model(value = {Note.class, Post.class, Label.class}, properties = {StatementCounter.PROPERTY,
        "hibernate.dialect=dev.continuum.hibernate.testing.CapabilityFreeH2Dialect"})
class PortableWriteTest {

    private static long transactionOf(Map<String, Object> row) {
        return number(row.get("transaction_id"));
    }

    /** Asserts that each version row is ended by the transaction of the next one, and the last is open. */
    private static void assertUnbrokenValidityChain(List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size() - 1; i++) {
            assertThat(number(rows.get(i).get("end_transaction_id"))).as("end of version %s", i)
                    .isEqualTo(transactionOf(rows.get(i + 1)));
        }
        assertThat(rows.get(rows.size() - 1).get("end_transaction_id")).as("end of the last version").isNull();
    }

    private static void persistPostWithUncaptionedLink(Db db) {
        db.run(em -> {
            Post post = new Post(1L, "p");
            post.links.add(new Link("https://a.example", "A"));
            post.links.add(new Link("https://b.example", null));
            em.persist(post);
        });
    }

    private static void removeUncaptionedLinks(Db db) {
        db.run(em -> em.find(Post.class, 1L).links.removeIf(link -> link.caption == null));
    }

    @DatabaseTest(only = TestDatabase.H2)
    void theTransactionIdIsSelectedFromTheSequenceBeforeTheTransactionRowIsInserted(Db db) {
        StatementCounter.reset();
        db.run(em -> em.persist(new Note(1L, "first")));

        List<String> history = StatementCounter.statements().stream()
                .filter(sql -> sql.contains("transaction") || sql.contains("note_version")).toList();
        assertThat(history).startsWith("select next value for transaction_id_seq",
                "insert into transaction (id, issued_at, user_id, remote_addr) values (?, ?, ?, ?)");
        long transactionId = number(db.rows("select id from transaction").get(0).get("id"));
        assertThat(transactionOf(db.rows("select transaction_id from note_version").get(0))).isEqualTo(transactionId);
    }

    @DatabaseTest(only = TestDatabase.H2)
    void eachChangeClosesThePreviousVersionSoTheValidityChainIsUnbroken(Db db) {
        db.run(em -> em.persist(new Note(1L, "first")));
        db.run(em -> em.find(Note.class, 1L).setText("second"));
        db.run(em -> em.remove(em.find(Note.class, 1L)));
        db.run(em -> em.persist(new Note(1L, "again")));

        List<Map<String, Object>> rows = db.rows("select text, transaction_id, end_transaction_id, operation_type "
                + "from note_version order by transaction_id");
        assertThat(rows).extracting(row -> row.get("text") + ":" + operation(row))
                .containsExactly("first:0", "second:1", "second:2", "again:0");
        assertUnbrokenValidityChain(rows);
    }

    @DatabaseTest(only = TestDatabase.H2)
    void aRemovedCollectionRowWithNullColumnsIsClosedByThePortableMatch(Db db) {
        persistPostWithUncaptionedLink(db);

        StatementCounter.reset();
        removeUncaptionedLinks(db);

        assertThat(StatementCounter.statements()).contains("update rel_post_link_version set end_transaction_id = ?"
                + " where post_id = ? and (caption = ? or caption is null and ? is null)"
                + " and (url = ? or url is null and ? is null) and end_transaction_id is null and transaction_id < ?");
        List<Map<String, Object>> rows = db.rows("select url, caption, transaction_id, end_transaction_id, "
                + "operation_type from rel_post_link_version order by url, transaction_id");
        assertThat(rows).extracting(row -> row.get("url") + ":" + row.get("caption") + ":" + operation(row))
                .containsExactly("https://a.example:A:0", "https://b.example:null:0", "https://b.example:null:2");
        assertThat(rows.get(0).get("end_transaction_id")).isNull();
        assertUnbrokenValidityChain(rows.subList(1, 3));
    }

    @DatabaseTest(only = TestDatabase.H2)
    void aCollectionRowWithNullColumnsAddedAgainClosesItsDeletion(Db db) {
        persistPostWithUncaptionedLink(db);
        removeUncaptionedLinks(db);

        db.run(em -> em.find(Post.class, 1L).links.add(new Link("https://b.example", null)));

        List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type "
                + "from rel_post_link_version where caption is null order by transaction_id");
        assertThat(rows).extracting(row -> operation(row)).containsExactly(0, 2, 0);
        assertUnbrokenValidityChain(rows);
    }

    @DatabaseTest(only = TestDatabase.H2)
    void theOwnerGetsAVersionInEachTransactionThatChangesItsCollection(Db db) {
        persistPostWithUncaptionedLink(db);
        removeUncaptionedLinks(db);

        List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type "
                + "from rel_post_version order by transaction_id");
        assertThat(rows).extracting(row -> operation(row)).containsExactly(0, 1);
        assertUnbrokenValidityChain(rows);
    }
}
