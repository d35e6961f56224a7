package dev.continuum.hibernate.nativemode;

import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The triggers key versions by composite and UUID keys as they key them by numbers. */
@Model({Placement.class, Token.class})
class NativeKeysTest {

    @DatabaseTest
    void aCompositeKeyIsVersionedByEntityWritesAndNativeSql(Db db) {
        Placement.Key key = new Placement.Key("A", 1);
        db.run(em -> {
            em.persist(new Placement(key, "lamp"));
            em.persist(new Placement(new Placement.Key("A", 2), "desk"));
        });
        db.run(em -> em.find(Placement.class, key).setItem("lamp, red"));
        db.run(em -> em.createNativeQuery("update placement set item = 'chair' where shelf = 'A' and position = 2")
                .executeUpdate());
        db.run(em -> em.createNativeQuery("update placement set position = 3 where shelf = 'A' and position = 2")
                .executeUpdate());
        db.run(em -> em.remove(em.find(Placement.class, key)));

        assertThat(history(db, key)).containsExactly("INSERT lamp", "UPDATE lamp, red", "DELETE lamp, red");
        assertThat(history(db, new Placement.Key("A", 2))).containsExactly("INSERT desk", "UPDATE chair", "DELETE chair");
        assertThat(history(db, new Placement.Key("A", 3))).containsExactly("UPDATE chair");
    }

    private static List<String> history(Db db, Placement.Key key) {
        return db.read(history -> history.versions(Placement.class, key).stream()
                .map(v -> v.operation() + " " + v.entity().getItem()).toList());
    }

    @DatabaseTest
    void aUuidKeyIsVersioned(Db db) {
        UUID id = db.inTransaction(em -> {
            Token token = new Token("first");
            em.persist(token);
            return token.getId();
        });
        db.run(em -> em.find(Token.class, id).setLabel("second"));
        db.run(em -> em.createQuery("update Token t set t.label = 'third'").executeUpdate());

        List<Version<Token>> versions = db.read(history -> history.versions(Token.class, id));
        assertThat(versions).extracting(Version::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.UPDATE);
        assertThat(versions).extracting(v -> v.entity().getLabel()).containsExactly("first", "second", "third");
        assertThat(versions.get(2).changeset().properties()).containsExactly("label");
    }
}
