package dev.continuum.hibernate.nativemode;

import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A natively versioned entity may own a collection that Hibernate's events version: the triggers
 * version the owner's row, the listeners the collection's rows, under one transaction row.
 */
@Model({Board.class, Label.class})
class NativeOwnerOfCollectionTest {

    @DatabaseTest
    void theOwnersTriggerAndTheCollectionsListenerShareTheTransaction(Db db) {
        db.run(em -> em.persist(new Label(1L, "urgent")));
        db.run(em -> {
            Board board = new Board(1L, "ops");
            board.getLabels().add(em.getReference(Label.class, 1L));
            em.persist(board);
        });
        db.run(em -> em.createQuery("update Board b set b.name = 'operations'").executeUpdate());

        List<Map<String, Object>> boards = db.rows("select name, transaction_id, operation_type from board_version "
                + "order by transaction_id");
        assertThat(boards).extracting(row -> row.get("name")).containsExactly("ops", "operations");
        List<Map<String, Object>> links = db.rows("select transaction_id, operation_type from board_label_version");
        assertThat(links).hasSize(1);
        long link = number(links.get(0).get("transaction_id"));
        long board = number(boards.get(0).get("transaction_id"));
        if (db.database() != TestDatabase.POSTGRESQL) {
            // the trigger took its row at the board's insert, the listeners take theirs after the last flush
            assertThat(link).isGreaterThan(board);
            assertThat(db.count("transaction")).isEqualTo(4);
        } else {
            assertThat(link).isEqualTo(board);
            assertThat(db.count("transaction")).isEqualTo(3);
        }
    }

    @DatabaseTest
    void anOwnerVersionedOnCollectionChangesIsRefused(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of("continuum.transaction_table", "shelf_tx",
                "continuum.transaction_sequence", "shelf_tx_seq"), List.of(Shelf.class, Label.class)).close());

        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isNotNull();
        assertThat(cause.getMessage()).startsWith("Shelf is versioned natively, which does not support it: it owns the "
                + "versioned collection dev.continuum.hibernate.nativemode.Shelf.labels and gets a version when only "
                + "its collections change");
    }
}
