package dev.continuum.hibernate.schema;

import dev.continuum.ConfigurationException;
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

/** Settings whose values end up in SQL are checked at boot, naming the setting, instead of failing every write. */
@Model(Note.class)
class SettingsInSqlTest {

    private static String refused(Db db, String... settings) {
        Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "set", List.of(Gauge.class), settings).close());
        return cause(thrown, ConfigurationException.class).getMessage();
    }

    private static void recordsHistory(EntityManagerFactory factory) {
        assertThat(Units.gaugeHistory(factory)).containsExactly("first", "second");
    }

    @DatabaseTest
    void aReservedWordAsAColumnNameIsRefusedNamingTheSetting(Db db) {
        String database = switch (db.database()) {
            case H2 -> "H2";
            case POSTGRESQL -> "PostgreSQL";
            case MARIADB -> "MariaDB";
        };
        assertThat(refused(db, "continuum.end_transaction_id_column", "end")).isEqualTo("continuum.end_transaction_id_"
                + "column is 'end', a reserved word of " + database + ", which SQL cannot use as a name unquoted; write "
                + "it quoted as `end` (the name is then case-sensitive, and hand-written SQL must quote it too), or "
                + "choose another name");
    }

    @DatabaseTest
    void aQuotedReservedWordIsAColumnNameThatWorks(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "set", List.of(Gauge.class),
                "continuum.end_transaction_id_column", "`end`")) {
            recordsHistory(factory);
            String quote = db.database() == TestDatabase.MARIADB ? "`" : "\"";
            assertThat(db.rows("select " + quote + "end" + quote + " as closed from gauge_version"
                    + " order by transaction_id")).extracting(row -> row.get("closed") != null)
                    .containsExactly(true, false);
        }
    }

    @DatabaseTest
    void aReservedWordIsQuotedWhenHibernateQuotesKeywords(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "set", List.of(Gauge.class),
                "continuum.end_transaction_id_column", "end", "hibernate.auto_quote_keyword", "true")) {
            recordsHistory(factory);
        }
    }

    @DatabaseTest
    void aQuoteInsideASequenceNameIsRefused(Db db) {
        assertThat(refused(db, "continuum.transaction_sequence", "tx\"seq")).isEqualTo("continuum.transaction_sequence "
                + "is 'tx\"seq', which is not a valid identifier (the character '\"' cannot be part of an unquoted "
                + "name); use letters, digits and '_' only, starting with a letter");
    }

    @DatabaseTest
    void aSpaceInTheTableSuffixIsRefused(Db db) {
        assertThat(refused(db, "continuum.table_suffix", "_old versions")).isEqualTo("continuum.table_suffix is "
                + "'_old versions', which has the character ' ' that an unquoted table name cannot have; use "
                + "letters, digits and '_' only, such as '_version'");
    }

    @DatabaseTest
    void twoBookkeepingColumnsOfOneNameAreRefused(Db db) {
        assertThat(refused(db, "continuum.operation_type_column", "transaction_id")).isEqualTo("continuum.transaction_"
                + "id_column and continuum.operation_type_column both name the column 'transaction_id'; a version "
                + "table needs three distinct bookkeeping columns, so give them different names");
    }
}
