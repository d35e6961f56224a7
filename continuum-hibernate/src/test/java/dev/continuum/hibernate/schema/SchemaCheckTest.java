package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * When the application manages the schema (validate, none), the boot checks every object
 * Continuum's writes and reads need, and names each missing or unfit one with the DDL that fixes it.
 */
@Model(Note.class)
class SchemaCheckTest {

    private static final List<Class<?>> WIDGETS = List.of(Widget.class);

    private static EntityManagerFactory widgets(Db db, String action) {
        return unit(db, action, "wd", WIDGETS);
    }

    /** Runs {@code test} while a unit that created the widgets' schema is open; closing it drops the schema. */
    private static void createdSchema(Db db, Runnable test) {
        EntityManagerFactory created = widgets(db, "create-drop");
        try {
            test.run();
        } finally {
            created.close();
        }
    }

    private static String failure(Db db) {
        Throwable thrown = catchThrowable(() -> widgets(db, "none").close());
        return cause(thrown, SchemaMismatchException.class).getMessage();
    }

    @DatabaseTest
    void aMissingTransactionSequenceFailsTheBootWithTheDdlThatCreatesIt(Db db) {
        createdSchema(db, () -> {
            db.execute("drop sequence wd_tx_seq");

            assertThat(failure(db)).containsPattern("- The sequence 'wd_tx_seq' that transaction ids come from does not "
                    + "exist\\. Fix: create sequence (if not exists )?wd_tx_seq start with 1 increment by 1");
        });
    }

    @DatabaseTest
    void aMissingUndoTableFailsTheBootWithTheDdlThatCreatesIt(Db db) {
        createdSchema(db, () -> {
            db.execute("drop table wd_undo");

            assertThat(failure(db)).contains("- The undo table 'wd_undo' does not exist. Fix: create table wd_undo (");
        });
    }

    @DatabaseTest
    void aMissingColumnOfTheTransactionTableFailsTheBoot(Db db) {
        createdSchema(db, () -> {
            db.execute("alter table wd_tx drop column remote_addr");

            assertThat(failure(db)).contains("- The transaction table 'wd_tx' has no column 'remote_addr'. Fix: "
                    + "alter table if exists wd_tx add column remote_addr varchar(50)");
        });
    }

    @DatabaseTest
    void aMissingIndexFailsTheBootWithTheDdlThatCreatesIt(Db db) {
        createdSchema(db, () -> {
            Units.dropIndex(db, "widget_version", "ix_widget_version_end_transaction_id");

            assertThat(failure(db)).contains("- Version table 'widget_version' of entity Widget has no index on (id, "
                    + "end_transaction_id), which finding the open version of a row relies on. Fix: create index "
                    + "ix_widget_version_end_transaction_id on widget_version (id, end_transaction_id)");
        });
    }

    @DatabaseTest
    void aMissingPrimaryKeyFailsTheBoot(Db db) {
        createdSchema(db, () -> {
            Units.dropPrimaryKey(db, "widget_version");

            assertThat(failure(db)).contains("- Version table 'widget_version' of entity Widget has no primary key; "
                    + "Continuum relies on one row per (id, transaction_id). Fix: alter table if exists widget_version "
                    + "add constraint pk_widget_version primary key (id, transaction_id)");
        });
    }

    @DatabaseTest
    void aVersionColumnThatRejectsNullFailsTheBoot(Db db) {
        createdSchema(db, () -> {
            db.execute(db.database() == TestDatabase.MARIADB
                    ? "alter table widget_version modify column quantity integer not null"
                    : "alter table widget_version alter column quantity set not null");

            assertThat(failure(db)).contains("- Column 'quantity' of version table 'widget_version' is declared not "
                    + "null, but Widget.quantity can be null, and the version of a null value would be rejected. Fix: "
                    + "alter table if exists widget_version ");
        });
    }

    @DatabaseTest
    void aNotNullColumnThatContinuumDoesNotWriteFailsTheBoot(Db db) {
        createdSchema(db, () -> {
            db.execute("alter table widget_version add column retired_flag integer not null");

            // the database reports the name as it stores it (RETIRED_FLAG on H2)
            assertThat(failure(db)).containsPattern("- Version table 'widget_version' of entity Widget has the column "
                    + "'(?i:retired_flag)', which Continuum does not write \\(no longer versioned\\?\\), declared not null "
                    + "without a default: every version insert would fail\\. Let it accept null \\(or drop it\\)\\. Fix: "
                    + "alter table if exists widget_version (alter|modify) column (?i:retired_flag)");
        });
    }

