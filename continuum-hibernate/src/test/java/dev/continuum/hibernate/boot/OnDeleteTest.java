package dev.continuum.hibernate.boot;

import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.boot.OnDeleteModel.CascadedFile;
import dev.continuum.hibernate.boot.OnDeleteModel.Folder;
import dev.continuum.hibernate.boot.OnDeleteModel.PlainNote;
import dev.continuum.hibernate.boot.OnDeleteModel.Shelf;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Rows the database deletes by itself ({@code @OnDelete(CASCADE)}) and their history. */
@Model(Note.class)
class OnDeleteTest {

    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("expected a " + type.getSimpleName() + " in the cause chain of " + thrown, thrown);
    }

    @DatabaseTest
    void aVersionedEntityTheDatabaseDeletesByCascadeIsRefusedAtBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Shelf.class, CascadedFile.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .contains("CascadedFile.shelf is @OnDelete(action = CASCADE)")
                .contains("would keep an open version")
                .contains("cascade = CascadeType.REMOVE");
    }

    @DatabaseTest
    void aVersionedCollectionTheDatabaseEmptiesByCascadeIsRefusedAtBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Folder.class)).close());

        assertThat(cause(thrown, ConfigurationException.class).getMessage())
                .contains("Folder.labels is @OnDelete(action = CASCADE)")
                .contains("Remove @OnDelete")
                .contains("@NotVersioned");
    }

    @DatabaseTest
    void anUnversionedEntityTheDatabaseDeletesByCascadeIsAllowed(Db db) {
        try (EntityManagerFactory emf = db.build(Map.of(), List.of(Shelf.class, PlainNote.class))) {
            Db.inTransaction(emf, em -> {
                em.persist(new Shelf(1L));
                return null;
            });
            Db.inTransaction(emf, em -> {
                em.remove(em.find(Shelf.class, 1L));
                return null;
            });
            assertThat(db.rows("select operation_type from od_shelf_version order by transaction_id"))
                    .extracting(row -> operation(row)).containsExactly(0, 2);
        }
    }
}
