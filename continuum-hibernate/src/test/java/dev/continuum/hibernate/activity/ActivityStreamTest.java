package dev.continuum.hibernate.activity;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.ChangeContext;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.NewActivity;
import dev.continuum.Operation;
import dev.continuum.RetentionPolicy;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Author;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Unversioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The activity stream: activities recorded in a transaction point at the versions of their object
 * and target at that moment, and are read newest first, filtered and paged, with those versions.
 */
@Model(value = {Note.class, Author.class, Unversioned.class}, properties = {StatementCounter.PROPERTY,
        "continuum.activities=true"})
class ActivityStreamTest {

    private static void record(EntityManager em, NewActivity activity) {
        ActivityStream.of(em).record(activity);
    }

    private static List<Activity> read(Db db, ActivityFilter filter, int first, int max) {
        return db.read(history -> history.activities().read(filter, first, max));
    }

    private static long transactionOf(Db db, Function<VersionHistory, List<? extends Version<?>>> versions, int index) {
        return db.read(history -> versions.apply(history).get(index).transactionId());
    }

    /** Note 1 ("a", then "b") and an author; returns the author's id. */
    private static long noteAndAuthor(Db db) {
        db.run(em -> em.persist(new Note(1L, "a")));
        long author = db.inTransaction(em -> {
            Author created = new Author("ann");
            em.persist(created);
            return created.getId();
        });
        db.run(em -> em.find(Note.class, 1L).setText("b"));
        return author;
    }

    @DatabaseTest
    void anActivityPointsAtTheCurrentVersionsOfItsUnchangedObjectAndTarget(Db db) {
        long author = noteAndAuthor(db);
        long noteVersion = transactionOf(db, h -> h.versions(Note.class, 1L), 1);
        long authorVersion = transactionOf(db, h -> h.versions(Author.class, author), 0);

        ChangeContext.run("alice", null, () -> db.run(em -> record(em,
                NewActivity.of("publish", em.find(Note.class, 1L)).target(Author.class, author).data("via", "web & app"))));

        List<Activity> activities = read(db, ActivityFilter.all(), 0, 10);
        assertThat(activities).hasSize(1);
        Activity activity = activities.get(0);
        assertThat(activity.verb()).isEqualTo("publish");
        assertThat(activity.actor()).contains("alice");
        assertThat(activity.data()).isEqualTo(Map.of("via", "web & app"));
        assertThat(activity.object().entityName()).isEqualTo(Note.class.getName());
        assertThat(activity.object().id()).isEqualTo(1L);
        assertThat(activity.object().transactionId()).isEqualTo(noteVersion);
        assertThat(activity.object().version()).hasValueSatisfying(version ->
                assertThat(((Note) version.entity()).getText()).isEqualTo("b"));
        assertThat(activity.target()).hasValueSatisfying(target -> {
            assertThat(target.transactionId()).isEqualTo(authorVersion);
            assertThat(target.version().orElseThrow().entityName()).isEqualTo(Author.class.getName());
        });
        // a transaction that records an activity and changes nothing still has its transaction row
        assertThat(activity.transaction().id()).isGreaterThan(noteVersion);
        assertThat(activity.transaction().userId()).contains("alice");
        assertThat(activity.index()).isZero();
    }

    @DatabaseTest
    void anObjectChangedBeforeOrAfterRecordingInTheSameTransactionPointsAtTheVersionItWrites(Db db) {
        long author = noteAndAuthor(db);
        db.run(em -> {
            em.find(Note.class, 1L).setText("before");
            record(em, NewActivity.of("edit", Note.class, 1L));
        });
        db.run(em -> {
            record(em, NewActivity.of("edit", Note.class, 1L).target(Author.class, author));
            em.find(Note.class, 1L).setText("after");
            em.find(Author.class, author).setName("bea");
        });

        List<Activity> activities = read(db, ActivityFilter.all(), 0, 10);
        assertThat(activities).extracting(a -> ((Note) a.object().version().orElseThrow().entity()).getText())
                .containsExactly("after", "before");
        assertThat(activities).allSatisfy(a -> assertThat(a.object().transactionId()).isEqualTo(a.transaction().id()));
        Activity last = activities.get(0);
        assertThat(last.target().orElseThrow().transactionId()).isEqualTo(last.transaction().id());
        assertThat(last.target().orElseThrow().version().orElseThrow().operation()).isEqualTo(Operation.UPDATE);
    }