    @DatabaseTest
    void everyMissingObjectIsReportedAtOnce(Db db) {
        createdSchema(db, () -> {
            db.execute("drop sequence wd_tx_seq");
            db.execute("drop table wd_undo");
            db.execute("drop table widget_tag_version");

            assertThat(failure(db)).contains("The sequence 'wd_tx_seq'", "The undo table 'wd_undo'",
                    "Collection Widget.tags is versioned but its version table 'widget_tag_version' does not exist.");
        });
    }

    @DatabaseTest
    void aSchemaMadeFromTheFixesTheCheckSuggestsPassesTheCheckAndRecordsHistory(Db db) {
        createdSchema(db, () -> {
            for (String table : List.of("widget_tag_version", "widget_version", "wd_tx_meta", "wd_tx", "wd_undo")) {
                db.execute("drop table " + table);
            }
            db.execute("drop sequence wd_tx_seq");

            Units.fixes(failure(db)).forEach(db::execute);

            try (EntityManagerFactory repaired = widgets(db, "none")) {
                Db.inTransaction(repaired, em -> {
                    Widget widget = new Widget(1L, "w-1");
                    widget.body = "a body longer than any varchar(255) would hold ".repeat(10);
                    widget.tags.add("blue");
                    em.persist(widget);
                    return null;
                });
                Db.inTransaction(repaired, em -> {
                    em.find(Widget.class, 1L).code = "w-2";
                    return null;
                });
                List<String> codes = Db.inTransaction(repaired, em -> VersionHistory.of(em).versions(Widget.class, 1L)
                        .stream().map(version -> version.entity().code).toList());
                assertThat(codes).containsExactly("w-1", "w-2");
                assertThat(db.count("widget_tag_version")).isEqualTo(1);
            }
        });
    }

    @DatabaseTest
    void aVersionColumnWiderThanItsLiveColumnIsAccepted(Db db) {
        createdSchema(db, () -> {
            Units.alterType(db, "widget_version", "code", "varchar(100)");
            Units.alterType(db, "widget_version", "quantity", "bigint");
            Units.alterType(db, "widget_version", "price", "numeric(14,4)");

            try (EntityManagerFactory checked = widgets(db, "none")) {
                Db.inTransaction(checked, em -> {
                    em.persist(new Widget(1L, "c".repeat(30)));
                    return null;
                });
            }
            assertThat(db.rows("select code from widget_version")).extracting(row -> row.get("code"))
                    .containsExactly("c".repeat(30));
        });
    }

    @DatabaseTest
    void aVersionColumnThatWouldTruncateItsLiveColumnIsRejected(Db db) {
        createdSchema(db, () -> {
            Units.alterType(db, "widget_version", "price", "numeric(10,1)");

            assertThat(failure(db)).containsPattern("Column 'price' of version table 'widget_version' is \\w+\\(10,1\\) "
                    + "but Widget.price is \\w+\\(10,2\\) in table 'widget'; history would be truncated or rejected\\.");
        });
    }

    @DatabaseTest(only = TestDatabase.POSTGRESQL)
    void aTypeTheDriverNamesDifferentlyIsTheSameType(Db db) {
        createdSchema(db, () -> {
            // the driver now reports widget.id as bigserial, and widget_version.id still as int8
            db.execute("create sequence widget_id_seq owned by widget.id");
            db.execute("alter table widget alter column id set default nextval('widget_id_seq')");
            assertThat(db.rows("select id from widget")).isEmpty();

            widgets(db, "none").close();
        });
    }

    @DatabaseTest(only = TestDatabase.MARIADB)
    void theFixForAMissingVersionTableCopiesAColumnDefinition(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "mt", List.of(Meter.class));
        try {
            db.execute("drop table meter_version");
            Throwable thrown = catchThrowable(() -> unit(db, "none", "mt", List.of(Meter.class)).close());
            String message = cause(thrown, SchemaMismatchException.class).getMessage();
            assertThat(message).contains("reading int unsigned");

            Units.fixes(message).forEach(db::execute);

            try (EntityManagerFactory repaired = unit(db, "none", "mt", List.of(Meter.class))) {
                Db.inTransaction(repaired, em -> {
                    Meter meter = new Meter();
                    meter.id = 1L;
                    meter.reading = 3_000_000_000L;
                    em.persist(meter);
                    return null;
                });
            }
            assertThat(db.rows("select reading from meter_version")).extracting(row -> ((Number) row.get("reading"))
                    .longValue()).containsExactly(3_000_000_000L);
        } finally {
            created.close();
        }
    }
}
