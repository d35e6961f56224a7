package dev.continuum.hibernate.nativemode;

import dev.continuum.Version;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @Lob} properties: the triggers record what the listeners record of them. */
@Model({Attachment.class, EventAttachment.class})
class NativeLargeObjectTest {

    // PostgreSQL keeps @Lob values as large objects that Hibernate writes anew at every update of the
    // row, so its triggers record a version whenever the reference changes (see native-versioning.md)
    @DatabaseTest(only = {TestDatabase.H2, TestDatabase.MARIADB})
    void largeObjectsChangedUnchangedAndChangedBackAreRecordedAsTheListenersRecordThem(Db db) {
        List<BiConsumer<EntityManager, Class<? extends AttachmentState>>> steps = List.of(
                (em, type) -> em.persist(type == Attachment.class ? new Attachment(1L, "a") : new EventAttachment(1L, "a")),
                (em, type) -> em.find(type, 1L).setDocument("second"),
                (em, type) -> em.find(type, 1L).setNote("only the excluded property"),
                (em, type) -> em.find(type, 1L).setTitle("b"),
                (em, type) -> {
                    em.find(type, 1L).setDocument("changed");
                    em.flush();
                    em.find(type, 1L).setDocument("second");
                },
                (em, type) -> em.remove(em.find(type, 1L)));
        for (var step : steps) {
            db.run(em -> step.accept(em, Attachment.class));
            db.run(em -> step.accept(em, EventAttachment.class));
        }

        List<String> event = history(db, EventAttachment.class);
        assertThat(event).hasSize(4);
        assertThat(history(db, Attachment.class)).isEqualTo(event);
    }

    private static List<String> history(Db db, Class<? extends AttachmentState> type) {
        return db.read(history -> history.versions(type, 1L).stream()
                .map(version -> version.operation() + " " + version.entity().state() + " "
                        + version.changeset().properties() + " " + version.previous().map(Version::index).orElse(-1))
                .toList());
    }
}
