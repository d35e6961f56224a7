package dev.continuum.hibernate.tenant;

import dev.continuum.ChangeContext;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.Transaction;
import dev.continuum.UndoScope;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Discriminator multi-tenancy ({@code @TenantId}): two tenants write entities with the same
 * identifiers, and each tenant's reads of history see only its own versions and transactions, and
 * its undo and revert touch only its own rows.
 */
@SuppressWarnings("unchecked")
@Model(value = {Ledger.class, Memo.class, Bulletin.class, LedgerVersion.class, MemoVersion.class},
        properties = "hibernate.tenant_identifier_resolver=dev.continuum.hibernate.tenant.Tenants")
class TenantHistoryTest {

    /** Writes as {@code tenant}, attributed to {@code user} at {@code address}. */
    private static void write(Db db, String tenant, String user, String address, Consumer<EntityManager> work) {
        Tenants.run(tenant, () -> ChangeContext.run(user, address, () -> db.run(work)));
    }

    private static <R> R read(Db db, String tenant, Function<VersionHistory, R> work) {
        return Tenants.as(tenant, () -> db.read(work));
    }

    /** What {@code work} returns, read as {@code tenant}, for asserting on. */
    private static Object seen(Db db, String tenant, Function<VersionHistory, ?> work) {
        return read(db, tenant, work);
    }

    private static Ledger.Key key(String tenant) {
        return new Ledger.Key(1L, tenant);
    }

    /** Ledger 1 of each tenant with two versions, A's by alice, B's by bob; returns the transaction ids, A's first. */
    private static long[] ledgers(Db db) {
        write(db, "a", "alice", "10.0.0.1", em -> em.persist(new Ledger(1L, "A1")));
        write(db, "b", "bob", "10.0.0.2", em -> em.persist(new Ledger(1L, "B1")));
        write(db, "a", "alice", "10.0.0.1", em -> em.find(Ledger.class, key("a")).setTitle("A2"));
        write(db, "b", "bob", "10.0.0.2", em -> {
            Ledger ledger = em.find(Ledger.class, key("b"));
            ledger.setTitle("B2");
            ledger.getTags().add("urgent");
        });
        List<Map<String, Object>> rows = db.rows("select id, tenant_id from transaction order by id");
        assertThat(rows).extracting(row -> row.get("tenant_id")).containsExactly("a", "b", "a", "b");
        return rows.stream().mapToLong(row -> ((Number) row.get("id")).longValue()).toArray();
    }

    private static List<String> titles(List<Version<Ledger>> versions) {
        return versions.stream().map(version -> version.entity().getTitle()).toList();
    }

    @DatabaseTest
    void eachTenantReadsOnlyItsOwnVersionsOfTheSameIdentifier(Db db) {
        ledgers(db);

        assertThat((List<Object>) seen(db, "b", h -> titles(h.versions(Ledger.class, key("b"))))).containsExactly("B1", "B2");
        assertThat((List<Object>) seen(db, "a", h -> titles(h.versions(Ledger.class, key("a"))))).containsExactly("A1", "A2");
        // another tenant's key finds nothing, however it is asked
        assertThat((List<Object>) seen(db, "b", h -> h.versions(Ledger.class, key("a")))).isEmpty();
        assertThat((List<Object>) seen(db, "b", h -> h.versions(Ledger.class, key("a"), 0, 10))).isEmpty();
        assertThat((Long) seen(db, "b", h -> h.count(Ledger.class, key("a")))).isZero();
        assertThat((Long) seen(db, "b", h -> h.count(Ledger.class, key("b")))).isEqualTo(2);
        assertThat((List<Object>) seen(db, "b", h -> titles(h.versions(Ledger.class, key("b"), 1, 10))))
                .containsExactly("B2");
        assertThat((List<Object>) seen(db, "b", h -> h.versions(Ledger.class, key("b")).stream()
                .map(version -> version.transaction().userId().orElseThrow() + "@"
                        + version.transaction().remoteAddress().orElseThrow()).toList()))
                .containsExactly("bob@10.0.0.2", "bob@10.0.0.2");
        assertThat((java.util.Collection<Object>) seen(db, "b", h -> h.versions(Ledger.class, key("b")).get(1).entity().getTags()
                .stream().toList())).containsExactly("urgent");
        assertThat((java.util.Collection<Object>) seen(db, "a", h -> h.versions(Ledger.class, key("a")).get(1).entity().getTags()
                .stream().toList())).isEmpty();
    }

