package dev.continuum.clusters.standby;

import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.clusters.testing.HotStandby;
import dev.continuum.clusters.testing.Jdbc;
import dev.continuum.clusters.testing.Units;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of history works in a read-only transaction on a PostgreSQL hot standby, and
 * returns what the same read returns on the primary. A standby rejects every write (an insert
 * into the undo table, a {@code nextval}), so a read that passes here writes nothing.
 */
class HotStandbyReadTest {

    private static StandbyHistory history;

    @BeforeAll
    static void history() {
        history = new StandbyHistory();
        boolean recovering = Jdbc.with(HotStandby.standby(), c -> (Boolean) Jdbc.value(c, "select pg_is_in_recovery()"));
        assertThat(recovering).as("the standby is in recovery, so it refuses writes").isTrue();
    }

    @AfterAll
    static void close() {
        history.close();
    }

    /** The result of a read on the standby, after checking that the primary reads the same. */
    private static <R> R read(Function<VersionHistory, R> reading) {
        return read((em, h) -> reading.apply(h));
    }

    /** Like {@link #read(Function)}, for reads that need the entity manager too. */
    private static <R> R read(BiFunction<EntityManager, VersionHistory, R> reading) {
        R onStandby = readOn(history.standby, reading);
        assertThat(onStandby).as("read on the standby, compared with the primary")
                .isEqualTo(readOn(history.primary, reading));
        return onStandby;
    }

    private static <R> R readOn(EntityManagerFactory unit, BiFunction<EntityManager, VersionHistory, R> reading) {
        return Units.readOnly(unit, em -> reading.apply(em, VersionHistory.of(em)));
    }

    private static String describe(Version<Article> version) {
        Article article = version.entity();
        return version.index() + " " + version.operation() + " @" + version.transactionId() + " " + article.getTitle()
                + " " + article.getStatus() + " end " + version.endTransactionId();
    }

    @Test
    void versionsOfAnEntityInOrderWithTheirTransactions() {
        List<String> versions = read(h -> h.versions(Article.class, 1L).stream().map(HotStandbyReadTest::describe).toList());

        assertThat(versions).containsExactly(
                "0 INSERT @" + history.tx[1] + " First draft DRAFT end OptionalLong[" + history.tx[2] + "]",
                "1 UPDATE @" + history.tx[2] + " Better title PUBLISHED end OptionalLong[" + history.tx[3] + "]",
                "2 UPDATE @" + history.tx[3] + " Better title PUBLISHED end OptionalLong[" + history.tx[5] + "]",
                "3 UPDATE @" + history.tx[5] + " Better title ARCHIVED end OptionalLong.empty");
        List<Optional<String>> users = read(h -> h.versions(Article.class, 1L).stream()
                .map(v -> v.transaction().userId()).toList());
        assertThat(users).containsExactly(Optional.of("user1"), Optional.of("user2"), Optional.of("user3"), Optional.of("user5"));
    }

    @Test
    void versionsOfAnInstanceLoadedOnTheStandbyAndAPageOfThem() {
        List<Long> ofInstance = read((em, h) -> h.versions(em.find(Article.class, 1L)).stream()
                .map(Version::transactionId).toList());
        List<String> page = read(h -> h.versions(Article.class, 1L, 1, 2).stream().map(HotStandbyReadTest::describe)
                .toList());

        assertThat(ofInstance).containsExactly(history.tx[1], history.tx[2], history.tx[3], history.tx[5]);
        assertThat(page).hasSize(2);
        assertThat(page.get(0)).startsWith("1 UPDATE @" + history.tx[2]);
        assertThat(page.get(1)).startsWith("2 UPDATE @" + history.tx[3]);
    }

    @Test
    void navigationBetweenVersions() {
        String walk = read(h -> {
            Version<Article> last = h.versions(Article.class, 1L).get(3);
            Version<Article> previous = last.previous().orElseThrow();
            return previous.index() + " " + previous.previous().orElseThrow().transactionId() + " "
                    + previous.next().orElseThrow().transactionId() + " " + last.next().isPresent();
        });

        assertThat(walk).isEqualTo("2 " + history.tx[2] + " " + history.tx[5] + " false");
    }

    @Test
    void anEntityAsOfATransactionAndAnInstant() {
        String byTransaction = read(h -> h.asOf(Article.class, 1L, history.tx[2]).map(HotStandbyReadTest::describe)
                .orElse("none"));
        String byInstant = read(h -> h.asOf(Article.class, 1L, history.after[2]).map(HotStandbyReadTest::describe)
                .orElse("none"));
        Optional<Long> beforeItExisted = read(h -> h.asOf(Article.class, 1L, history.tx[1] - 1)
                .map(Version::transactionId));

        assertThat(byTransaction).startsWith("1 UPDATE @" + history.tx[2] + " Better title PUBLISHED");
        assertThat(byInstant).isEqualTo(byTransaction);
        assertThat(beforeItExisted).isEmpty();
    }

