package dev.continuum.hibernate.writes;

import dev.continuum.VersioningException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.model.Unversioned;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk mutation through Hibernate changes versioned rows without versions: by default it is
 * logged once per statement, {@code continuum.bulk_mutations=fail} refuses it before it runs,
 * {@code ignore} lets it run silently.
 */
@Model({Note.class, Unversioned.class})
class BulkMutationsTest {

    /** What the library logs (to standard error) while {@code work} runs. */
    private static String logOf(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void bulkUpdates(EntityManagerFactory factory, int times) {
        for (int i = 0; i < times; i++) {
            String text = "bulk " + i;
            Db.inTransaction(factory, em -> em.createQuery("update Note n set n.text = :text where n.id < 10")
                    .setParameter("text", text).executeUpdate());
        }
    }

    @DatabaseTest
    void aBulkUpdateOfAVersionedEntityIsLoggedOncePerStatement(Db db) {
        db.run(em -> em.persist(new Note(1L, "stored")));

        String log = logOf(() -> {
            bulkUpdates(db.emf(), 3);
            Db.inTransaction(db.emf(), em -> em.createQuery("delete from Note n where n.id = 99").executeUpdate());
            Db.inTransaction(db.emf(), em -> em.createQuery("update Unversioned u set u.name = 'x'").executeUpdate());
        });

        assertThat(log.split("A bulk statement changes the versioned table", -1)).hasSize(3);
        assertThat(log).contains("note (entity " + Note.class.getName() + ")").contains("continuum.bulk_mutations")
                .doesNotContain("unversioned (");
        assertThat(db.rows("select text from note")).extracting(row -> row.get("text")).containsExactly("bulk 2");
        assertThat(db.count("note_version")).isEqualTo(1);
    }

    @DatabaseTest
    void aNativeStatementThatNamesAVersionedEntityIsSignalledToo(Db db) {
        String log = logOf(() -> Db.inTransaction(db.emf(), em -> em.unwrap(Session.class)
                .createNativeQuery("update note set text = 'native' where id < 0", Object.class)
                .addSynchronizedEntityClass(Note.class).executeUpdate()));

        assertThat(log).contains("A bulk statement changes the versioned table note");
    }

    @DatabaseTest
    void theFailSettingRefusesABulkMutationBeforeItRuns(Db db) {
        db.run(em -> em.persist(new Note(2L, "stored")));
        try (EntityManagerFactory strict = db.build(Map.of("continuum.bulk_mutations", "fail",
                "hibernate.hbm2ddl.auto", "none"), List.of(Note.class, Unversioned.class))) {
            assertThatThrownBy(() -> bulkUpdates(strict, 1))
                    .isInstanceOf(VersioningException.class)
                    .hasMessageContaining("note (entity " + Note.class.getName() + ")")
                    .hasMessageContaining("continuum.bulk_mutations=fail");
            assertThatThrownBy(() -> strict.unwrap(org.hibernate.SessionFactory.class).inStatelessTransaction(
                    session -> session.createMutationQuery("delete from Note").executeUpdate()))
                    .isInstanceOf(VersioningException.class);
            Db.inTransaction(strict, em -> em.createQuery("update Unversioned u set u.name = 'x'").executeUpdate());
        }

        assertThat(db.rows("select text from note")).extracting(row -> row.get("text")).containsExactly("stored");
    }

    @DatabaseTest
    void theIgnoreSettingLetsItRunSilently(Db db) {
        try (EntityManagerFactory quiet = db.build(Map.of("continuum.bulk_mutations", "ignore",
                "hibernate.hbm2ddl.auto", "none"), List.of(Note.class, Unversioned.class))) {
            String log = logOf(() -> bulkUpdates(quiet, 1));
            assertThat(log).doesNotContain("A bulk statement");
        }
    }
}