    @DatabaseTest
    void transactionsAndWhatTheyChangedBelongToTheirTenant(Db db) {
        long[] tx = ledgers(db);

        assertThat((Optional<Object>) seen(db, "b", h -> h.transaction(tx[0]))).isEmpty();
        assertThat((Optional<Object>) seen(db, "b", h -> h.transaction(tx[1]).flatMap(Transaction::userId))).contains("bob");
        assertThat((Optional<Object>) seen(db, "a", h -> h.transaction(tx[0]).flatMap(Transaction::remoteAddress))).contains("10.0.0.1");
        assertThat((List<Object>) seen(db, "b", h -> h.changedIn(tx[0]))).isEmpty();
        assertThat((List<Object>) seen(db, "b", h -> h.changedIn(tx[3]).stream().map(version -> ((Ledger) version.entity()).getTitle())
                .toList())).containsExactly("B2");
        assertThat((List<Object>) seen(db, "a", h -> h.changedIn(tx[3]))).isEmpty();
        assertThat((Optional<Object>) seen(db, "b", h -> h.recordedIn(Ledger.class, key("a"), tx[0]))).isEmpty();
    }

    @DatabaseTest
    void pointInTimeReadsSeeOnlyTheTenantsEntities(Db db) {
        long[] tx = ledgers(db);
        Instant afterAll = Instant.now().plusSeconds(1);

        assertThat((Optional<Object>) seen(db, "b", h -> h.asOf(Ledger.class, key("b"), tx[2]).map(v -> v.entity().getTitle())))
                .contains("B1");
        assertThat((Optional<Object>) seen(db, "b", h -> h.asOf(Ledger.class, key("a"), tx[3]))).isEmpty();
        assertThat((Optional<Object>) seen(db, "b", h -> h.asOf(Ledger.class, key("b"), afterAll).map(v -> v.entity().getTitle())))
                .contains("B2");
        assertThat((Optional<Object>) seen(db, "b", h -> h.asOf(Ledger.class, key("a"), afterAll))).isEmpty();
        assertThat((List<Object>) seen(db, "b", h -> titles(h.allAsOf(Ledger.class, tx[3], 0, 10)))).containsExactly("B2");
        assertThat((List<Object>) seen(db, "a", h -> titles(h.allAsOf(Ledger.class, afterAll, 0, 10)))).containsExactly("A2");
        assertThat((List<Object>) seen(db, "a", h -> titles(h.allAsOf(Ledger.class, tx[1], 0, 10)))).containsExactly("A1");
    }

    @DatabaseTest
    void navigationStaysWithinTheTenant(Db db) {
        long[] tx = ledgers(db);

        Optional<String> previous = read(db, "b", h -> h.asOf(Ledger.class, key("b"), tx[3])
                .flatMap(Version::previous).map(v -> v.entity().getTitle()));
        Optional<String> next = read(db, "b", h -> h.asOf(Ledger.class, key("b"), tx[1])
                .flatMap(Version::next).map(v -> v.entity().getTitle()));
        int index = read(db, "b", h -> h.asOf(Ledger.class, key("b"), tx[3]).orElseThrow().index());

        assertThat(previous).contains("B1");
        assertThat(next).contains("B2");
        assertThat(index).isEqualTo(1);
    }

    @DatabaseTest
    void relationsAndTypedVersionsAreTheTenants(Db db) {
        write(db, "a", "alice", null, em -> em.persist(new Memo(1L, "a's")));
        write(db, "b", "bob", null, em -> {
            Memo parent = new Memo(2L, "b's parent");
            em.persist(parent);
            Memo child = new Memo(3L, "b's child");
            child.setParent(parent);
            em.persist(child);
        });

        assertThat((List<Object>) seen(db, "b", h -> h.versions(Memo.class, 1L))).isEmpty();
        assertThat((List<Object>) seen(db, "b", h -> h.allAsOf(Memo.class, Instant.now().plusSeconds(1), 0, 10).stream()
                .map(v -> v.entity().getText()).toList())).containsExactly("b's parent", "b's child");
        assertThat((String) seen(db, "b", h -> h.versions(Memo.class, 3L).get(0).entity().getParent().getText()))
                .isEqualTo("b's parent");
        assertThat((List<Object>) seen(db, "b", h -> h.typedVersions(MemoVersion.class, 1L))).isEmpty();
        assertThat((List<Object>) seen(db, "a", h -> h.typedVersions(MemoVersion.class, 1L))).hasSize(1);
    }

    @DatabaseTest
    void typedVersionsOfTheSameIdentifierAreTheTenants(Db db) {
        ledgers(db);

        assertThat((List<Object>) seen(db, "b", h -> h.typedVersions(LedgerVersion.class, key("b")).stream()
                .map(LedgerVersion::getTitle).toList())).containsExactly("B1", "B2");
        assertThat((List<Object>) seen(db, "b", h -> h.typedVersions(LedgerVersion.class, key("a")))).isEmpty();
    }

