package dev.continuum.hibernate.flushwrites;

import dev.continuum.Changeset;
import dev.continuum.ContinuumSettings;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.hibernate.flushwrites.BatchModel.Bin;
import dev.continuum.hibernate.flushwrites.BatchModel.Gadget;
import dev.continuum.hibernate.flushwrites.BatchModel.Line;
import dev.continuum.hibernate.flushwrites.BatchModel.LineKey;
import dev.continuum.hibernate.flushwrites.BatchModel.Machine;
import dev.continuum.hibernate.flushwrites.BatchModel.Press;
import dev.continuum.hibernate.flushwrites.BatchModel.Slot;
import dev.continuum.hibernate.flushwrites.BatchModel.Spot;
import dev.continuum.hibernate.flushwrites.BatchModel.Widget;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.VersionRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static dev.continuum.hibernate.flushwrites.FlushWritesTest.flushAndClear;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code continuum.write_at=flush} against commit-time writes for what a batch job does: many
 * flushes with the session cleared between them, entities re-loaded and changed again, deleted and
 * persisted again under their identifiers, across both inheritance strategies, embedded values,
 * element and many-to-many sets, a one-to-many by join column and a composite key. The same program
 * run both ways leaves the same version rows and reads back the same history.
 */
@Model(value = {Note.class, Gadget.class, Widget.class, Machine.class, Press.class, Slot.class, Bin.class,
        Line.class}, properties = ContinuumSettings.TRANSACTION_CHANGES + "=true")
class FlushWritesBatchTest {

    private static final Map<String, String> FLUSH = Map.of(ContinuumSettings.WRITE_AT, "flush",
            "hibernate.hbm2ddl.auto", "none");

    @DatabaseTest
    void aBatchOverEveryMappingWritesTheSameHistoryAsAtCommit(Db db) {
        program(db.emf());
        Map<String, List<String>> atCommit = versionRows(db);
        List<String> readAtCommit = readBack(db);
        db.emf().getSchemaManager().truncate();

        try (EntityManagerFactory flush = db.build(FLUSH)) {
            program(flush);
        }

        assertThat(atCommit).containsKeys("fw_gadget_version", "fw_machine_version", "fw_press_version",
                "fw_bin_version", "fw_bin_note_version", "fw_slot_version", "fw_line_version");
        assertThat(atCommit.get("fw_bin_tag_version")).hasSizeGreaterThan(5);
        assertThat(versionRows(db)).isEqualTo(atCommit);
        assertThat(readBack(db)).isEqualTo(readAtCommit);
    }

    @DatabaseTest
    void reCreatingWhatALaterFlushDeletesAgainReopensTheDeletionOnEveryKindOfTable(Db db) {
        reCreation(db.emf());
        Map<String, List<String>> atCommit = versionRows(db);
        db.emf().getSchemaManager().truncate();

        try (EntityManagerFactory flush = db.build(FLUSH)) {
            reCreation(flush);
        }

        assertThat(atCommit.get("fw_press_version")).hasSize(2);
        // transaction_changes too: the types whose versions the later flush removed leave it at commit
        assertThat(versionRows(db)).isEqualTo(atCommit);
    }

    /** Deletes of a composite key, a JOINED subclass and a set element, re-created then deleted again a flush later. */
    private static void reCreation(EntityManagerFactory factory) {
        run(factory, em -> {
            em.persist(new Line(5, 1, 1));
            em.persist(new Press(5, "p5", 5));
            Bin bin = new Bin(5, "b5", new Spot("A", 5));
            bin.tags.add("t");
            em.persist(bin);
        });
        run(factory, em -> {
            em.remove(em.find(Line.class, new LineKey(5, 1)));
            em.remove(em.find(Machine.class, 5L));
            em.find(Bin.class, 5L).tags.remove("t");
        });
        run(factory, em -> {
            em.persist(new Line(5, 1, 2));
            em.persist(new Press(5, "p5 again", 6));
            em.find(Bin.class, 5L).tags.add("t");
            flushAndClear(em);
            em.remove(em.find(Line.class, new LineKey(5, 1)));
            em.remove(em.find(Machine.class, 5L));
            em.find(Bin.class, 5L).tags.remove("t");
            em.find(Bin.class, 5L).name = "b5'";
        });
    }

