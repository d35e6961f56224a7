package dev.continuum.hibernate.relations;

import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.relations.RelationsModel.Label;
import dev.continuum.hibernate.relations.RelationsModel.Link;
import dev.continuum.hibernate.relations.RelationsModel.Post;
import dev.continuum.hibernate.relations.RelationsModel.QuietPost;
import dev.continuum.hibernate.testing.VersionRows;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.continuum.hibernate.testing.VersionRows.operation;
import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Many-to-many associations and element collections of a versioned owner are versioned row by
 * row in {@code <collection_table>_version}, with end_transaction_id maintained.
 */
@Model(value = {Post.class, QuietPost.class, Label.class},
        properties = {"continuum.transaction_table=rel_tx", "continuum.transaction_sequence=rel_tx_seq"})
class AssociationVersioningTest {

    private static List<Map<String, Object>> labelRows(Db db) {
        return db.rows("select post_id, label_id, transaction_id, end_transaction_id, operation_type "
                + "from rel_post_label_version order by label_id, transaction_id");
    }

    private static List<Long> transactions(Db db) {
        return db.rows("select id from rel_tx order by id").stream().map(r -> number(r.get("id"))).toList();
    }

    /** A post with labels 1 and 2, and a third label not yet on it. */
    private static void givenAPostWithTwoLabels(Db db) {
        db.run(em -> {
            Label one = new Label(1L, "one");
            Label two = new Label(2L, "two");
            em.persist(one);
            em.persist(two);
            em.persist(new Label(3L, "three"));
            Post post = new Post(1L, "hello");
            post.labels.add(one);
            post.labels.add(two);
            em.persist(post);
        });
    }

    @DatabaseTest
    void addingLabelsRecordsAnInsertRowPerPairInTheOwnersTransaction(Db db) {
        givenAPostWithTwoLabels(db);

        List<Map<String, Object>> rows = labelRows(db);
        assertThat(rows).extracting(r -> number(r.get("label_id")) + ":" + operation(r)).containsExactly("1:0", "2:0");
        assertThat(rows).allSatisfy(r -> {
            assertThat(number(r.get("post_id"))).isEqualTo(1L);
            assertThat(r.get("end_transaction_id")).isNull();
        });
        assertThat(number(rows.get(0).get("transaction_id")))
                .isEqualTo(number(db.rows("select transaction_id from rel_post_version").get(0).get("transaction_id")));
    }

    @DatabaseTest
    void removingALabelClosesItsOpenRowAndRecordsADeleteRow(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> em.find(Post.class, 1L).labels.removeIf(label -> label.id == 1L));

