package dev.continuum.hibernate.internal.boot;

import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.write.VersioningRuntime;

import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.internal.JdbcServicesImpl;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.sql.exec.spi.JdbcMutationExecutor;

import java.util.Map;

/**
 * Lets the write path see the statements Hibernate runs outside its entity events: bulk HQL/JPQL
 * mutations (single-table ones, and the per-table statements of the inline and temporary-table
 * strategies for hierarchies) and native mutations that name their tables all run through the
 * {@link JdbcServices#getJdbcMutationExecutor() JDBC mutation executor}, which tells the tables
 * each statement affects. This contributes Hibernate's own JDBC services with that executor
 * wrapped; the statement is checked before it runs (see {@code continuum.bulk_mutations}).
 * Discovered through {@link java.util.ServiceLoader}.
 */
public final class BulkMutationSignal implements ServiceContributor, StandardServiceInitiator<JdbcServices> {

    @Override
    public void contribute(StandardServiceRegistryBuilder builder) {
        builder.addInitiator(this);
    }

    @Override
    public Class<JdbcServices> getServiceInitiated() {
        return JdbcServices.class;
    }

    @Override
    public JdbcServices initiateService(Map<String, Object> configurationValues, ServiceRegistryImplementor registry) {
        return new SignallingJdbcServices();
    }

    /** Hibernate's JDBC services, whose mutation executor tells the write path of each statement first. */
    private static final class SignallingJdbcServices extends JdbcServicesImpl {

        private volatile JdbcMutationExecutor executor;

        @Override
        public JdbcMutationExecutor getJdbcMutationExecutor() {
            JdbcMutationExecutor current = executor;
            if (current == null) {
                JdbcMutationExecutor hibernates = super.getJdbcMutationExecutor();
                current = (mutation, bindings, statementCreator, expectationCheck, context) -> {
                    ContinuumService.WritePath writePath = context.getSession().getFactory().getServiceRegistry()
                            .requireService(ContinuumService.class).writePath();
                    if (writePath instanceof VersioningRuntime runtime) {
                        runtime.bulkMutation(context.getSession(), mutation.getSqlString(),
                                mutation.getAffectedTableNames());
                    }
                    return hibernates.execute(mutation, bindings, statementCreator, expectationCheck, context);
                };
                executor = current;
            }
            return current;
        }
    }
}
