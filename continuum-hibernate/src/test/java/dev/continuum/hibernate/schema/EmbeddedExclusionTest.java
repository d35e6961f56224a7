package dev.continuum.hibernate.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;

import java.util.List;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code @NotVersioned} inside an embeddable would be ignored (the embedded value is versioned as
 * its columns), so it fails the boot, saying where an exclusion is honoured.
 */
@Model(Note.class)
class EmbeddedExclusionTest {

    private static String refused(Db db, Class<?> entity) {
        Throwable thrown = catchThrowable(() -> unit(db, "create-drop", "emb", List.of(entity)).close());
        return cause(thrown, ConfigurationException.class).getMessage();
    }

    @DatabaseTest
    void notVersionedOnAFieldOfAnEmbeddableFailsTheBootSayingWhatToDo(Db db) {
        assertThat(refused(db, Accounts.Account.class)).isEqualTo("Credentials.secret is @NotVersioned, but Credentials "
                + "is an embeddable, embedded in Accounts$Account.credentials: Continuum leaves out only whole "
                + "properties of the entity, so its value would still be recorded in history. To keep it out, put "
                + "@NotVersioned on Accounts$Account.credentials (or name it in @Versioned(exclude = \"credentials\")), "
                + "which leaves out the whole embedded value; or move the property out of the embeddable; or remove "
                + "@NotVersioned from Credentials.secret");
    }

    @DatabaseTest
    void notVersionedInTheEmbeddableOfAnElementCollectionFailsTheBoot(Db db) {
        assertThat(refused(db, Accounts.Keyring.class)).startsWith("Credentials.secret is @NotVersioned, but "
                + "Credentials is an embeddable, embedded in Accounts$Keyring.keys:");
    }

    @DatabaseTest
    void notVersionedOnTheEmbeddedPropertyKeepsTheWholeValueOutOfHistory(Db db) {
        try (EntityManagerFactory factory = unit(db, "create-drop", "emb", List.of(Accounts.SafeAccount.class))) {
            Db.inTransaction(factory, em -> {
                Accounts.SafeAccount account = new Accounts.SafeAccount();
                account.id = 1L;
                account.name = "alice";
                account.credentials = new Credentials();
                account.credentials.login = "alice";
                account.credentials.secret = "hunter2";
                em.persist(account);
                return null;
            });

            assertThat(db.rows("select * from safe_account_version")).singleElement()
                    .satisfies(row -> assertThat(row).doesNotContainKeys("login", "secret")
                            .containsEntry("name", "alice"));
        }
    }
}
