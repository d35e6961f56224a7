package dev.continuum.hibernate.admin;

import dev.continuum.ContinuumSettings;
import dev.continuum.HistoryAdmin;
import dev.continuum.IntegrityReport;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.SchemaMismatchException;
import dev.continuum.Version;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.admin.PartitionModel.Account;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Version tables partitioned by range of transaction id (PostgreSQL only: the partitioning is
 * PostgreSQL's declarative partitioning; on H2 and MariaDB the setting is refused at boot).
 */
@Model(value = Account.class, properties = {ContinuumSettings.PARTITION_SPAN + "=10",
        ContinuumSettings.INTEGRITY + "=hash-chain"})
class PartitionedHistoryTest {

    private static List<String> partitions(Db db, String table) {
        return db.rows("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = ?::regclass order by c.relname", table).stream()
                .map(row -> (String) row.get("relname")).toList();
    }

    private static String partitionOf(Db db, String table, long transactionId) {
        return (String) db.rows("select tableoid::regclass::text as p from " + table + " where transaction_id = ?",
                transactionId).get(0).get("p");
    }

    /** Account {@code id} with one version per owner name, each in a transaction of its own. */
    private static void account(Db db, long id, String... owners) {
        db.run(em -> {
            Account account = new Account(id, owners[0]);
            account.tags.add("t" + owners[0]);
            em.persist(account);
        });
        for (int i = 1; i < owners.length; i++) {
            String owner = owners[i];
            db.run(em -> {
                Account account = em.find(Account.class, id);
                account.owner = owner;
                account.tags.clear();
                account.tags.add("t" + owner);
            });
        }
    }

    private static List<String> owners(Db db, long id) {
        return db.read(h -> h.versions(Account.class, id).stream().map(v -> v.entity().owner).toList());
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void versionTablesArePartitionedByTransactionIdWithADefaultPartition(Db db) {
        assertThat(db.rows("select p.partstrat, a.attname from pg_partitioned_table p join pg_attribute a on "
                + "a.attrelid = p.partrelid and a.attnum = p.partattrs[0] where p.partrelid = 'pt_account_version'"
                + "::regclass").get(0)).containsEntry("partstrat", "r").containsEntry("attname", "transaction_id");
        // range partitions of ten transaction ids each (earlier tests may have pruned the first ones)
        assertThat(partitions(db, "pt_account_version")).contains("pt_account_version_default")
                .anyMatch(name -> name.matches("pt_account_version_p\\d+"));
        assertThat(partitions(db, "pt_account_tag_version")).contains("pt_account_tag_version_default")
                .anyMatch(name -> name.matches("pt_account_tag_version_p\\d+"));
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void writesLandInTheirPartitionsAndReadsSeeThemAll(Db db) {
        account(db, 1L, "a", "b", "c");
        List<Long> transactions = db.read(h -> h.versions(Account.class, 1L).stream()
                .map(Version::transactionId).toList());
        for (long transaction : transactions) {
            String expected = transaction < 20 ? "pt_account_version_p" + (transaction / 10)
                    : "pt_account_version_default";
            assertThat(partitionOf(db, "pt_account_version", transaction)).isEqualTo(expected);
        }
        assertThat(owners(db, 1L)).containsExactly("a", "b", "c");
        assertThat(db.<Set<String>>read(h -> Set.copyOf(h.versions(Account.class, 1L).get(2).entity().tags))).containsExactly("tc");
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void partitionsAreMadeAheadAndTakeTheRowsTheDefaultPartitionHeld(Db db) {
        for (long id = 1; id <= 25; id++) {
            account(db, id, "x" + id);
        }
        long inDefault = db.count("pt_account_version_default");
        assertThat(inDefault).isPositive();

        int made = HistoryAdmin.of(db.emf()).ensurePartitions();

        assertThat(made).isPositive();
        assertThat(db.count("pt_account_version_default")).isZero();
        assertThat(db.count("pt_account_version")).isEqualTo(25);
        long newest = ((Number) db.rows("select max(transaction_id) as m from pt_account_version").get(0).get("m"))
                .longValue();
        assertThat(partitions(db, "pt_account_version")).contains("pt_account_version_p" + (newest / 10 + 1));
        assertThat(HistoryAdmin.of(db.emf()).verify().intact()).isTrue();
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void pruningDropsAWholePartitionKeepingWhatThePolicyKeeps(Db db) {
        // twelve transactions give account 1 versions a..l; account 2 its only version after them
        account(db, 1L, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        account(db, 2L, "z");
        HistoryAdmin admin = HistoryAdmin.of(db.emf());
        admin.ensurePartitions();
        long first = ((Number) db.rows("select min(transaction_id) as m from pt_account_version").get(0).get("m"))
                .longValue();
        // the partition of the first version: the two last versions lie beyond it
        String partition = "_p" + first / 10;
        assertThat(partitions(db, "pt_account_version")).contains("pt_account_version" + partition);

        PruneResult result = admin.prune(Account.class, RetentionPolicy.keepLast(2));

        assertThat(partitions(db, "pt_account_version")).doesNotContain("pt_account_version" + partition);
        assertThat(partitions(db, "pt_account_tag_version")).doesNotContain("pt_account_tag_version" + partition);
        // the first version (kept) now sits in the default partition; the last two and z stay
        assertThat(owners(db, 1L)).containsExactly("a", "k", "l");
        assertThat(owners(db, 2L)).containsExactly("z");
        assertThat(result.versions()).isEqualTo(9);
        assertThat(partitionOf(db, "pt_account_version", first)).isEqualTo("pt_account_version_default");
        assertThat(db.<Set<String>>read(h -> Set.copyOf(h.versions(Account.class, 1L).get(0).entity().tags))).containsExactly("ta");
        assertThat(db.<Set<String>>read(h -> Set.copyOf(h.versions(Account.class, 1L).get(1).entity().tags))).containsExactly("tk");
        // of the partition's transactions stay the first (version a and its tag) and the second, whose removal
        // of tag ta closes the tag row that a needs, as pruning row by row keeps them
        assertThat(db.rows("select id from transaction where id >= " + first / 10 * 10 + " and id < "
                + (first / 10 + 1) * 10)).extracting(row -> ((Number) row.get("id")).longValue())
                .containsExactly(first, first + 1);
        IntegrityReport report = admin.verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.removedVersions()).isPositive();
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void theSchemaCheckFindsAVersionTableThatIsNotPartitioned(Db db) {
        // the tables made plain
        db.build(Map.of(ContinuumSettings.PARTITION_SPAN, "0", "hibernate.hbm2ddl.auto", "create")).close();
        try {
            Throwable thrown = catchThrowable(() -> db.build(Map.of("hibernate.hbm2ddl.auto", "validate")).close());
            while (thrown != null && !(thrown instanceof SchemaMismatchException)) {
                thrown = thrown.getCause();
            }
            assertThat(thrown).isNotNull();
            assertThat(thrown.getMessage()).contains("'pt_account_version'").contains("is not partitioned by range "
                    + "of transaction_id, as " + ContinuumSettings.PARTITION_SPAN + " asks");
        } finally {
            db.build(Map.of("hibernate.hbm2ddl.auto", "create")).close();
        }
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void theScriptsCreatePartitionedTablesAndTheirPartitions(Db db) {
        List<String> statements = ContinuumSchema.createStatements(db.configuration(Map.of(), List.of(Account.class)));
        assertThat(statements).anyMatch(s -> s.startsWith("create table pt_account_version (")
                && s.endsWith("partition by range (transaction_id)"));
        assertThat(statements).contains("create table if not exists pt_account_version_default partition of "
                + "pt_account_version default", "create table if not exists pt_account_tag_version_p0 partition of "
                + "pt_account_tag_version for values from (0) to (10)");
    }
}