    @DatabaseTest
    void aDeletedObjectPointsAtItsDeleteVersion(Db db) {
        noteAndAuthor(db);
        db.run(em -> em.persist(new Note(2L, "doomed")));
        db.run(em -> em.remove(em.find(Note.class, 2L)));
        db.run(em -> record(em, NewActivity.of("mourn", Note.class, 2L)));
        db.run(em -> {
            record(em, NewActivity.of("remove", em.find(Note.class, 1L)));
            em.remove(em.find(Note.class, 1L));
        });

        List<Activity> activities = read(db, ActivityFilter.all(), 0, 10);
        assertThat(activities).extracting(Activity::verb).containsExactly("remove", "mourn");
        assertThat(activities).allSatisfy(activity ->
                assertThat(activity.object().version().orElseThrow().operation()).isEqualTo(Operation.DELETE));
        assertThat(activities.get(0).object().transactionId()).isEqualTo(activities.get(0).transaction().id());
    }

    @DatabaseTest
    void activitiesAreReadNewestFirstInPages(Db db) {
        noteAndAuthor(db);
        for (int i = 0; i < 3; i++) {
            int n = i;
            db.run(em -> {
                record(em, NewActivity.of("v" + (2 * n), Note.class, 1L));
                record(em, NewActivity.of("v" + (2 * n + 1), Note.class, 1L));
            });
        }

        assertThat(read(db, ActivityFilter.all(), 0, 2)).extracting(Activity::verb).containsExactly("v5", "v4");
        assertThat(read(db, ActivityFilter.all(), 2, 2)).extracting(Activity::verb).containsExactly("v3", "v2");
        assertThat(read(db, ActivityFilter.all(), 4, 10)).extracting(Activity::verb).containsExactly("v1", "v0");
        assertThat(read(db, ActivityFilter.all(), 6, 10)).isEmpty();
        assertThat(read(db, ActivityFilter.all(), 0, 1).get(0).index()).isEqualTo(1);
    }

    @DatabaseTest
    void activitiesAreFilteredByActorVerbAndObjectAndTheirCombinations(Db db) {
        long author = noteAndAuthor(db);
        db.run(em -> em.persist(new Note(2L, "two")));
        ChangeContext.run("alice", null, () -> db.run(em -> {
            record(em, NewActivity.of("publish", Note.class, 1L));
            record(em, NewActivity.of("like", Note.class, 2L));
        }));
        db.run(em -> {
            record(em, NewActivity.of("publish", Note.class, 2L).actor("bob"));
            record(em, NewActivity.of("like", Note.class, 1L).actor("bob"));
            record(em, NewActivity.of("like", Author.class, author).actor("bob"));
        });

        assertThat(read(db, ActivityFilter.actor("alice"), 0, 10)).extracting(Activity::verb)
                .containsExactly("like", "publish");
        assertThat(read(db, ActivityFilter.verb("like"), 0, 10)).extracting(a -> a.actor().orElseThrow())
                .containsExactly("bob", "bob", "alice");
        assertThat(read(db, ActivityFilter.object(Note.class, 1L), 0, 10)).extracting(Activity::verb)
                .containsExactly("like", "publish");
        assertThat(read(db, ActivityFilter.object(Author.class, author), 0, 10)).extracting(Activity::verb)
                .containsExactly("like");
        assertThat(read(db, ActivityFilter.actor("bob").andVerb("like"), 0, 10)).hasSize(2);
        assertThat(read(db, ActivityFilter.actor("bob").andVerb("like").andObject(Note.class, 1L), 0, 10))
                .singleElement().satisfies(a -> assertThat(a.object().id()).isEqualTo(1L));
        assertThat(read(db, ActivityFilter.actor("carol"), 0, 10)).isEmpty();
    }

