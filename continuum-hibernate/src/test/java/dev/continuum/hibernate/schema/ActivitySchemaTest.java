package dev.continuum.hibernate.schema;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.NewActivity;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The activity table is part of Continuum's schema when continuum.activities is on, and only then. */
@Model(Note.class)
class ActivitySchemaTest {

    private static final String ON = "continuum.activities";

    private static PersistenceConfiguration offline(boolean activities) {
        return new PersistenceConfiguration("offline")
                .provider(HibernatePersistenceProvider.class.getName())
                .managedClass(Gizmos.After.class)
                .property("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .property("hibernate.boot.allow_jdbc_metadata_access", "false")
                .property(ON, Boolean.toString(activities));
    }

    @Test
    void theCreateScriptHasTheActivityTableAndItsIndexesOnlyWhenActivitiesAreOn() {
        List<String> script = ContinuumSchema.createStatements(offline(true));

        assertThat(script).anySatisfy(statement -> assertThat(statement).startsWith(
                "create table transaction_activity (transaction_id bigint not null, activity_index integer not null, "));
        assertThat(script.stream().filter(statement -> statement.startsWith("create index ix_transaction_activity_")))
                .hasSize(3);
        assertThat(script).anySatisfy(statement -> assertThat(statement).contains("transaction_activity")
                .contains("foreign key (transaction_id) references transaction"));
        assertThat(ContinuumSchema.createStatements(offline(false)))
                .noneSatisfy(statement -> assertThat(statement).contains("transaction_activity"));
    }

    @DatabaseTest
    void theBootCheckReportsAMissingActivityTableWhichTheMigrationCreates(Db db) {
        try {
            unit(db, "create", "ga", List.of(Gizmos.After.class)).close();
            PersistenceConfiguration withActivities = db.configuration(Map.of("continuum.transaction_table", "ga_tx",
                    "continuum.transaction_sequence", "ga_tx_seq", "continuum.undo_table", "ga_undo", ON, "true"),
                    List.of(Gizmos.After.class));

            assertThatThrownBy(() -> unit(db, "validate", "ga", List.of(Gizmos.After.class), ON, "true").close())
                    .hasStackTraceContaining("ga_tx_activity");
            List<String> migration = ContinuumSchema.migrationStatements(withActivities);
            assertThat(migration).anySatisfy(statement -> assertThat(statement).startsWith(
                    "create table ga_tx_activity"));
            migration.forEach(db::execute);

            try (EntityManagerFactory factory = unit(db, "validate", "ga", List.of(Gizmos.After.class), ON, "true")) {
                Db.inTransaction(factory, em -> {
                    Gizmos.After gizmo = new Gizmos.After();
                    gizmo.id = 1L;
                    gizmo.name = "sprocket";
                    em.persist(gizmo);
                    ActivityStream.of(em).record(NewActivity.of("make", gizmo));
                    return null;
                });
                List<Activity> activities = Db.inTransaction(factory,
                        em -> ActivityStream.of(em).read(ActivityFilter.all(), 0, 5));
                assertThat(activities).singleElement().satisfies(activity -> assertThat(activity.object().version()).isPresent());
            }
            assertThat(ContinuumSchema.migrationStatements(withActivities)).isEmpty();
        } finally {
            unit(db, "drop", "ga", List.of(Gizmos.After.class), ON, "true").close();
        }
    }
}
