package dev.continuum.hibernate.schema;

import dev.continuum.VersionHistory;
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

/**
 * {@link ContinuumSchema} gives the DDL of Continuum's objects for a migration tool: the whole of
 * it for a new database, and what the boot check would ask for when an entity changed.
 */
@Model(Note.class)
class MigrationScriptTest {

    private static final Map<String, String> NAMES = Map.of("continuum.transaction_table", "gz_tx",
            "continuum.transaction_sequence", "gz_tx_seq", "continuum.undo_table", "gz_undo");

    private static PersistenceConfiguration release(Db db, Class<?> gizmo) {
        return db.configuration(NAMES, List.of(gizmo));
    }

    /** Drops the gizmos' tables, live and Continuum's, whatever exists of them. */
    private static void dropAll(Db db) {
        unit(db, "drop", "gz", List.of(Gizmos.After.class)).close();
    }

    private static void recordsHistory(EntityManagerFactory factory) {
        Db.inTransaction(factory, em -> {
            Gizmos.After gizmo = new Gizmos.After();
            gizmo.id = 1L;
            gizmo.name = "sprocket";
            gizmo.weight = 12;
            em.persist(gizmo);
            return null;
        });
        List<Integer> weights = Db.inTransaction(factory, em -> VersionHistory.of(em).versions(Gizmos.After.class, 1L)
                .stream().map(version -> version.entity().weight).toList());
        assertThat(weights).containsExactly(12);
    }

    @DatabaseTest
    void theCreateScriptMakesAnEmptyDatabasePassTheCheckAndRecordHistory(Db db) {
        try {
            db.execute("create table gizmo (id bigint not null, name varchar(100), weight integer, primary key (id))");

            List<String> script = ContinuumSchema.createStatements(release(db, Gizmos.After.class));
            script.forEach(db::execute);

            try (EntityManagerFactory factory = unit(db, "validate", "gz", List.of(Gizmos.After.class))) {
                recordsHistory(factory);
            }
            assertThat(script).anySatisfy(statement -> assertThat(statement).startsWith("create sequence"))
                    .anySatisfy(statement -> assertThat(statement).startsWith("create table gizmo_version"))
                    .anySatisfy(statement -> assertThat(statement).startsWith("create index ix_gizmo_version_"))
                    .anySatisfy(statement -> assertThat(statement).contains("foreign key (transaction_id)"));
        } finally {
            dropAll(db);
        }
    }

    @DatabaseTest
    void theMigrationOfAnEntityThatGainedAPropertyAddsItsVersionColumn(Db db) {
        try {
            unit(db, "create", "gz", List.of(Gizmos.Before.class)).close();
            db.execute("alter table gizmo add column weight integer");

            List<String> migration = ContinuumSchema.migrationStatements(release(db, Gizmos.After.class));

            assertThat(migration).containsExactly("alter table if exists gizmo_version add column weight integer");
            migration.forEach(db::execute);
            try (EntityManagerFactory factory = unit(db, "none", "gz", List.of(Gizmos.After.class))) {
                recordsHistory(factory);
            }
        } finally {
            dropAll(db);
        }
    }

    @DatabaseTest
    void anUpToDateDatabaseNeedsNoMigration(Db db) {
        try {
            unit(db, "create", "gz", List.of(Gizmos.After.class)).close();

            assertThat(ContinuumSchema.migrationStatements(release(db, Gizmos.After.class))).isEmpty();
        } finally {
            dropAll(db);
        }
    }

    @Test
    void theCreateScriptNeedsOnlyTheDialect() {
        PersistenceConfiguration unit = new PersistenceConfiguration("offline")
                .provider(HibernatePersistenceProvider.class.getName())
                .managedClass(Gizmos.After.class)
                .property("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .property("hibernate.boot.allow_jdbc_metadata_access", "false");

        assertThat(ContinuumSchema.createStatements(unit)).startsWith(
                "create sequence transaction_id_seq start with 1 increment by 1",
                "create table transaction (id bigint not null, issued_at timestamp(6) with time zone not null, "
                        + "remote_addr varchar(50), user_id varchar(255), primary key (id))");
    }
}