    @Test
    void allEntitiesOfATypeAsOfATransactionAndAnInstant() {
        List<String> beforeTheDelete = read(h -> h.allAsOf(Article.class, history.tx[3], 0, 10).stream()
                .map(v -> v.id() + " " + v.entity().getTitle()).toList());
        List<String> afterTheDelete = read(h -> h.allAsOf(Article.class, history.after[4], 0, 10).stream()
                .map(v -> v.id() + " " + v.entity().getTitle()).toList());

        assertThat(beforeTheDelete).containsExactly("1 Better title", "2 Second");
        assertThat(afterTheDelete).containsExactly("1 Better title");
    }

    @Test
    void theTransactionAndWhatChangedInIt() {
        Optional<Optional<String>> user = read(h -> h.transaction(history.tx[3]).map(Transaction::userId));
        List<String> changed = read(h -> h.changedIn(history.tx[3]).stream()
                .map(v -> v.entityName().replace("dev.continuum.clusters.standby.", "") + "#" + v.id() + " "
                        + v.operation())
                .sorted().toList());

        assertThat(user).contains(Optional.of("user3"));
        assertThat(changed).containsExactly("Article#1 UPDATE", "Author#1 UPDATE", "Comment#2 INSERT");
    }

    @Test
    void changesetsOfVersions() {
        String changes = read(h -> h.versions(Article.class, 1L).get(1).changeset().asMap().toString());

        assertThat(changes).contains("title=PropertyChange[oldValue=Optional[First draft], newValue=Optional[Better title]]")
                .contains("status=PropertyChange[oldValue=Optional[DRAFT], newValue=Optional[PUBLISHED]]");
    }

    @Test
    void theHistoryOfOneProperty() {
        List<String> titles = read(h -> h.propertyHistory(Article.class, 1L, "title").stream()
                .map(HotStandbyReadTest::describe).toList());
        List<String> statuses = read((em, h) -> h.propertyHistory(Article.class, 1L,
                em.getMetamodel().entity(Article.class).getSingularAttribute("status", Status.class)).stream()
                .map(HotStandbyReadTest::describe).toList());

        assertThat(titles).containsExactly(
                history.tx[1] + " INSERT " + PropertyChange.of(null, "First draft"),
                history.tx[2] + " UPDATE " + PropertyChange.of("First draft", "Better title"));
        assertThat(statuses).containsExactly(
                history.tx[1] + " INSERT " + PropertyChange.of(null, Status.DRAFT),
                history.tx[2] + " UPDATE " + PropertyChange.of(Status.DRAFT, Status.PUBLISHED),
                history.tx[5] + " UPDATE " + PropertyChange.of(Status.PUBLISHED, Status.ARCHIVED));
    }

    private static String describe(PropertyRevision<?> revision) {
        return revision.transaction().id() + " " + revision.operation() + " " + revision.change();
    }

    @Test
    void relationsOfSnapshotsAsOfTheirTransaction() {
        List<String> relations = read(h -> h.versions(Article.class, 1L).stream().map(v -> {
            Article article = v.entity();
            return article.getAuthor().getName() + " " + article.getTags().stream().map(Tag::getName).sorted().toList()
                    + " " + article.getComments().stream().map(Comment::getText).sorted().toList();
        }).toList());

        assertThat(relations).containsExactly(
                "Ada [java] []",
                "Ada [java, sql] [Nice]",
                "Bob [sql] [Agreed, Nice]",
                "Bob [sql] [Agreed, Nice]");
    }

    @Test
    void typedVersionClassesAndJpqlOverThem() {
        List<String> typed = read(h -> h.typedVersions(ArticleVersion.class, 1L).stream()
                .map(v -> v.getTransactionId() + " " + v.getStatus() + " " + v.getAuthor().getName()).toList());
        List<Long> archived = Units.readOnly(history.standby, em -> em.createQuery(
                "select v.transactionId from ArticleVersion v where v.status = :status", Long.class)
                .setParameter("status", Status.ARCHIVED).getResultList());

        assertThat(typed).containsExactly(history.tx[1] + " DRAFT Ada", history.tx[2] + " PUBLISHED Ada",
                history.tx[3] + " PUBLISHED Bob", history.tx[5] + " ARCHIVED Bob");
        assertThat(archived).containsExactly(history.tx[5]);
    }

    @Test
    void theHistoryOfADeletedEntity() {
        List<String> versions = read(h -> h.versions(Article.class, 2L).stream()
                .map(v -> v.operation() + " @" + v.transactionId()).toList());
        Optional<Operation> asOfTheDelete = read(h -> h.asOf(Article.class, 2L, history.tx[4]).map(Version::operation));

        assertThat(versions).containsExactly("INSERT @" + history.tx[1], "DELETE @" + history.tx[4]);
        assertThat(asOfTheDelete).isEmpty();
    }

    @Test
    void countsAndTheVersionRecordedInATransaction() {
        long count = read(h -> h.count(Article.class, 1L));
        Optional<Long> recorded = read(h -> h.recordedIn(Article.class, 1L, history.tx[3]).map(Version::transactionId));
        Optional<Long> notRecorded = read(h -> h.recordedIn(Article.class, 1L, history.tx[4]).map(Version::transactionId));

        assertThat(count).isEqualTo(4);
        assertThat(recorded).contains(history.tx[3]);
        assertThat(notRecorded).isEmpty();
    }
}
