package dev.continuum.hibernate.nativemode;

import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code continuum.native_versioning=true} versions natively every entity that does not say otherwise. */
@Model(value = Remark.class, properties = "continuum.native_versioning=true")
class NativeGlobalSettingTest {

    @DatabaseTest
    void theSettingVersionsEntitiesThatDoNotSayOtherwiseNatively(Db db) {
        db.run(em -> em.persist(new Remark(1L, "a")));
        db.run(em -> em.createQuery("update Remark r set r.text = 'b'").executeUpdate());

        assertThat(db.rows("select operation_type from remark_version order by transaction_id"))
                .extracting(row -> number(row.get("operation_type")).intValue()).containsExactly(0, 1);
        String triggers = switch (db.database()) {
            case MARIADB -> "select 1 from information_schema.triggers where trigger_schema = database() "
                    + "and trigger_name like 'remark\\_version\\_trg\\__'";
            case H2 -> "select distinct trigger_name from information_schema.triggers "
                    + "where trigger_name = 'REMARK_VERSION_TRG'";
            default -> "select 1 from pg_trigger where tgname = 'remark_version_trg'";
        };
        assertThat(db.rows(triggers)).hasSize(db.database() == TestDatabase.MARIADB ? 3 : 1);
    }
}