    /** Three transactions: the setup, a batch over four flushes with clears between them, a later change. */
    private static void program(EntityManagerFactory factory) {
        Db.inTransaction(factory, em -> {
            for (long id = 1; id <= 6; id++) {
                em.persist(new Note(id, "note " + id));
            }
            em.persist(new Widget(1, "w1", 10));
            em.persist(new Widget(2, "w2", 20));
            em.persist(new Widget(3, "w3", 30));
            em.persist(new Gadget(4, "g4"));
            em.persist(new Press(1, "p1", 100));
            em.persist(new Press(2, "p2", 200));
            em.persist(new Machine(3, "m3"));
            for (long id = 1; id <= 4; id++) {
                em.persist(new Slot(id, "s" + id));
            }
            flushAndClear(em);
            for (long id = 1; id <= 3; id++) {
                Bin bin = new Bin(id, "b" + id, new Spot("A", (int) id));
                bin.tags.addAll(List.of("a", "b"));
                bin.notes.add(em.getReference(Note.class, 1L));
                bin.notes.add(em.getReference(Note.class, 2L));
                em.persist(bin);
            }
            Bin first = em.find(Bin.class, 1L);
            first.slots.add(em.find(Slot.class, 1L));
            first.slots.add(em.find(Slot.class, 2L));
            em.persist(new Line(1, 1, 5));
            em.persist(new Line(1, 2, 6));
            return null;
        });
        Db.inTransaction(factory, em -> {
            // flush 1: a change of each kind
            ((Widget) em.find(Gadget.class, 1L)).size = 11;
            Press press = (Press) em.find(Machine.class, 1L);
            press.tons = 101;
            press.name = "p1'";
            em.find(Machine.class, 3L).name = "m3'";
            Bin bin = em.find(Bin.class, 1L);
            bin.tags.add("c");
            bin.tags.remove("a");
            bin.notes.add(em.getReference(Note.class, 3L));
            bin.notes.remove(em.getReference(Note.class, 1L));
            bin.slots.add(em.find(Slot.class, 3L));
            bin.spot = new Spot("B", 1);
            em.find(Line.class, new LineKey(1, 1)).quantity = 7;
            em.remove(em.find(Gadget.class, 3L));
            em.remove(em.find(Line.class, new LineKey(1, 2)));
            em.remove(em.find(Note.class, 6L));
            em.find(Note.class, 5L).setText("five'");
            flushAndClear(em);
            // flush 2: the same entities again, re-loaded
            ((Widget) em.find(Gadget.class, 1L)).size = 12;
            em.find(Machine.class, 1L).name = "p1''";
            ((Press) em.find(Machine.class, 2L)).tons = 201;
            bin = em.find(Bin.class, 1L);
            bin.tags.remove("c");
            bin.notes.remove(em.getReference(Note.class, 3L));
            bin.slots.remove(em.find(Slot.class, 3L));
            bin.slots.add(em.find(Slot.class, 4L));
            em.persist(new Widget(3, "w3 again", 33));
            em.persist(new Line(1, 2, 9));
            em.persist(new Widget(10, "w10", 100));
            em.persist(new Press(10, "p10", 1000));
            em.persist(new Line(2, 1, 1));
            Bin fresh = new Bin(4, "b4", new Spot("C", 4));
            fresh.tags.add("x");
            fresh.notes.add(em.getReference(Note.class, 4L));
            em.persist(fresh);
            em.remove(em.find(Note.class, 5L));
            flushAndClear(em);
            // flush 3: what flush 2 created changed or deleted again
            em.remove(em.find(Gadget.class, 10L));
            ((Press) em.find(Machine.class, 10L)).tons = 1001;
            em.remove(em.find(Line.class, new LineKey(2, 1)));
            ((Widget) em.find(Gadget.class, 3L)).size = 34;
            Bin four = em.find(Bin.class, 4L);
            four.tags.add("y");
            four.spot.level = 5;
            Bin two = em.find(Bin.class, 2L);
            two.spot = new Spot("D", 2);
            two.tags.add("z");
            em.persist(new Note(5L, "five again"));
            em.persist(new Note(6L, "six again"));
            flushAndClear(em);
            // flush 4: deletions of what earlier flushes changed
            em.remove(em.find(Machine.class, 2L));
            em.remove(em.find(Note.class, 6L));
            Bin three = em.find(Bin.class, 3L);
            three.tags.clear();
            three.notes.clear();
            em.remove(em.find(Bin.class, 4L));
            return null;
        });
        Db.inTransaction(factory, em -> {
            ((Widget) em.find(Gadget.class, 1L)).size = 13;
            em.find(Bin.class, 1L).tags.add("q");
            em.find(Line.class, new LineKey(1, 2)).quantity = 10;
            return null;
        });
    }