    @DatabaseTest
    void aPageReadsItsVersionsWithOneStatementPerEntityTypeAndARecordCostsOnePerTypeAndOneInsert(Db db) {
        long author = noteAndAuthor(db);
        db.run(em -> em.persist(new Note(2L, "two")));

        StatementCounter.reset();
        db.run(em -> em.find(Note.class, 2L).setText("plain"));
        int plain = StatementCounter.statements().size();
        StatementCounter.reset();
        db.run(em -> {
            em.find(Note.class, 2L).setText("with activities");
            for (int i = 0; i < 5; i++) {
                record(em, NewActivity.of("touch", Note.class, i % 2 + 1L).target(Author.class, author));
            }
        });
        // one select of the versions per entity type, one batched insert
        assertThat(StatementCounter.statements()).hasSize(plain + 3);

        db.read(history -> {
            StatementCounter.reset();
            List<Activity> activities = history.activities().read(ActivityFilter.all(), 0, 10);
            assertThat(activities).hasSize(5);
            assertThat(activities).allSatisfy(a -> {
                assertThat(a.object().version()).isPresent();
                assertThat(a.target().orElseThrow().version()).isPresent();
            });
            // the page, then the notes' versions, then the author's
            assertThat(StatementCounter.statements()).hasSize(3);
            return null;
        });
    }

    @DatabaseTest
    void aRolledBackTransactionLeavesNoActivity(Db db) {
        noteAndAuthor(db);
        assertThatThrownBy(() -> db.run(em -> {
            record(em, NewActivity.of("publish", Note.class, 1L));
            em.find(Note.class, 1L).setText("lost");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(read(db, ActivityFilter.all(), 0, 10)).isEmpty();
        assertThat(db.count("transaction_activity")).isZero();
    }

    @DatabaseTest
    void anObjectWithoutVersionFailsTheCommitAndAnUnversionedOneTheCall(Db db) {
        noteAndAuthor(db);
        db.execute("insert into note (id, text) values (9, 'written around Continuum')");

        assertThatThrownBy(() -> db.run(em -> record(em, NewActivity.of("publish", Note.class, 9L))))
                .hasStackTraceContaining("Note #9 has no version");
        assertThat(db.count("transaction_activity")).isZero();
        assertThatThrownBy(() -> db.run(em -> record(em, NewActivity.of("publish", Unversioned.class, 1L))))
                .isInstanceOf(HistoryLookupException.class).hasMessageContaining("is not @Versioned");
    }

    @DatabaseTest
    void erasingAUserClearsTheActorAndErasingAnEntityItsActivities(Db db) {
        long author = noteAndAuthor(db);
        ChangeContext.run("alice", null, () -> db.run(em -> {
            record(em, NewActivity.of("publish", Note.class, 1L).target(Author.class, author));
            record(em, NewActivity.of("follow", Author.class, author));
        }));

        HistoryAdmin.of(db.emf()).eraseUser("alice");
        assertThat(read(db, ActivityFilter.all(), 0, 10)).allSatisfy(a -> assertThat(a.actor()).isEmpty());
        assertThat(read(db, ActivityFilter.actor("alice"), 0, 10)).isEmpty();

        HistoryAdmin.of(db.emf()).erase(Author.class, author);
        List<Activity> left = read(db, ActivityFilter.all(), 0, 10);
        assertThat(left).extracting(Activity::verb).containsExactly("publish");
        assertThat(left.get(0).target()).isEmpty();
    }

    @DatabaseTest
    void pruningTheVersionAnActivityPointsAtKeepsTheActivityWithoutIt(Db db) {
        noteAndAuthor(db);
        db.run(em -> record(em, NewActivity.of("publish", Note.class, 1L)));
        db.run(em -> em.find(Note.class, 1L).setText("c"));
        db.run(em -> em.find(Note.class, 1L).setText("d"));

        HistoryAdmin.of(db.emf()).prune(Note.class, RetentionPolicy.keepLast(1).pruningFirst());

        Activity activity = read(db, ActivityFilter.all(), 0, 10).get(0);
        assertThat(activity.verb()).isEqualTo("publish");
        assertThat(activity.object().version()).isEmpty();
        assertThat(activity.object().id()).isEqualTo(1L);
    }
}
