package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Continuum's DDL is valid for any legal table name, and when Hibernate's schema management
 * (create, update) fails to run it, which Hibernate only logs, the boot fails with the database's error.
 */
@Model(Note.class)
class SchemaDdlTest {

    @DatabaseTest
    void aQuotedTableNameWithASpaceGetsItsVersionTableWithItsIndexes(Db db) throws Exception {
        try (EntityManagerFactory factory = unit(db, "create-drop", "ol", List.of(OrderLine.class))) {
            Db.inTransaction(factory, em -> {
                OrderLine line = new OrderLine();
                line.id = 1L;
                line.label = "first";
                em.persist(line);
                return null;
            });

            int versions = Db.inTransaction(factory, em -> VersionHistory.of(em)
                    .versions(OrderLine.class, 1L).size());
            assertThat(versions).isEqualTo(1);
            List<String> indexes = new ArrayList<>();
            try (Connection connection = db.connect();
                    ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), null,
                            "order line_version", false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            // valid unquoted: the space replaced, and a hash of the name as written keeps it unique
            assertThat(indexes).contains("ix_order_line_version_transaction_id_7a3282c",
                    "ix_order_line_version_end_transaction_id_c9d85410");
        }
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void aContinuumIndexThatCannotBeCreatedFailsTheBootWithTheDatabasesError(Db db) {
        // index names are unique per schema in PostgreSQL: another table's index takes the name of Continuum's
        db.execute("create table blocker (x integer)");
        db.execute("create index ix_widget_version_transaction_id on blocker (x)");
        try {
            Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "ddl", List.of(Widget.class)).close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage())
                    .startsWith("Hibernate's schema management (create-drop) did not give the database what Continuum "
                            + "needs to record history:\n  - Version table 'widget_version' of entity Widget has no "
                            + "index on (transaction_id), which reading history by transaction relies on. Fix: create "
                            + "index ix_widget_version_transaction_id on widget_version (transaction_id)\n"
                            + "The database refused:\n  - create index ix_widget_version_transaction_id on "
                            + "widget_version (transaction_id)\n      failed: ")
                    .containsIgnoringCase("already exists");
        } finally {
            db.execute("drop table blocker");
        }
    }

    @DatabaseTest
    void aPrimaryKeyThatUpdateCannotAddFailsTheBootWithTheDatabasesError(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "ddl", List.of(Widget.class));
        try {
            Units.dropPrimaryKey(db, "widget_version");
            db.execute("insert into ddl_tx (id, issued_at) values (1, current_timestamp)");
            db.execute("insert into widget_version (id, transaction_id, operation_type) values (7, 1, 0)");
            db.execute("insert into widget_version (id, transaction_id, operation_type) values (7, 1, 1)");

            Throwable thrown = catchThrowable(() -> unit(db, "update", "ddl", List.of(Widget.class)).close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage())
                    .startsWith("Hibernate's schema management (update) did not give the database what Continuum "
                            + "needs to record history:\n  - Version table 'widget_version' of entity Widget has no "
                            + "primary key")
                    .contains("The database refused:\n  - alter table if exists widget_version add constraint "
                            + "pk_widget_version primary key (id, transaction_id)\n      failed: ");
        } finally {
            created.close();
        }
    }

    @DatabaseTest
    void updateAddsWhatIsMissingAndTheBootPasses(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "ddl", List.of(Widget.class));
        try {
            Units.dropIndex(db, "widget_version", "ix_widget_version_end_transaction_id");
            db.execute("alter table widget_version drop column quantity");

            unit(db, "update", "ddl", List.of(Widget.class)).close();

            unit(db, "none", "ddl", List.of(Widget.class)).close();
        } finally {
            created.close();
        }
    }
}