        List<Map<String, Object>> rows = labelRows(db);
        assertThat(rows).extracting(r -> number(r.get("label_id")) + ":" + operation(r))
                .containsExactly("1:0", "1:2", "2:0");
        long removal = transactions(db).get(1);
        assertThat(number(rows.get(0).get("end_transaction_id"))).isEqualTo(removal);
        assertThat(number(rows.get(1).get("transaction_id"))).isEqualTo(removal);
        assertThat(rows.get(1).get("end_transaction_id")).isNull();
        assertThat(rows.get(2).get("end_transaction_id")).isNull();
    }

    @DatabaseTest
    void aPairAddedAgainAfterItsRemovalStartsANewValidityPeriod(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> em.find(Post.class, 1L).labels.removeIf(label -> label.id == 1L));
        db.run(em -> em.find(Post.class, 1L).labels.add(em.find(Label.class, 1L)));

        List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type "
                + "from rel_post_label_version where label_id = 1 order by transaction_id");
        assertThat(rows).extracting(VersionRows::operation).containsExactly(0, 2, 0);
        assertThat(number(rows.get(1).get("end_transaction_id"))).isEqualTo(number(rows.get(2).get("transaction_id")));
        assertThat(rows.get(2).get("end_transaction_id")).isNull();
    }

    @DatabaseTest
    void addingAndRemovingAPairInOneTransactionWritesNothing(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            Label three = em.find(Label.class, 3L);
            post.labels.add(three);
            em.flush();
            post.labels.remove(three);
        });

        assertThat(labelRows(db)).hasSize(2);
        assertThat(db.count("rel_post_version")).isEqualTo(1);
        assertThat(transactions(db)).hasSize(1);
    }

    @DatabaseTest
    void removingAndAddingBackAPairInOneTransactionWritesNothing(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            Label one = em.find(Label.class, 1L);
            post.labels.remove(one);
            em.flush();
            post.labels.add(one);
        });

        assertThat(labelRows(db)).hasSize(2).allSatisfy(r -> assertThat(r.get("end_transaction_id")).isNull());
        assertThat(transactions(db)).hasSize(1);
    }

    @DatabaseTest
    void replacingTheCollectionRecordsOnlyThePairsThatChanged(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.labels = new HashSet<>(Set.of(em.find(Label.class, 1L), em.find(Label.class, 3L)));
        });

        assertThat(labelRows(db)).extracting(r -> number(r.get("label_id")) + ":" + operation(r))
                .containsExactly("1:0", "2:0", "2:2", "3:0");
    }

    @DatabaseTest
    void deletingTheOwnerRecordsTheRemovalOfEveryPairEvenWhenTheCollectionWasNotLoaded(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> em.remove(em.find(Post.class, 1L)));

        List<Map<String, Object>> rows = labelRows(db);
        assertThat(rows).extracting(r -> number(r.get("label_id")) + ":" + operation(r))
                .containsExactly("1:0", "1:2", "2:0", "2:2");
        assertThat(rows.get(0).get("end_transaction_id")).isNotNull();
        assertThat(rows.get(2).get("end_transaction_id")).isNotNull();
        assertThat(db.rows("select operation_type from rel_post_version order by transaction_id"))
                .extracting(VersionRows::operation).containsExactly(0, 2);
    }

    @DatabaseTest
    void theOwnerGetsAnUpdateVersionWhenOnlyItsCollectionsChange(Db db) {
        givenAPostWithTwoLabels(db);
        db.run(em -> em.find(Post.class, 1L).labels.add(em.find(Label.class, 3L)));

        List<Map<String, Object>> versions = db.rows("select title, transaction_id, end_transaction_id, operation_type "
                + "from rel_post_version order by transaction_id");
        assertThat(versions).extracting(VersionRows::operation).containsExactly(0, 1);
        assertThat(versions.get(1)).containsEntry("title", "hello");
        assertThat(number(versions.get(1).get("transaction_id")))
                .isEqualTo(number(labelRows(db).get(2).get("transaction_id")));
        assertThat(number(versions.get(0).get("end_transaction_id")))
                .isEqualTo(number(versions.get(1).get("transaction_id")));
    }

    @DatabaseTest
    void anEntityCanOptOutOfOwnerVersionsOnCollectionChanges(Db db) {
        db.run(em -> {
            em.persist(new Label(1L, "one"));
            QuietPost post = new QuietPost();
            post.id = 1L;
            post.title = "quiet";
            em.persist(post);
        });
        db.run(em -> em.find(QuietPost.class, 1L).labels.add(em.find(Label.class, 1L)));

        assertThat(db.count("rel_quiet_post_version")).isEqualTo(1);
        assertThat(db.count("rel_quiet_post_label_version")).isEqualTo(1);
    }

    @DatabaseTest
    void theGlobalSettingTurnsOwnerVersionsOff(Db db) {
        givenAPostWithTwoLabels(db);
        try (EntityManagerFactory quiet = db.build(Map.of("hibernate.hbm2ddl.auto", "none",
                ContinuumSettings.VERSION_OWNER_ON_COLLECTION_CHANGE, "false"))) {
            Db.inTransaction(quiet, em -> em.find(Post.class, 1L).labels.add(em.find(Label.class, 3L)));
        }

        assertThat(db.count("rel_post_version")).isEqualTo(1);
        assertThat(labelRows(db)).hasSize(3);
    }

    @DatabaseTest
    void elementCollectionsOfBasicsRecordAddsAndRemoves(Db db) {
        db.run(em -> {
            Post post = new Post(1L, "p");
            post.keywords.addAll(Set.of("java", "orm"));
            em.persist(post);
        });
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.keywords.remove("orm");
            post.keywords.add("history");
        });

        List<Map<String, Object>> rows = db.rows("select post_id, keyword, end_transaction_id, operation_type "
                + "from rel_post_keyword_version order by keyword, transaction_id");
        assertThat(rows).extracting(r -> r.get("keyword") + ":" + operation(r) + ":" + (r.get("end_transaction_id") != null))
                .containsExactly("history:0:false", "java:0:false", "orm:0:true", "orm:2:false");
    }

    @DatabaseTest
    void elementCollectionsOfEmbeddablesRecordEachElementsColumns(Db db) {
        db.run(em -> {
            Post post = new Post(1L, "p");
            post.links.add(new Link("https://a.example", "A"));
            post.links.add(new Link("https://b.example", null));
            em.persist(post);
        });
        db.run(em -> em.find(Post.class, 1L).links.removeIf(link -> link.caption == null));

        List<Map<String, Object>> rows = db.rows("select url, caption, end_transaction_id, operation_type "
                + "from rel_post_link_version order by url, transaction_id");
        assertThat(rows).extracting(r -> r.get("url") + ":" + r.get("caption") + ":" + operation(r))
                .containsExactly("https://a.example:A:0", "https://b.example:null:0", "https://b.example:null:2");
        assertThat(rows.get(0).get("end_transaction_id")).isNull();
        assertThat(rows.get(1).get("end_transaction_id")).isNotNull();
    }

    @DatabaseTest
    void aMapEntryWhoseValueChangesIsAnUpdateOfItsKey(Db db) {
        db.run(em -> {
            Post post = new Post(1L, "p");
            post.meta.put("lang", "en");
            post.meta.put("level", "basic");
            em.persist(post);
        });
        db.run(em -> {
            Post post = em.find(Post.class, 1L);
            post.meta.put("lang", "fr");
            post.meta.remove("level");
        });

        List<Map<String, Object>> rows = db.rows("select meta_key, meta_value, transaction_id, end_transaction_id, "
                + "operation_type from rel_post_meta_version order by meta_key, transaction_id");
        assertThat(rows).extracting(r -> r.get("meta_key") + "=" + r.get("meta_value") + ":" + operation(r))
                .containsExactly("lang=en:0", "lang=fr:1", "level=basic:0", "level=basic:2");
        assertThat(number(rows.get(0).get("end_transaction_id"))).isEqualTo(number(rows.get(1).get("transaction_id")));
    }

    @DatabaseTest
    void associationVersionTablesMirrorTheLiveKeyAndPassTheBootCheck(Db db) {
        db.build(Map.of("hibernate.hbm2ddl.auto", "validate")).close();
        db.execute("alter table rel_post_keyword_version drop column keyword");
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> db.build(Map.of("hibernate.hbm2ddl.auto", "validate")).close());
        } finally {
            db.execute("alter table rel_post_keyword_version add column keyword varchar(255)");
        }

        assertThat(thrown).hasStackTraceContaining("Version table 'rel_post_keyword_version' of collection "
                + "Post.keywords has no column 'keyword' (for Post.keywords)");
    }
}
