package dev.continuum.hibernate.compact;

import dev.continuum.ConfigurationException;
import dev.continuum.HistoryAdmin;
import dev.continuum.RetentionPolicy;
import dev.continuum.SchemaMismatchException;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.CompactValues;
import dev.continuum.hibernate.compact.CompactModel.Counter;
import dev.continuum.hibernate.compact.CompactModel.Document;
import dev.continuum.hibernate.internal.compact.ValueCodec;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.TestDatabase;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Compact storage: values round-trip, are stored once, as keyframes or deltas, and are cleaned up with their versions. */
@Model(value = Document.class, properties = {StatementCounter.PROPERTY, "continuum.transaction_table=cp_tx",
        "continuum.integrity=hash-chain"})
class CompactStorageTest {

    private static final String VALUES = "cp_tx_value";
    private static final String[] WORDS = ("history records every change of the document in the same transaction "
            + "so that nothing is lost and nothing half written while readers see versions in commit order").split(" ");

    /** About {@code length} characters of prose from a fixed vocabulary. */
    static String text(long seed, int length) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(9) == 0 ? ". " : " ");
        }
        return text.toString();
    }

    /** {@code text} with the word at about {@code position} replaced by {@code word}. */
    static String edit(String text, int position, String word) {
        int start = text.indexOf(' ', position) + 1;
        int end = text.indexOf(' ', start);
        return text.substring(0, start) + word + text.substring(end);
    }

    private static long values(Db db) {
        return db.count(VALUES);
    }

    private static List<Version<Document>> versions(Db db, long id) {
        return db.read(history -> history.versions(Document.class, id));
    }

    /** The names of the properties version {@code index} of document 1 changed. */
    private static java.util.Set<String> changed(Db db, int index) {
        return db.read(history -> history.versions(Document.class, 1L).get(index).changeset().properties());
    }

    private static boolean flag(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    @DatabaseTest
    void everySupportedTypeRoundTrips(Db db) {
        String large = text(1, 20_000) + " ünïcödé ✓ 𝄞";
        List<String> texts = java.util.Arrays.asList(null, "", "short", large, "日本語のテキスト");
        long id = 1;
        db.run(em -> em.persist(new Document(1L, "t", null)));
        for (String value : texts) {
            db.run(em -> {
                Document document = em.find(Document.class, id);
                document.body = value;
                document.data = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                document.meta = value == null ? null : "{\"text\":\"" + value.length() + "\"}";
                document.title = "t" + (value == null ? -1 : value.length());
            });
        }

        List<Version<Document>> versions = versions(db, id);

        assertThat(versions).hasSize(texts.size() + 1);
        for (int i = 0; i < texts.size(); i++) {
            String expected = texts.get(i);
            Version<Document> version = versions.get(i + 1);
            assertThat(version.entity().body).isEqualTo(expected);
            assertThat(version.entity().data).isEqualTo(expected == null ? null : expected.getBytes(StandardCharsets.UTF_8));
            assertThat(version.entity().meta).isEqualTo(expected == null ? null : "{\"text\":\"" + expected.length() + "\"}");
        }
        assertThat(db.rows("select body from cp_document_version where body is not null"))
                .allSatisfy(row -> assertThat((byte[]) row.get("body")).hasSize(32));
    }

    @DatabaseTest
    void anUnchangedValueStoresNoNewValueRow(Db db) {
        db.run(em -> em.persist(new Document(1L, "a", text(2, 20_000))));
        long stored = values(db);

        db.run(em -> em.find(Document.class, 1L).title = "b");
        db.run(em -> em.find(Document.class, 1L).title = "c");

        assertThat(values(db)).isEqualTo(stored).isEqualTo(1);
        List<Map<String, Object>> rows = db.rows("select body from cp_document_version order by transaction_id");
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(row -> row.get("body")).containsOnly(rows.get(0).get("body"));
        assertThat(changed(db, 2)).containsOnly("title");
        assertThat(db.rows("select body_mod, title_mod from cp_document_version order by transaction_id"))
                .extracting(row -> flag(row.get("body_mod")), row -> flag(row.get("title_mod")))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, true), org.assertj.core.groups.Tuple.tuple(false, true));
    }

    @DatabaseTest
    void smallEditsAreDeltasAndABigChangeIsAKeyframe(Db db) {
        String body = text(3, 20_000);
        db.run(em -> em.persist(new Document(1L, "a", body)));
        String[] current = {body};
        for (int i = 1; i <= 5; i++) {
            current[0] = edit(current[0], i * 3_000, "edited" + i);
            db.run(em -> em.find(Document.class, 1L).body = current[0]);
        }
        db.run(em -> em.find(Document.class, 1L).body = text(99, 20_000));

        List<Map<String, Object>> rows = db.rows("select position, value_length, octet_length(value_bytes) as stored from "
                + VALUES + " order by keyframe_hash, position");
        assertThat(rows).hasSize(7);
        assertThat(rows).filteredOn(row -> ((Number) row.get("position")).intValue() > 0).hasSize(5)
                .allSatisfy(row -> assertThat(((Number) row.get("stored")).intValue()).isLessThan(40));
        assertThat(rows).filteredOn(row -> ((Number) row.get("position")).intValue() == 0).hasSize(2);
        assertThat(db.rows("select position from " + VALUES + " where base_hash is not null order by position"))
                .extracting(row -> ((Number) row.get("position")).intValue()).containsExactly(1, 2, 3, 4, 5);
        List<Version<Document>> versions = versions(db, 1L);
        assertThat(versions.get(5).entity().body).isEqualTo(current[0]);
        assertThat(versions.get(6).entity().body).isEqualTo(text(99, 20_000));
        assertThat(changed(db, 5)).containsOnly("body");
        assertThat(db.rows("select body_mod from cp_document_version order by transaction_id"))
                .extracting(row -> flag(row.get("body_mod"))).containsOnly(true);
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void postgresqlKeepsAKeyframeRowWholeInTheHeap(Db db) {
        db.run(em -> em.persist(new Document(1L, "a", text(12, 20_000))));

        assertThat(db.rows("select octet_length(value_bytes) as stored, pg_column_size(value_hash) as reference from "
                + VALUES)).singleElement().satisfies(row -> {
                    assertThat(((Number) row.get("stored")).intValue()).isGreaterThan(2_500);
                    assertThat(((Number) row.get("reference")).intValue()).isEqualTo(33);
                });
        assertThat(db.rows("select pg_relation_size(reltoastrelid) as toast from pg_class where oid = '" + VALUES
                + "'::regclass")).extracting(row -> ((Number) row.get("toast")).longValue()).containsExactly(0L);
    }

    @org.junit.jupiter.api.Test
    void theCreateScriptKeepsValueRowsWholeOnPostgresqlOnly() {
        assertThat(createScript("org.hibernate.dialect.PostgreSQLDialect"))
                .contains("alter table transaction_value alter column value_bytes set storage external",
                        "alter table transaction_value set (toast_tuple_target = 8160)");
        assertThat(createScript("org.hibernate.dialect.MariaDBDialect"))
                .noneMatch(sql -> sql.contains("set storage") || sql.contains("toast"));
    }

    private static List<String> createScript(String dialect) {
        return dev.continuum.hibernate.ContinuumSchema.createStatements(
                new jakarta.persistence.PersistenceConfiguration("offline")
                        .provider(org.hibernate.jpa.HibernatePersistenceProvider.class.getName())
                        .managedClass(Document.class)
                        .property("hibernate.dialect", dialect)
                        .property("hibernate.boot.allow_jdbc_metadata_access", "false"));
    }

    @DatabaseTest
    void aListOfVersionsReadsItsValuesInOneStatement(Db db) {
        String[] body = {text(4, 20_000)};
        db.run(em -> em.persist(new Document(1L, "a", body[0])));
        for (int i = 1; i <= 20; i++) {
            body[0] = edit(body[0], i * 700, "w" + i);
            db.run(em -> em.find(Document.class, 1L).body = body[0]);
        }

        StatementCounter.reset();
        List<Version<Document>> versions = versions(db, 1L);
        versions.forEach(version -> version.entity().body.length());

        assertThat(StatementCounter.statements()).filteredOn(sql -> sql.contains(VALUES)).hasSize(1);
        assertThat(versions.get(20).entity().body).isEqualTo(body[0]);
        StatementCounter.reset();
        Document one = db.read(history -> history.asOf(Document.class, 1L, versions.get(7).transaction().id())
                .orElseThrow().entity());
        assertThat(StatementCounter.statements()).filteredOn(sql -> sql.contains(VALUES)).hasSize(1);
        assertThat(one.body).isEqualTo(versions.get(7).entity().body);
    }

    @DatabaseTest
    void revertRestoresTheFullValue(Db db) {
        String first = text(5, 20_000);
        db.run(em -> em.persist(new Document(1L, "a", first)));
        db.run(em -> em.find(Document.class, 1L).body = edit(first, 500, "changed"));

        db.run(em -> VersionHistory.of(em).versions(Document.class, 1L).get(0).revert());

        String live = db.inTransaction(em -> em.find(Document.class, 1L).body);
        assertThat(live).isEqualTo(first);
        List<Version<Document>> versions = versions(db, 1L);
        assertThat(versions).hasSize(3);
        assertThat(changed(db, 2)).containsOnly("body");
        assertThat(db.rows("select body from cp_document_version order by transaction_id"))
                .extracting(row -> row.get("body")).first().isEqualTo(
                        db.rows("select body from cp_document_version order by transaction_id").get(2).get("body"));
    }

    @DatabaseTest
    void integrityStaysIntactWithCompactValues(Db db) {
        String body = text(6, 5_000);
        db.run(em -> em.persist(new Document(1L, "a", body)));
        db.run(em -> em.find(Document.class, 1L).body = edit(body, 100, "x"));

        assertThat(HistoryAdmin.of(db.emf()).verify().intact()).isTrue();
    }

    @DatabaseTest
    void pruningAndErasureRemoveValuesNoVersionRefersTo(Db db) {
        String[] body = {text(7, 20_000)};
        db.run(em -> em.persist(new Document(1L, "a", body[0])));
        for (int i = 1; i <= 4; i++) {
            body[0] = text(100 + i, 20_000);
            db.run(em -> em.find(Document.class, 1L).body = body[0]);
        }
        assertThat(values(db)).isEqualTo(5);

        HistoryAdmin.of(db.emf()).prune(Document.class, RetentionPolicy.keepLast(2));

        long referenced = ((Number) db.rows("select count(distinct body) as n from cp_document_version")
                .get(0).get("n")).longValue();
        assertThat(referenced).isLessThan(5);
        assertThat(values(db)).isEqualTo(referenced);
        assertThat(versions(db, 1L).get(versions(db, 1L).size() - 1).entity().body).isEqualTo(body[0]);

        HistoryAdmin.of(db.emf()).erase(Document.class, 1L);

        assertThat(values(db)).isZero();
    }

    @DatabaseTest
    void aValueCanBeReadWithPlainJdbc(Db db) throws Exception {
        String[] body = {text(8, 20_000)};
        db.run(em -> em.persist(new Document(1L, "a", body[0])));
        for (int i = 1; i <= 3; i++) {
            body[0] = edit(body[0], i * 4_000, "plain" + i);
            db.run(em -> em.find(Document.class, 1L).body = body[0]);
        }
        List<Map<String, Object>> rows = db.rows("select v.body, x.position from cp_document_version v join " + VALUES
                + " x on x.value_hash = v.body order by v.transaction_id");

        try (java.sql.Connection connection = db.connect()) {
            assertThat(rows).extracting(row -> ((Number) row.get("position")).intValue()).containsExactly(0, 1, 2, 3);
            assertThat(CompactValues.read(connection, VALUES, (byte[]) rows.get(3).get("body")).orElseThrow())
                    .isEqualTo(body[0].getBytes(StandardCharsets.UTF_8));
            assertThat(CompactValues.read(connection, VALUES, new byte[32])).isEmpty();
        }
    }

    @DatabaseTest
    void everyVersionOfALongChainReadsAsWrittenAndChainsRollOver(Db db) {
        int edits = 300;
        String[] written = new String[edits + 1];
        written[0] = text(9, 20_000);
        db.run(em -> em.persist(new Document(1L, "a", written[0])));
        Random random = new Random(9);
        for (int i = 1; i <= edits; i++) {
            written[i] = edit(written[i - 1], random.nextInt(19_000), "e" + i);
            String body = written[i];
            db.run(em -> em.find(Document.class, 1L).body = body);
        }

        List<Version<Document>> versions = versions(db, 1L);

        assertThat(versions).extracting(version -> version.entity().body).containsExactly(written);
        List<Map<String, Object>> rows = db.rows("select position from " + VALUES);
        assertThat(rows).hasSize(edits + 1);
        assertThat(rows).extracting(row -> ((Number) row.get("position")).intValue())
                .allSatisfy(position -> assertThat(position).isLessThan(100))
                .filteredOn(position -> position == 0).hasSize(4);
        long transaction = versions.get(250).transaction().id();
        String asOf = db.read(history -> history.asOf(Document.class, 1L, transaction).orElseThrow().entity().body);
        assertThat(asOf).isEqualTo(written[250]);
    }

    @DatabaseTest
    void pruningKeepsTheChainThatRemainingVersionsAreMadeFrom(Db db) {
        String[] body = {text(10, 20_000)};
        db.run(em -> em.persist(new Document(1L, "a", body[0])));
        for (int i = 1; i <= 5; i++) {
            body[0] = edit(body[0], i * 3_000, "first" + i);
            db.run(em -> em.find(Document.class, 1L).body = body[0]);
        }
        body[0] = text(11, 20_000);
        db.run(em -> em.find(Document.class, 1L).body = body[0]);
        String[] last = new String[3];
        for (int i = 0; i < 3; i++) {
            body[0] = edit(body[0], (i + 1) * 4_000, "second" + i);
            last[i] = body[0];
            db.run(em -> em.find(Document.class, 1L).body = body[0]);
        }
        assertThat(values(db)).isEqualTo(10);

        HistoryAdmin.of(db.emf()).prune(Document.class, RetentionPolicy.keepLast(2).pruningFirst());

        // the first chain is gone; the second keeps its keyframe and first delta, bases of the two kept versions
        assertThat(db.rows("select position from " + VALUES + " order by position"))
                .extracting(row -> ((Number) row.get("position")).intValue()).containsExactly(0, 1, 2, 3);
        assertThat(versions(db, 1L)).extracting(version -> version.entity().body).containsExactly(last[1], last[2]);
        assertThat(HistoryAdmin.of(db.emf()).verify().intact()).isTrue();
    }

    @DatabaseTest
    void aValueWhoseChainWentOnAfterItStartsANewKeyframe(Db db) {
        String shared = text(13, 20_000);
        db.run(em -> {
            em.persist(new Document(1L, "a", shared));
            em.persist(new Document(2L, "b", shared));
        });
        String one = edit(shared, 5_000, "one");
        String two = edit(shared, 12_000, "two");

        db.run(em -> em.find(Document.class, 1L).body = one);
        db.run(em -> em.find(Document.class, 2L).body = two);

        assertThat(db.rows("select position from " + VALUES + " order by position"))
                .extracting(row -> ((Number) row.get("position")).intValue()).containsExactly(0, 0, 1);
        assertThat(versions(db, 1L)).extracting(version -> version.entity().body).containsExactly(shared, one);
        assertThat(versions(db, 2L)).extracting(version -> version.entity().body).containsExactly(shared, two);
    }

    @DatabaseTest
    void twoValuesReplacingOneInATransactionAreOneDeltaAndOneKeyframe(Db db) {
        String shared = text(15, 20_000);
        db.run(em -> {
            em.persist(new Document(1L, "a", shared));
            em.persist(new Document(2L, "b", shared));
        });
        String one = edit(shared, 5_000, "one");
        String two = edit(shared, 12_000, "two");

        db.run(em -> {
            em.find(Document.class, 1L).body = one;
            em.find(Document.class, 2L).body = two;
        });

        assertThat(db.rows("select position from " + VALUES + " order by position"))
                .extracting(row -> ((Number) row.get("position")).intValue()).containsExactly(0, 0, 1);
        assertThat(versions(db, 1L)).extracting(version -> version.entity().body).containsExactly(shared, one);
        assertThat(versions(db, 2L)).extracting(version -> version.entity().body).containsExactly(shared, two);
    }

    @DatabaseTest
    void rowsAtOnePositionOfAChainEachReadThroughTheirOwnBase(Db db) throws Exception {
        String first = text(14, 20_000);
        db.run(em -> em.persist(new Document(1L, "a", first)));
        String one = edit(first, 5_000, "one");
        db.run(em -> em.find(Document.class, 1L).body = one);
        // what two transactions that appended to the same chain at the same moment leave behind
        byte[] base = first.getBytes(StandardCharsets.UTF_8);
        byte[] sibling = edit(first, 12_000, "sibling").getBytes(StandardCharsets.UTF_8);
        byte[] keyframe = ValueCodec.reference(base);
        try (java.sql.Connection connection = db.connect()) {
            connection.setAutoCommit(true);
            try (java.sql.PreparedStatement insert = connection.prepareStatement("insert into " + VALUES
                    + " (value_hash, keyframe_hash, position, base_hash, value_length, value_bytes)"
                    + " values (?, ?, 1, ?, ?, ?)")) {
                insert.setBytes(1, ValueCodec.reference(sibling));
                insert.setBytes(2, keyframe);
                insert.setBytes(3, keyframe);
                insert.setInt(4, sibling.length);
                insert.setBytes(5, ValueCodec.delta(sibling, base));
                insert.executeUpdate();
            }

            assertThat(versions(db, 1L)).extracting(version -> version.entity().body).containsExactly(first, one);
            assertThat(CompactValues.read(connection, VALUES, ValueCodec.reference(sibling))).contains(sibling);
        }
    }

    @DatabaseTest
    void theSchemaCheckFindsAMissingValueTable(Db db) {
        db.execute("drop table " + VALUES);
        try {
            Throwable thrown = catchThrowable(() -> db.build(Map.of("hibernate.hbm2ddl.auto", "none")).close());
            Throwable cause = thrown;
            while (cause != null && !(cause instanceof SchemaMismatchException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isNotNull();
            assertThat(cause.getMessage()).contains(VALUES);
        } finally {
            db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        }
    }

    @DatabaseTest
    void theSchemaCheckFindsAValueTableOfTheEarlierLayout(Db db) {
        db.execute("drop table " + VALUES);
        db.execute("create table " + VALUES + " (value_hash varchar(64) not null primary key, kind smallint not null, "
                + "base_hash varchar(64), value_length integer not null, value_bytes varchar(100) not null)");
        try {
            Throwable thrown = catchThrowable(() -> db.build(Map.of("hibernate.hbm2ddl.auto", "none")).close());
            Throwable cause = thrown;
            while (cause != null && !(cause instanceof SchemaMismatchException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isNotNull();
            assertThat(cause.getMessage()).contains(VALUES).contains("keyframe_hash").contains("'value_hash'");
        } finally {
            db.execute("drop table " + VALUES);
            db.build(Map.of("hibernate.hbm2ddl.auto", "update")).close();
        }
    }

    @DatabaseTest
    void compactOnAnUnsupportedTypeIsRefusedAtBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Counter.class)).close());

        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isNotNull();
        assertThat(cause.getMessage()).contains("Counter.count").contains("@Compact").contains("Integer");
    }
}