    /**
     * What {@link VersionHistory} reads of every entity the program touched: each version's
     * index, operation, changeset, neighbours and state, the transactions as ranks.
     */
    private static List<String> readBack(Db db) {
        List<Long> transactions = transactionIds(db);
        List<String> read = new ArrayList<>();
        db.read(history -> {
            List<Object[]> keys = new ArrayList<>();
            for (long id = 1; id <= 6; id++) {
                keys.add(new Object[] {Note.class, id});
            }
            for (long id : new long[] {1, 2, 3, 4, 10}) {
                keys.add(new Object[] {Gadget.class, id});
            }
            for (long id : new long[] {1, 2, 3, 10}) {
                keys.add(new Object[] {Machine.class, id});
            }
            for (long id = 1; id <= 4; id++) {
                keys.add(new Object[] {Bin.class, id});
                keys.add(new Object[] {Slot.class, id});
            }
            keys.add(new Object[] {Line.class, new LineKey(1, 1)});
            keys.add(new Object[] {Line.class, new LineKey(1, 2)});
            keys.add(new Object[] {Line.class, new LineKey(2, 1)});
            for (Object[] key : keys) {
                Class<?> type = (Class<?>) key[0];
                for (Version<?> version : history.versions(type, key[1])) {
                    read.add(type.getSimpleName() + " " + key[1] + " #" + version.index() + " "
                            + version.operation() + " in " + transactions.indexOf(version.transactionId())
                            + " to " + (version.endTransactionId().isPresent()
                                    ? transactions.indexOf(version.endTransactionId().getAsLong()) : -1)
                            + " " + changes(version.changeset()) + " previous " + version.previous().map(Version::index)
                            + " next " + version.next().map(Version::index) + " " + state(version.entity()));
                }
                for (long transaction : transactions) {
                    read.add(type.getSimpleName() + " " + key[1] + " as of " + transactions.indexOf(transaction)
                            + ": " + history.asOf(type, key[1], transaction).map(v -> state(v.entity())));
                }
            }
            return null;
        });
        return read;
    }

    private static String changes(Changeset<?> changeset) {
        StringBuilder text = new StringBuilder("{");
        changeset.asMap().forEach((property, change) -> text.append(property).append(' ')
                .append(change.oldValue().map(FlushWritesBatchTest::value)).append("->")
                .append(change.newValue().map(FlushWritesBatchTest::value)).append(' '));
        changeset.collections().forEach((property, change) -> text.append(property).append(" +")
                .append(change.added().stream().map(FlushWritesBatchTest::value).sorted().toList()).append(" -")
                .append(change.removed().stream().map(FlushWritesBatchTest::value).sorted().toList()).append(' '));
        return text.append('}').toString();
    }

    private static String value(Object value) {
        if (value instanceof Spot spot) {
            return spot.aisle + spot.level;
        }
        if (value instanceof Note || value instanceof Slot) {
            return state(value);
        }
        return String.valueOf(value);
    }

    private static String state(Object entity) {
        if (entity == null) {
            return "-";
        }
        if (entity instanceof Bin bin) {
            return "bin " + bin.name + " " + (bin.spot == null ? null : bin.spot.aisle + bin.spot.level) + " "
                    + new TreeSet<>(bin.tags) + " " + new TreeSet<>(bin.notes.stream().map(Note::getId).toList())
                    + " " + new TreeSet<>(bin.slots.stream().map(slot -> slot.id).toList());
        }
        if (entity instanceof Widget widget) {
            return "widget " + widget.name + " " + widget.size;
        }
        if (entity instanceof Gadget gadget) {
            return "gadget " + gadget.name;
        }
        if (entity instanceof Press press) {
            return "press " + press.name + " " + press.tons;
        }
        if (entity instanceof Machine machine) {
            return "machine " + machine.name;
        }
        if (entity instanceof Slot slot) {
            return "slot " + slot.code;
        }
        if (entity instanceof Line line) {
            return "line " + line.quantity;
        }
        return "note " + ((Note) entity).getText();
    }

    /**
     * Every row of every version table and of {@code transaction_changes}, each as text with the
     * columns in name order, transaction ids replaced by their rank, the rows sorted.
     */
    static Map<String, List<String>> versionRows(Db db) {
        List<Long> transactions = transactionIds(db);
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : tables(db)) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : db.rows("select * from " + table)) {
                StringBuilder text = new StringBuilder();
                new TreeMap<>(row).forEach((column, value) -> {
                    Object shown = value;
                    if (value != null && column.endsWith("transaction_id")) {
                        shown = "t" + transactions.indexOf(VersionRows.number(value));
                    } else if (value instanceof Number number) {
                        shown = number.longValue();
                    }
                    text.append(column).append('=').append(shown).append(' ');
                });
                rows.add(text.toString());
            }
            rows.sort(null);
            tables.put(table, rows);
        }
        tables.put("transactions", List.of(Integer.toString(transactions.size())));
        return tables;
    }

    static List<Long> transactionIds(Db db) {
        return db.rows("select id from transaction order by id").stream()
                .map(row -> VersionRows.number(row.get("id"))).toList();
    }

    private static List<String> tables(Db db) {
        List<String> names = new ArrayList<>();
        try (Connection connection = db.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (tables.next()) {
                    String name = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    // the tables of these tests' models only: others in the schema are not theirs
                    if (name.startsWith("fw_") && name.endsWith("_version") || name.equals("note_version")
                            || name.equals("transaction_changes")) {
                        names.add(name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(names).contains("note_version", "transaction_changes");
        return names;
    }

    static void run(EntityManagerFactory factory, Consumer<EntityManager> work) {
        Db.inTransaction(factory, em -> {
            work.accept(em);
            return null;
        });
    }
}
