package dev.continuum.hibernate.activity;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.NewActivity;
import dev.continuum.hibernate.tenant.Memo;
import dev.continuum.hibernate.tenant.Tenants;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Under discriminator multi-tenancy each tenant reads only the activities of its own transactions. */
@Model(value = Memo.class, properties = {"hibernate.tenant_identifier_resolver=dev.continuum.hibernate.tenant.Tenants",
        "continuum.activities=true"})
class ActivityTenantTest {

    @DatabaseTest
    void eachTenantReadsOnlyItsOwnActivities(Db db) {
        Tenants.run("a", () -> db.run(em -> {
            em.persist(new Memo(1L, "of a"));
            ActivityStream.of(em).record(NewActivity.of("write", Memo.class, 1L).actor("alice"));
        }));
        Tenants.run("b", () -> db.run(em -> {
            em.persist(new Memo(2L, "of b"));
            ActivityStream.of(em).record(NewActivity.of("write", Memo.class, 2L).actor("bob"));
        }));

        List<Activity> ofA = Tenants.as("a", () -> db.read(history -> history.activities().read(ActivityFilter.all(), 0, 10)));
        List<Activity> ofB = Tenants.as("b", () -> db.read(history -> history.activities().read(
                ActivityFilter.verb("write"), 0, 10)));

        assertThat(ofA).singleElement().satisfies(activity -> {
            assertThat(activity.actor()).contains("alice");
            assertThat(((Memo) activity.object().version().orElseThrow().entity()).getText()).isEqualTo("of a");
        });
        assertThat(ofB).singleElement().satisfies(activity -> assertThat(activity.object().id()).isEqualTo(2L));
    }
}
