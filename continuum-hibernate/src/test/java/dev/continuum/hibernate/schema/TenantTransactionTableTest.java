package dev.continuum.hibernate.schema;

import dev.continuum.SchemaMismatchException;
import dev.continuum.hibernate.ContinuumSchema;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.tenant.Memo;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.continuum.hibernate.schema.Units.cause;
import static dev.continuum.hibernate.schema.Units.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A persistence unit with a {@code @TenantId} entity gets a tenant column in its transaction table,
 * which the schema scripts create and the boot check requires; other units have none.
 */
@Model(Note.class)
class TenantTransactionTableTest {

    private static PersistenceConfiguration offline(Class<?> entity) {
        return new PersistenceConfiguration("offline")
                .provider(HibernatePersistenceProvider.class.getName())
                .managedClass(entity)
                .property("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .property("hibernate.boot.allow_jdbc_metadata_access", "false");
    }

    @Test
    void theCreateScriptGivesTheTransactionTableATenantColumnOnlyUnderTenancy() {
        assertThat(ContinuumSchema.createStatements(offline(Memo.class))).contains(
                "create table transaction (id bigint not null, issued_at timestamp(6) with time zone not null, "
                        + "remote_addr varchar(50), tenant_id varchar(255), user_id varchar(255), primary key (id))");
        assertThat(ContinuumSchema.createStatements(offline(Note.class)))
                .noneMatch(statement -> statement.contains("tenant_id"));
    }

    @DatabaseTest
    void theBootCheckRequiresTheTenantColumn(Db db) {
        EntityManagerFactory created = unit(db, "create-drop", "tt", List.of(Memo.class));
        try {
            db.execute("alter table tt_tx drop column tenant_id");

            Throwable thrown = catchThrowable(() -> unit(db, "none", "tt", List.of(Memo.class)).close());

            assertThat(cause(thrown, SchemaMismatchException.class).getMessage()).contains(
                    "- The transaction table 'tt_tx' has no column 'tenant_id'. Fix: alter table if exists tt_tx add "
                            + "column tenant_id varchar(255)");
        } finally {
            created.close();
        }
    }
}
