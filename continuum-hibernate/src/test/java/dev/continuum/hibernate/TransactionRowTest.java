package dev.continuum.hibernate;

import dev.continuum.ChangeContext;
import dev.continuum.hibernate.model.FixedUserProvider;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction row: when (UTC), who and from where. */
@Model(Note.class)
class TransactionRowTest {

    private static Tuple transactionRow(EntityManagerFactory factory) {
        return Db.inTransaction(factory, em -> em.createQuery(
                "select t.id as id, t.issuedAt as issuedAt, t.userId as userId, t.remoteAddr as remoteAddr "
                        + "from ContinuumTransaction t", Tuple.class).getSingleResult());
    }

    @DatabaseTest
    void issuedAtIsTheCommitInstant(Db db) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        db.run(em -> em.persist(new Note(1L, "when")));
        Instant after = Instant.now().plusSeconds(1);

        Instant issuedAt = transactionRow(db.emf()).get("issuedAt", Instant.class);
        assertThat(issuedAt).isBetween(before, after);
    }

    @DatabaseTest
    void userAndRemoteAddressAreEmptyWithoutAContext(Db db) {
        db.run(em -> em.persist(new Note(1L, "anonymous")));

        Tuple row = transactionRow(db.emf());
        assertThat(row.get("userId")).isNull();
        assertThat(row.get("remoteAddr")).isNull();
    }

    @DatabaseTest
    void theChangeContextOfTheCommittingThreadIsRecorded(Db db) {
        ChangeContext.run("alice", "203.0.113.7", () -> db.run(em -> em.persist(new Note(1L, "by alice"))));
        db.run(em -> em.persist(new Note(2L, "after the scope")));

        List<Map<String, Object>> rows = db.rows("select user_id, remote_addr from transaction order by id");
        assertThat(rows).extracting(r -> r.get("user_id")).containsExactly("alice", null);
        assertThat(rows).extracting(r -> r.get("remote_addr")).containsExactly("203.0.113.7", null);
    }

    @DatabaseTest
    void aConfiguredProviderIsAskedAndTheChangeContextWinsOverIt(Db db) {
        try (EntityManagerFactory factory = db.build(Map.of(
                "continuum.context_provider", FixedUserProvider.class.getName(),
                "continuum.transaction_table", "provided_tx",
                "continuum.transaction_sequence", "provided_tx_seq"), List.of(Note.class))) {
            Db.inTransaction(factory, em -> {
                em.persist(new Note(10L, "by the service"));
                return null;
            });
            ChangeContext.call("bob", null, () -> Db.inTransaction(factory, em -> {
                em.persist(new Note(11L, "by bob"));
                return null;
            }));

            List<Map<String, Object>> rows = db.rows("select user_id, remote_addr from provided_tx order by id");
            assertThat(rows).extracting(r -> r.get("user_id")).containsExactly("service-account", "bob");
            assertThat(rows).extracting(r -> r.get("remote_addr")).containsExactly("192.0.2.1", "192.0.2.1");
        }
    }

    @DatabaseTest
    void transactionIdsIncreaseWithEachVersionedTransaction(Db db) {
        for (long i = 1; i <= 3; i++) {
            long id = i;
            db.run(em -> em.persist(new Note(id, "n" + id)));
        }

        List<Long> ids = db.rows("select transaction_id from note_version order by id").stream()
                .map(r -> ((Number) r.get("transaction_id")).longValue()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @DatabaseTest
    void aLongUserIdAndAForwardedForChainCommitShortenedToTheirColumns(Db db) {
        String user = "u".repeat(999) + "1";
        String otherUser = "u".repeat(999) + "2";
        String chain = "203.0.113.7, " + "198.51.100.1, ".repeat(40) + "192.0.2.44";
        ChangeContext.run(user, chain, () -> db.run(em -> em.persist(new Note(1L, "long user"))));
        ChangeContext.run(otherUser, null, () -> db.run(em -> em.persist(new Note(2L, "other long user"))));

        List<Map<String, Object>> rows = db.rows("select user_id, remote_addr from transaction order by id");
        assertThat(rows).hasSize(2);
        String stored = (String) rows.get(0).get("user_id");
        assertThat(stored).hasSize(255).startsWith("uuuu").isNotEqualTo(rows.get(1).get("user_id"));
        assertThat(rows.get(0).get("remote_addr")).isEqualTo("203.0.113.7");
        Optional<String> read = db.read(history -> history.versions(Note.class, 1L).get(0).transaction().userId());
        assertThat(read).contains(stored);
        assertThat(db.count("note_version")).isEqualTo(2);
    }
}
