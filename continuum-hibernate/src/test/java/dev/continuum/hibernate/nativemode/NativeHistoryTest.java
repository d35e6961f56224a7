package dev.continuum.hibernate.nativemode;

import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The history API reads what the triggers wrote as it reads what the listeners write. */
@Model(Ticket.class)
class NativeHistoryTest {

    @DatabaseTest
    void versionsNavigationChangesetsAndPointInTimeReadTheTriggersHistory(Db db) {
        db.run(em -> em.persist(new Ticket(1L, "printer", 1)));
        db.run(em -> em.createQuery("update Ticket t set t.title = 'printer jams'").executeUpdate());
        db.run(em -> em.createNativeQuery("update ticket set priority = 5").executeUpdate());
        db.run(em -> em.createQuery("delete from Ticket").executeUpdate());

        List<String> read = db.read(history -> {
            List<Version<Ticket>> versions = history.versions(Ticket.class, 1L);
            assertThat(versions).extracting(Version::operation)
                    .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE, Operation.DELETE);
            Version<Ticket> renamed = versions.get(1);
            assertThat(renamed.previous().map(v -> v.entity().getTitle())).contains("printer");
            assertThat(renamed.next().map(Version::index)).contains(2);
            assertThat(renamed.changeset().properties()).containsExactly("title");
            assertThat(renamed.changeset().get("title").flatMap(change -> change.newValue()).map(Object::toString))
                    .contains("printer jams");
            assertThat(versions.get(2).changeset().properties()).containsExactly("priority");
            assertThat(versions.get(1).endTransactionId()).hasValue(versions.get(2).transactionId());
            Optional<Version<Ticket>> asOf = history.asOf(Ticket.class, 1L, versions.get(1).transactionId());
            assertThat(asOf.map(v -> v.entity().getPriority())).contains(1);
            assertThat(asOf.map(v -> v.entity().getTitle())).contains("printer jams");
            return versions.stream().map(v -> v.entity().getTitle() + "/" + v.entity().getPriority()).toList();
        });
        assertThat(read).containsExactly("printer/1", "printer jams/1", "printer jams/5", "printer jams/5");
    }
}