    @DatabaseTest
    void undoAndRevertOfOneTenantLeaveTheOthersRowsAlone(Db db) {
        ledgers(db);

        Optional<Version<Ledger>> undone = Tenants.as("b",
                () -> db.inTransaction(em -> VersionHistory.of(em).undo(Ledger.class, key("b"))));
        assertThat(undone.map(v -> v.entity().getTitle())).contains("B1");
        // tenant B cannot undo, or revert to, tenant A's history
        assertThatThrownBy(() -> Tenants.run("b",
                () -> db.run(em -> VersionHistory.of(em).undo(Ledger.class, key("a")))))
                .isInstanceOf(HistoryLookupException.class).hasMessageContaining("has no recorded history");
        Tenants.run("b", () -> db.run(em -> VersionHistory.of(em).versions(Ledger.class, key("b")).get(0).revert()));

        assertThat(db.rows("select tenant, title from ledger order by tenant")).containsExactly(
                Map.of("tenant", "a", "title", "A2"), Map.of("tenant", "b", "title", "B1"));
        assertThat((List<Object>) seen(db, "a", h -> titles(h.versions(Ledger.class, key("a"))))).containsExactly("A1", "A2");
        assertThat(db.rows("select tenant_id from transaction where id = (select max(id) from transaction)"))
                .containsExactly(Map.of("tenant_id", "b"));
    }

    @DatabaseTest
    void anEntityWithoutATenantIsSharedButNotWhoChangedItInAnotherTenant(Db db) {
        write(db, "a", "alice", "10.0.0.1", em -> em.persist(new Bulletin(1L, "by a")));
        write(db, "b", "bob", "10.0.0.2", em -> em.find(Bulletin.class, 1L).setText("by b"));
        Function<VersionHistory, List<String>> authors = h -> h.versions(Bulletin.class, 1L).stream()
                .map(version -> version.entity().getText() + ":" + version.transaction().userId().orElse("?") + "@"
                        + version.transaction().remoteAddress().orElse("?"))
                .toList();

        assertThat(read(db, "a", authors)).containsExactly("by a:alice@10.0.0.1", "by b:?@?");
        assertThat(read(db, "b", authors)).containsExactly("by a:?@?", "by b:bob@10.0.0.2");
    }

    @DatabaseTest
    void aBaselineCoversEveryTenantAndEachSeesOnlyItsOwnRows(Db db) {
        db.execute("insert into memo (id, tenant, text) values (1, 'a', 'a before')");
        db.execute("insert into memo (id, tenant, text) values (2, 'b', 'b before')");

        // the operator's tool works across tenants, whichever tenant its sessions are opened as
        Tenants.run("a", () -> HistoryAdmin.of(db.emf()).baseline(Memo.class));

        long baseline = ((Number) db.rows("select max(id) as id from transaction").get(0).get("id")).longValue();
        assertThat(db.rows("select tenant_id from transaction where id = " + baseline))
                .containsExactly(java.util.Collections.singletonMap("tenant_id", null));
        assertThat((List<Object>) seen(db, "b", h -> h.versions(Memo.class, 2L).stream()
                .map(v -> v.entity().getText()).toList())).containsExactly("b before");
        assertThat((List<Object>) seen(db, "b", h -> h.versions(Memo.class, 1L))).isEmpty();
        assertThat((Optional<Object>) seen(db, "b", h -> h.transaction(baseline).map(Transaction::id))).contains(baseline);
        assertThat((List<Object>) seen(db, "b", h -> h.changedIn(baseline).stream()
                .map(v -> ((Memo) v.entity()).getText()).toList())).containsExactly("b before");
        assertThat((List<Object>) seen(db, "a", h -> h.changedIn(baseline).stream()
                .map(v -> ((Memo) v.entity()).getText()).toList())).containsExactly("a before");
    }

    @DatabaseTest
    void undoOfAScopeStaysWithinTheTenant(Db db) {
        for (String tenant : List.of("a", "b")) {
            long parent = tenant.equals("a") ? 10L : 20L;
            write(db, tenant, tenant, null, em -> {
                Memo memo = new Memo(parent, tenant + " parent");
                em.persist(memo);
                Memo child = new Memo(parent + 1, tenant + " child");
                child.setParent(memo);
                em.persist(child);
            });
            write(db, tenant, tenant, null, em -> em.find(Memo.class, parent + 1).setText(tenant + " edited"));
        }

        Optional<Transaction> undone = Tenants.as("b",
                () -> db.inTransaction(em -> VersionHistory.of(em).undo(UndoScope.of(Memo.class, 20L, "children"))));

        assertThat(undone).isPresent();
        assertThat(db.rows("select id, text from memo where id in (11, 21) order by id")).containsExactly(
                Map.of("id", 11L, "text", "a edited"), Map.of("id", 21L, "text", "b child"));
        assertThatThrownBy(() -> Tenants.run("b",
                () -> db.run(em -> VersionHistory.of(em).undo(UndoScope.of(Memo.class, 10L, "children")))))
                .isInstanceOf(HistoryLookupException.class).hasMessageContaining("has no recorded history");
        assertThat(db.rows("select text from memo where id = 11")).containsExactly(Map.of("text", "a edited"));
    }
}
