package dev.continuum.hibernate.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;
import java.util.Locale;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Continuum's transaction table must not be a table of the application's: a mapped one, or one
 * already in the database, fails the boot naming the setting that renames Continuum's, before
 * Hibernate's schema management could alter or drop it.
 */
@Model(Note.class)
class TransactionTableClashTest {

    private static String clash(Db db, List<Class<?>> classes) {
        Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "clash", classes,
                "continuum.transaction_table", "transaction").close());
        return cause(thrown, ConfigurationException.class).getMessage();
    }

    @DatabaseTest
    void anEntityNamedTransactionFailsTheBootNamingTheSetting(Db db) {
        assertThat(clash(db, List.of(Widget.class, Transaction.class))).isEqualTo("Continuum's transaction table "
                + "'transaction' would be the table 'Transaction' that entity Transaction maps; give Continuum's "
                + "transaction table another name with the continuum.transaction_table setting (for example "
                + "continuum.transaction_table=continuum_transaction)");
    }

    @DatabaseTest
    void aTableNamedTransactionInAnotherCaseFailsTheBoot(Db db) {
        assertThat(clash(db, List.of(Widget.class, Payment.class))).contains("would be the table 'TRANSACTION' that "
                + "entity Payment maps", "continuum.transaction_table");
    }

    @DatabaseTest
    void aTableNamedTransactionInAnExplicitSchemaFailsTheBoot(Db db) {
        assertThat(clash(db, List.of(Widget.class, Ledger.class))).contains("would be the table 'billing.transaction' "
                + "that entity Ledger maps", "continuum.transaction_table");
    }

    @DatabaseTest
    void renamingContinuumsTableLetsTheApplicationKeepItsTransactionEntity(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "renamed",
                List.of(Widget.class, Transaction.class))) {
            Db.inTransaction(factory, em -> {
                Transaction transaction = new Transaction();
                transaction.id = 1L;
                em.persist(transaction);
                em.persist(new Widget(1L, "w"));
                return null;
            });
            int versions = Db.inTransaction(factory, em -> VersionHistory.of(em)
                    .versions(Widget.class, 1L).size());
            assertThat(versions).isEqualTo(1);
        }
    }

    @DatabaseTest
    void anApplicationsTableUnderTheNameIsNeverAlteredByUpdate(Db db) {
        db.execute("create table shop_tx (id bigint primary key, amount numeric(10,2))");
        db.execute("insert into shop_tx (id, amount) values (1, 9.99)");
        try {
            Throwable thrown = catchThrowable(() -> unit(db, "update", "shop", List.of(Widget.class)).close());

            assertThat(cause(thrown, ConfigurationException.class).getMessage().toLowerCase(Locale.ROOT))
                    .isEqualTo("the database has a table 'shop_tx' that is not continuum's transaction table (it has "
                            + "the column amount, which continuum's has not, and it has no issued_at column): it "
                            + "belongs to the application, and continuum will neither write into it nor let hibernate "
                            + "alter it. give continuum's transaction table another name with the "
                            + "continuum.transaction_table setting (for example "
                            + "continuum.transaction_table=continuum_transaction)");
            assertThat(db.rows("select * from shop_tx")).singleElement()
                    .satisfies(row -> assertThat(row).containsOnlyKeys("id", "amount"));
        } finally {
            db.execute("drop table shop_tx");
        }
    }

    @DatabaseTest
    void anApplicationsTableUnderTheNameIsNeverDroppedByCreate(Db db) {
        db.execute("create table shop_tx (id bigint primary key, amount numeric(10,2))");
        db.execute("insert into shop_tx (id, amount) values (1, 9.99)");
        try {
            Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "shop", List.of(Widget.class)).close());

            assertThat(cause(thrown, ConfigurationException.class)).hasMessageContaining("continuum.transaction_table");
            assertThat(db.count("shop_tx")).isEqualTo(1);
        } finally {
            db.execute("drop table shop_tx");
        }
    }

    @DatabaseTest
    void anApplicationsTableUnderTheNameFailsTheSchemaCheck(Db db) {
        db.execute("create table shop_tx (id bigint primary key, amount numeric(10,2))");
        try {
            Throwable thrown = catchThrowable(() -> unit(db, "none", "shop", List.of(Widget.class)).close());

            assertThat(cause(thrown, ConfigurationException.class)).hasMessageContaining("continuum.transaction_table");
        } finally {
            db.execute("drop table shop_tx");
        }
    }
}
