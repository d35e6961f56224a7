package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.model.Attribution;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.hibernate.internal.nativemode.NativeTriggers;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the triggers of natively versioned entities who makes the current transaction's changes:
 * before the first write of a session's transaction that may change a natively versioned table (an
 * entity event of such an entity, a bulk or native mutation through Hibernate), the user and the
 * address that {@link ChangeContext} or the context provider give are set in transaction-local
 * settings (on MariaDB, user variables tagged with the transaction), which the trigger that
 * allocates the transaction row reads. A transaction that Continuum
 * did not attribute (JDBC through {@code doWork} alone, another program) gets what the database
 * knows: its session user and client address.
 */
final class NativeAttribution {

    private final Set<String> entityNames;
    private final Set<String> tables;
    private final TransactionContextProvider contextProvider;
    private final int userIdLength;
    private final int remoteAddrLength;
    /** The statement that hands the user and the address to the database's triggers. */
    private final String sql;
    private final Map<SharedSessionContractImplementor, Boolean> attributed = new ConcurrentHashMap<>();

    private NativeAttribution(Set<String> entityNames, Set<String> tables, TransactionContextProvider contextProvider,
            int userIdLength, int remoteAddrLength, String sql) {
        this.entityNames = Set.copyOf(entityNames);
        this.tables = Set.copyOf(tables);
        this.contextProvider = contextProvider;
        this.userIdLength = userIdLength;
        this.remoteAddrLength = remoteAddrLength;
        this.sql = sql;
    }

    /** The attribution of the natively versioned entities of {@code model}, or null when it has none. */
    static NativeAttribution of(VersionModel model, TransactionContextProvider contextProvider, Dialect dialect) {
        Set<String> names = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (EntityModel entity : model.entities()) {
            if (entity.nativeVersioning()) {
                names.add(entity.entityName());
                tables.addAll(java.util.List.of(entity.persister().getPropertySpaces()));
            }
        }
        return names.isEmpty() ? null : new NativeAttribution(names, tables, contextProvider,
                model.settings().userIdLength(), model.settings().remoteAddrLength(),
                NativeTriggers.attributionSql(dialect));
    }

    /** Before Hibernate writes an entity: attributes the transaction when the entity is versioned natively. */
    void entityWrite(EntityPersister persister, SharedSessionContractImplementor session) {
        if (entityNames.contains(persister.getEntityName())) {
            attribute(session);
        }
    }

    /**
     * Before Hibernate runs a bulk or native mutation of {@code affected} (empty when a native
     * statement does not say): attributes the transaction when it may change a natively versioned table.
     */
    void mutation(SharedSessionContractImplementor session, Collection<String> affected) {
        if (affected == null || affected.isEmpty() || affected.stream().anyMatch(tables::contains)) {
            attribute(session);
        }
    }

    private void attribute(SharedSessionContractImplementor session) {
        if (!session.getTransactionCoordinator().isTransactionActive()
                || attributed.putIfAbsent(session, Boolean.TRUE) != null) {
            return;
        }
        session.getTransactionCompletionCallbacks().registerCallback(
                (AfterCompletionCallback) (success, completed) -> attributed.remove(session));
        String userId = ChangeContext.userId()
                .or(() -> contextProvider == null ? Optional.empty() : contextProvider.userId())
                .orElse(null);
        String remoteAddress = ChangeContext.remoteAddress()
                .or(() -> contextProvider == null ? Optional.empty() : contextProvider.remoteAddress())
                .orElse(null);
        HistoryStatements statements = new HistoryStatements(session);
        try (PreparedStatement statement = statements.prepare(sql)) {
            statement.setString(1, Optional.ofNullable(Attribution.userId(userId, userIdLength)).orElse(""));
            statement.setString(2, Optional.ofNullable(Attribution.remoteAddress(remoteAddress, remoteAddrLength))
                    .orElse(""));
            statement.execute();
        } catch (SQLException e) {
            attributed.remove(session);
            throw new VersioningException("Could not tell the database who makes the changes of this transaction ("
                    + e.getMessage() + ")", e);
        }
    }
}
