package dev.continuum.hibernate.schema;

import dev.continuum.ContinuumException;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Persistence units for schema tests, each with Continuum tables of its own (named from a prefix),
 * so that creating and dropping them leaves the test class's unit alone; and the database-specific
 * DDL the tests use to take a schema apart.
 */
final class Units {

    private Units() {
    }

    /**
     * A unit of {@code classes} whose transaction table, sequence and undo table are
     * {@code prefix_tx}, {@code prefix_tx_seq} and {@code prefix_undo}.
     *
     * @param settings further properties, as name, value, name, value...
     */
    static EntityManagerFactory unit(Db db, String action, String prefix, List<Class<?>> classes, String... settings) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        return unit(db, action, prefix, classes, properties);
    }

    /** {@link #unit(Db, String, String, List, String...)} with further properties of any type. */
    static EntityManagerFactory unit(Db db, String action, String prefix, List<Class<?>> classes,
            Map<String, ?> settings) {
        Map<String, Object> properties = new HashMap<>(Map.of("hibernate.hbm2ddl.auto", action,
                "continuum.transaction_table", prefix + "_tx", "continuum.transaction_sequence", prefix + "_tx_seq",
                "continuum.undo_table", prefix + "_undo"));
        properties.putAll(settings);
        return db.build(properties, classes);
    }

    /** The JDBC URL of the test database with {@code schema} (on MariaDB, the database) as the default. */
    static String urlWithSchema(Db db, String schema) {
        String url = ((TestDatabase.Connectivity) db.database().resolve()).url();
        return switch (db.database()) {
            case H2 -> url + ";SCHEMA=" + schema;
            case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            case MARIADB -> {
                int query = url.indexOf('?') < 0 ? url.length() : url.indexOf('?');
                int slash = url.lastIndexOf('/', query);
                yield url.substring(0, slash + 1) + schema + url.substring(query);
            }
        };
    }

    /**
     * Writes Gauge 1 and changes its label through {@code factory}, and reads back the labels of
     * its history.
     */
    static List<String> gaugeHistory(EntityManagerFactory factory) {
        Db.inTransaction(factory, em -> {
            em.persist(new Gauge(1L, "first"));
            return null;
        });
        Db.inTransaction(factory, em -> {
            em.find(Gauge.class, 1L).label = "second";
            return null;
        });
        return Db.inTransaction(factory, em -> VersionHistory.of(em).versions(Gauge.class, 1L).stream()
                .map(version -> version.entity().label).toList());
    }

    /** The exception of {@code type} in the cause chain of {@code thrown}. */
    static <T extends ContinuumException> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " in the cause chain of " + thrown, thrown);
    }

    /** Every statement after "Fix: " in a schema check's message, in order. */
    static List<String> fixes(String message) {
        List<String> statements = new ArrayList<>();
        for (String line : message.split("\n")) {
            int fix = line.indexOf(" Fix: ");
            if (line.startsWith("  - ") && fix >= 0) {
                for (String statement : line.substring(fix + " Fix: ".length()).split("; ")) {
                    statements.add(statement.trim());
                }
            }
        }
        return statements;
    }

    /** Changes the type of a column. */
    static void alterType(Db db, String table, String column, String type) {
        db.execute(db.database() == TestDatabase.MARIADB
                ? "alter table " + table + " modify column " + column + " " + type
                : "alter table " + table + " alter column " + column + " set data type " + type);
    }

    static void dropIndex(Db db, String table, String index) {
        db.execute("drop index " + index + (db.database() == TestDatabase.MARIADB ? " on " + table : ""));
    }

    static void dropPrimaryKey(Db db, String table) {
        db.execute(db.database() == TestDatabase.POSTGRESQL
                ? "alter table " + table + " drop constraint " + table + "_pkey"
                : "alter table " + table + " drop primary key");
    }
}
